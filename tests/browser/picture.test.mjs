// The picture questionnaire for young pupils in a tablet browser, landscape and portrait: a pupil
// completes it by taps alone and an adult presses and holds to see the results, which must match scores
// computed independently here. Speech synthesis is replaced by a recorder, so the test sees what the
// speaker button reads and which voice it uses. Every screen is checked for scrolling, target sizes and
// accessibility, and after "Next pupil" the back button, a reload and the browser's storage must show
// no answer.

import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { startServer } from './server.mjs';
import {
  SITE_DIR,
  TABLET_LANDSCAPE,
  TABLET_PORTRAIT,
  assertAccessible,
  assertNoProblems,
  launchBrowser,
  openTablet,
  waitForEngine,
} from './lib.mjs';

const FORM = 'pupil-early';
const FUNCTIONS = ['F1', 'F2', 'F3', 'F4'];
const TOLERANCE_HUNDREDTHS = 50n;
const LABELS = { 0: 'no', 3: 'sometimes', 6: 'a lot' };
const MIN_TARGET_PX = 48;
const HOLD_MS = 2000;

const LOCAL_VOICE = { name: 'Test local voice', lang: 'en-GB', localService: true, default: true, voiceURI: 'local' };
const REMOTE_VOICE = { name: 'Test online voice', lang: 'en-GB', localService: false, default: false, voiceURI: 'remote' };

// ---------------------------------------------------------------------------------------------------------
// An independent scorer: item i (from 0) belongs to function i mod 4, six items each, all needed.

/** Returns per function `{ id, score, primary }`, with score as "5.50" or null when not scored. */
function expectedResults(answers) {
  const sums = FUNCTIONS.map(() => ({ sum: 0n, count: 0n }));
  answers.forEach((value, index) => {
    if (value !== null) {
      sums[index % 4].sum += BigInt(value);
      sums[index % 4].count += 1n;
    }
  });
  const scores = sums.map(({ sum, count }) => (count === 6n ? { num: sum, den: count } : null));
  const scored = scores.filter((score) => score !== null);
  const top = scored.reduce((best, score) => (best === null || score.num * best.den > best.num * score.den ? score : best), null);
  return scores.map((score, index) => ({
    id: FUNCTIONS[index],
    score: score === null ? null : formatHundredths(score),
    primary: score !== null && (100n * score.num + TOLERANCE_HUNDREDTHS * score.den) * top.den >= 100n * top.num * score.den,
  }));
}

function formatHundredths({ num, den }) {
  const hundredths = (200n * num + den) / (2n * den);
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
}

function answersByFunction(byFunction) {
  return Array.from({ length: 24 }, (_, index) => byFunction[index % 4][Math.floor(index / 4)] ?? null);
}

test('independent scorer uses the wider tolerance', () => {
  const results = expectedResults(answersByFunction([[6, 6, 6, 6, 6, 6], [6, 6, 6, 6, 6, 3], [6, 6, 6, 6, 3, 3], [0, 0, 0, 0, 0, 0]]));
  assert.deepEqual(
    results.map((result) => [result.score, result.primary]),
    [
      ['6.00', true],
      ['5.50', true],
      ['5.00', false],
      ['0.00', false],
    ],
  );
});

// F1 6.00 and F2 5.50 are main functions together (0.50 apart), F3 1.50 and F4 0.00 are not.
const ANSWERS = answersByFunction([[6, 6, 6, 6, 6, 6], [6, 6, 3, 6, 6, 6], [3, 0, 3, 0, 3, 0], [0, 0, 0, 0, 0, 0]]);

// ---------------------------------------------------------------------------------------------------------
// Page helpers

let browser;
let server;

before(async () => {
  browser = await launchBrowser();
  server = await startServer(SITE_DIR, { basePath: '/' });
});

after(async () => {
  await server?.close();
  await browser?.close();
});

// Runs in the page before its scripts: speech synthesis records what it is asked to speak and offers the
// given voices. Chromium's utterance accepts only real voices, so a plain class replaces it.
function recordSpeech(voices) {
  window.__spoken = [];
  window.SpeechSynthesisUtterance = class {
    constructor(text) {
      this.text = text;
      this.voice = null;
      this.lang = '';
      this.onend = null;
      this.onerror = null;
    }
  };
  const synthesis = window.speechSynthesis;
  synthesis.getVoices = () => voices;
  synthesis.speak = (utterance) => {
    window.__spoken.push({ text: utterance.text, voice: utterance.voice?.name ?? null });
    setTimeout(() => utterance.onend?.(), 10);
  };
  synthesis.cancel = () => {};
}

async function openPicture(device, voices = [LOCAL_VOICE]) {
  const tablet = await openTablet(browser, server.origin, device);
  await tablet.context.addInitScript(recordSpeech, voices);
  await tablet.page.emulateMedia({ reducedMotion: 'reduce' });
  await tablet.page.goto(new URL('questionnaires/', server.url).href);
  await tablet.page.goto(new URL(`questionnaires/${FORM}/`, server.url).href);
  await waitForEngine(tablet.page);
  await tablet.page.locator('#picture-begin').waitFor({ state: 'visible' });
  return tablet;
}

async function spoken(page) {
  await page.waitForTimeout(200);
  return page.evaluate(() => window.__spoken.splice(0));
}

async function assertNoScroll(page, where) {
  const { scrollHeight, innerHeight, scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollHeight: document.scrollingElement.scrollHeight,
    innerHeight: window.innerHeight,
    scrollWidth: document.scrollingElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollHeight <= innerHeight, `${where}: page is ${scrollHeight} px tall in a ${innerHeight} px viewport`);
  assert.ok(scrollWidth <= innerWidth, `${where}: page is ${scrollWidth} px wide in a ${innerWidth} px viewport`);
}

/** Asserts that every visible button, label, summary and link of the questionnaire is at least 48 × 48 px. */
async function assertTargetSizes(page, where) {
  const targets = page.locator('#picture-questionnaire :is(button, label, summary, a):visible');
  const count = await targets.count();
  assert.ok(count > 0, `${where}: has targets`);
  for (let index = 0; index < count; index += 1) {
    const target = targets.nth(index);
    const box = await target.boundingBox();
    const name = (await target.textContent()).trim().slice(0, 40);
    assert.ok(box.width >= MIN_TARGET_PX, `${where}: "${name}" is ${box.width} px wide`);
    assert.ok(box.height >= MIN_TARGET_PX, `${where}: "${name}" is ${box.height} px tall`);
  }
}

async function checkScreen(page, where, { axe = false } = {}) {
  await assertNoScroll(page, where);
  await assertTargetSizes(page, where);
  if (axe) {
    await assertAccessible(page);
  }
}

function option(page, number, value) {
  const radio = page.locator(`input[name="e${String(number).padStart(2, '0')}"][value="${value}"]`);
  return { radio, label: page.locator('label.picture__option', { has: radio }) };
}

/** Presses and holds a touch point on the element for `ms` milliseconds, then lifts it. */
async function touchHold(page, locator, ms) {
  const box = await locator.boundingBox();
  const point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
    await page.waitForTimeout(ms);
    await session.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  } finally {
    await session.detach();
  }
}

async function readResults(page) {
  const results = await page.locator('#questionnaire-results [data-dimension]').evaluateAll((elements) =>
    elements.map((element) => ({
      id: element.dataset.dimension,
      score: element.hasAttribute('data-score') ? element.dataset.score : null,
      primary: element.hasAttribute('data-primary'),
    })),
  );
  return results.sort((a, b) => a.id.localeCompare(b.id));
}

/** Returns every entry of both web storages and the names of the IndexedDB databases. */
async function browserStorage(page) {
  return page.evaluate(async () => {
    const entries = (storage) => Object.fromEntries(Object.keys(storage).map((key) => [key, storage.getItem(key)]));
    const databases = (await indexedDB.databases()).map((database) => database.name);
    return { session: entries(sessionStorage), local: entries(localStorage), databases };
  });
}

/** Asserts that Cache Storage holds only files of the built site, each exactly as built. */
async function assertCacheHoldsBuiltFiles(page) {
  const cached = await page.evaluate(async () => {
    const entries = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        entries.push({ url: request.url, body: await response.text() });
      }
    }
    return entries;
  });
  for (const { url, body } of cached) {
    const { origin, pathname } = new URL(url);
    assert.equal(origin, server.origin, `cached ${url} is of the site`);
    const file = path.join(SITE_DIR, decodeURIComponent(pathname), pathname.endsWith('/') ? 'index.html' : '');
    const built = await readFile(file, 'utf8').catch(() => null);
    assert.notEqual(built, null, `cached ${url} is a built file`);
    assert.equal(body === built, true, `cached ${url} is the built file unchanged`);
  }
  return cached.length;
}

async function assertFreshStart(page, where) {
  await page.locator('#picture-start').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#questionnaire-form input:checked').count(), 0, `${where}: no answer is chosen`);
  assert.equal(await page.locator('[data-score], [data-primary]').count(), 0, `${where}: no result is in the page`);
  assert.equal(await page.locator('#questionnaire-results').isVisible(), false, `${where}: results are hidden`);
  assert.equal(await page.locator('#results-code').textContent(), '', `${where}: no response code is left`);
}

// ---------------------------------------------------------------------------------------------------------

for (const [deviceName, device, turned] of [
  ['landscape', TABLET_LANDSCAPE, TABLET_PORTRAIT],
  ['portrait', TABLET_PORTRAIT, TABLET_LANDSCAPE],
]) {
  describe(`picture questionnaire, tablet ${deviceName}`, () => {
    test('taps alone complete and score', async () => {
      const { context, page, problems } = await openPicture(device);
      try {
        await checkScreen(page, 'start screen', { axe: true });
        await page.locator('#picture-speaker').tap();
        assert.match((await spoken(page)).map((part) => part.text).join(' '), /Tap a picture to answer/);
        await page.locator('#picture-begin').tap();

        for (const [index, value] of ANSWERS.entries()) {
          const number = index + 1;
          const where = `question ${number}`;
          const heading = page.locator(`#question-e${String(number).padStart(2, '0')}`);
          assert.equal(await heading.isVisible(), true, `${where} is on screen`);
          assert.equal(await page.evaluate(() => document.activeElement?.id), await heading.getAttribute('id'), `${where}: focus is on the question`);
          assert.equal(await page.locator('#picture-progress-text').textContent(), `${number} of 24`);
          assert.equal(await page.locator('#picture-progress-bar').evaluate((bar) => bar.value), number);
          assert.equal(await page.locator('.picture__item:visible').count(), 1, `${where}: one question per screen`);
          await checkScreen(page, where, { axe: number === 1 });

          if (number === 1) {
            await page.locator('#picture-speaker').tap();
            const parts = await spoken(page);
            assert.deepEqual(
              parts.map((part) => part.text),
              [await heading.textContent(), 'no', 'sometimes', 'a lot'],
              'the speaker reads the question, then each option',
            );
            assert.deepEqual(new Set(parts.map((part) => part.voice)), new Set([LOCAL_VOICE.name]), 'only the local voice speaks');
          }

          const { radio, label } = option(page, number, value);
          await label.tap();
          assert.equal(await radio.isChecked(), true, `${where}: "${LABELS[value]}" is chosen by a tap`);

          if (number === 2) {
            await page.setViewportSize(turned.viewport);
            assert.equal(await radio.isChecked(), true, 'turning the tablet keeps the answer');
            await checkScreen(page, `${where} turned`);
            await page.setViewportSize(device.viewport);
          }
          if (number === 3) {
            await page.locator('#picture-back').tap();
            assert.equal(await option(page, 2, ANSWERS[1]).radio.isChecked(), true, 'going back shows the earlier answer');
            await page.locator('#picture-next').tap();
          }
          assert.equal(await page.locator('#picture-next').textContent(), number === 24 ? 'Finish' : 'Next');
          await page.locator('#picture-next').tap();
        }

        const handOver = page.locator('#picture-hand-over');
        await handOver.waitFor({ state: 'visible' });
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'hand-over-heading', 'focus is on the hand-over message');
        assert.match(await handOver.textContent(), /Please give the tablet back to your teacher/);
        assert.equal(await page.locator('#questionnaire-results').isVisible(), false, 'no result before the hand-over');
        assert.equal(await page.locator('[data-score]').count(), 0, 'nothing is scored before the hold');
        await checkScreen(page, 'hand-over screen', { axe: true });

        const hold = page.locator('#hand-over-hold');
        await hold.tap();
        await touchHold(page, hold, 600);
        assert.equal(await page.locator('#questionnaire-results').isVisible(), false, 'a tap or short hold shows nothing');
        await touchHold(page, hold, HOLD_MS + 400);
        await page.locator('#questionnaire-results').waitFor({ state: 'visible' });

        assert.deepEqual(await readResults(page), expectedResults(ANSWERS));
        assert.match(await page.locator('#results-summary').textContent(), /Mixed profile: F1 .* and F2 .*within 0\.50/);
        assert.equal(await page.locator('#results-indicative').isVisible(), true, 'results are marked indicative');
        assert.match(await page.locator('#results-early').textContent(), /Young children often choose the answers at either end/);
        assert.match(await page.locator('#results-code').getAttribute('data-code'), /^[0-9A-Z]{4}(-[0-9A-Z]{1,4})+$/);
        await assertAccessible(page);

        const storage = await browserStorage(page);
        assert.deepEqual(storage, { session: {}, local: {}, databases: [] }, 'browser storage holds no answer');

        await page.locator('#results-restart').tap();
        await assertFreshStart(page, 'after Next pupil');
        assert.equal(await page.evaluate(() => history.state), null, 'the history entry keeps no state');
        assert.equal(await page.locator('#picture-begin').isVisible(), true);

        await page.goBack();
        await page.waitForURL((url) => url.pathname === '/questionnaires/');
        await page.goForward();
        await page.waitForURL((url) => url.pathname === `/questionnaires/${FORM}/`);
        await assertFreshStart(page, 'after back and forward');

        await page.reload();
        await waitForEngine(page);
        await assertFreshStart(page, 'after a reload');
        assert.deepEqual(await browserStorage(page), { session: {}, local: {}, databases: [] }, 'storage is still empty');
        await assertCacheHoldsBuiltFiles(page);
        assertNoProblems(problems, page.url());
      } finally {
        await context.close();
      }
    });
  });
}

test('empty voice list disables speaker', async () => {
  const { context, page, problems } = await openPicture(TABLET_PORTRAIT, []);
  try {
    const speaker = page.locator('#picture-speaker');
    await page.evaluate(() => speechSynthesis.dispatchEvent(new Event('voiceschanged')));
    assert.equal(await speaker.isDisabled(), true);
    assert.equal((await speaker.textContent()).trim(), 'Read-aloud is not available on this device');
    await page.locator('#picture-begin').tap();
    assert.equal(await speaker.isDisabled(), true, 'the speaker stays disabled on the questions');
    assert.deepEqual(await spoken(page), [], 'nothing is spoken');
    await assertAccessible(page);
    assertNoProblems(problems, page.url());
  } finally {
    await context.close();
  }
});

test('online voices are never used', async () => {
  const { context, page, problems } = await openPicture(TABLET_LANDSCAPE, [REMOTE_VOICE]);
  try {
    const speaker = page.locator('#picture-speaker');
    assert.equal(await speaker.isDisabled(), true, 'a voice that is not local does not count');
    assert.equal((await speaker.textContent()).trim(), 'Read-aloud is not available on this device');
    assertNoProblems(problems, page.url());
  } finally {
    await context.close();
  }
});

test('voices arriving later enable speaker', async () => {
  const { context, page, problems } = await openPicture(TABLET_LANDSCAPE, []);
  try {
    const speaker = page.locator('#picture-speaker');
    assert.equal(await speaker.isDisabled(), true);
    await page.evaluate((voice) => {
      speechSynthesis.getVoices = () => [voice];
      speechSynthesis.dispatchEvent(new Event('voiceschanged'));
    }, LOCAL_VOICE);
    await page.locator('#picture-speaker:not([disabled])').waitFor();
    assert.equal((await speaker.textContent()).trim(), 'Listen');
    assert.deepEqual(await spoken(page), [], 'nothing is spoken before a tap');
    assertNoProblems(problems, page.url());
  } finally {
    await context.close();
  }
});

test('recorded audio is preferred', async () => {
  const { context, page, problems } = await openTablet(browser, server.origin, TABLET_LANDSCAPE);
  try {
    await context.addInitScript(recordSpeech, [LOCAL_VOICE]);
    await context.addInitScript(() => {
      window.__played = [];
      HTMLMediaElement.prototype.play = function play() {
        window.__played.push(new URL(this.src).pathname);
        setTimeout(() => this.dispatchEvent(new Event('ended')), 10);
        return Promise.resolve();
      };
    });
    // The built form has no recordings, so the page is served with one for the first question.
    await page.route(
      (url) => url.pathname === `/questionnaires/${FORM}/`,
      async (route) => {
        const response = await route.fetch();
        const html = await response.text();
        const changed = html.replace('id="item-e01"', 'id="item-e01" data-audio="/assets/images/questionnaire/e01.mp3"');
        assert.notEqual(changed, html, 'the page has the first question');
        await route.fulfill({ response, body: changed });
      },
    );
    await page.route('**/e01.mp3', (route) => route.fulfill({ status: 200, contentType: 'audio/mpeg', body: '' }));
    await page.goto(new URL(`questionnaires/${FORM}/`, server.url).href);
    await page.locator('#picture-begin').tap();
    await page.locator('#picture-speaker:not([disabled])').tap();
    await page.waitForTimeout(300);

    assert.deepEqual(await page.evaluate(() => window.__played), ['/assets/images/questionnaire/e01.mp3'], 'the question plays its recording');
    assert.deepEqual(
      (await spoken(page)).map((part) => part.text),
      ['no', 'sometimes', 'a lot'],
      'options without a recording are spoken',
    );
    assertNoProblems(problems, page.url());
  } finally {
    await context.close();
  }
});

test('hold with keyboard shows results', async () => {
  const { context, page, problems } = await openPicture(TABLET_LANDSCAPE);
  try {
    await page.locator('#picture-begin').tap();
    for (let index = 0; index < 24; index += 1) {
      await page.locator('#picture-next').tap();
    }
    const hold = page.locator('#hand-over-hold');
    await hold.focus();
    await page.keyboard.down(' ');
    await page.waitForTimeout(500);
    await page.keyboard.up(' ');
    assert.equal(await page.locator('#questionnaire-results').isVisible(), false, 'a short key press shows nothing');
    assert.equal(await page.locator('#hand-over-progress').evaluate((bar) => bar.value), 0, 'letting go resets the progress');

    await page.keyboard.down('Enter');
    await page.waitForTimeout(HOLD_MS + 400);
    await page.keyboard.up('Enter');
    await page.locator('#questionnaire-results').waitFor({ state: 'visible' });
    const results = await readResults(page);
    assert.deepEqual(results.map((result) => result.score), [null, null, null, null], 'skipped questions leave functions unscored');
    assertNoProblems(problems, page.url());
  } finally {
    await context.close();
  }
});

test('clear answers empties the form', async () => {
  const { context, page, problems } = await openPicture(TABLET_PORTRAIT);
  try {
    await page.locator('#picture-begin').tap();
    await option(page, 1, 6).label.tap();
    await page.locator('#picture-next').tap();
    await option(page, 2, 3).label.tap();
    await page.locator('#questionnaire-clear').tap();
    await assertFreshStart(page, 'after Clear answers');
    await page.locator('#questionnaire-status', { hasText: 'All answers are cleared.' }).waitFor();
    assert.deepEqual(await browserStorage(page), { session: {}, local: {}, databases: [] });
    assertNoProblems(problems, page.url());
  } finally {
    await context.close();
  }
});

test('reduced motion turns off transitions', async () => {
  const { context, page, problems } = await openPicture(TABLET_LANDSCAPE);
  try {
    await page.locator('#picture-begin').tap();
    const body = page.locator('.picture__item:visible .picture__option-body').first();
    const seconds = () => body.evaluate((element) => parseFloat(getComputedStyle(element).transitionDuration));
    assert.ok((await seconds()) <= 0.001, 'no transition with reduced motion');

    await page.emulateMedia({ reducedMotion: 'no-preference' });
    assert.ok((await seconds()) >= 0.1, 'a short transition otherwise');
    assertNoProblems(problems, page.url());
  } finally {
    await context.close();
  }
});

test('screens accessible in dark mode', async () => {
  const { context, page, problems } = await openPicture(TABLET_PORTRAIT);
  try {
    await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    await assertAccessible(page);
    await page.locator('#picture-begin').tap();
    await option(page, 1, 3).label.tap();
    await assertAccessible(page);
    for (let index = 0; index < 24; index += 1) {
      await page.locator('#picture-next').tap();
    }
    await page.locator('#picture-hand-over').waitFor({ state: 'visible' });
    await assertAccessible(page);
    assertNoProblems(problems, page.url());
  } finally {
    await context.close();
  }
});
