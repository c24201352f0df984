// The questionnaire pages in a tablet browser: a person answers by tapping the labels and finishes. The
// results must match scores computed independently here with exact fractions (BigInt). The answer sets
// include a tie exactly at the tolerance and a function left unscored by a missing answer. Also checks the summary of
// unanswered questions, "Clear answers", "Start again", the response code, accessibility and that the
// pages cause no console errors, CSP violations or requests to other origins.

import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';

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

const FUNCTIONS = ['F1', 'F2', 'F3', 'F4'];
const TOLERANCE_HUNDREDTHS = 25n;
const STORAGE_PREFIX = 'attendance-guide:questionnaire:';

// ---------------------------------------------------------------------------------------------------------
// An independent scorer: item i (from 0) belongs to function i mod 4, as the shipped forms write out.
// A function is scored when at least `minimum` of its six items are answered (all six by default).

/** Returns per function `{ id, score, primary }`, with score as "4.50" or null when not scored. */
function expectedResults(answers, { minimum = 6 } = {}) {
  const sums = FUNCTIONS.map(() => ({ sum: 0n, count: 0n }));
  answers.forEach((value, index) => {
    if (value !== null) {
      sums[index % 4].sum += BigInt(value);
      sums[index % 4].count += 1n;
    }
  });
  const scores = sums.map(({ sum, count }) => (count >= BigInt(minimum) ? { num: sum, den: count } : null));

  const scored = scores.filter((score) => score !== null);
  const top = scored.reduce((best, score) => (best === null || greater(score, best) ? score : best), null);
  return scores.map((score, index) => ({
    id: FUNCTIONS[index],
    score: score === null ? null : formatHundredths(score),
    // score + tolerance >= top, cross-multiplied: (100·n + 25·d)·D >= 100·N·d.
    primary: score !== null && (100n * score.num + TOLERANCE_HUNDREDTHS * score.den) * top.den >= 100n * top.num * score.den,
  }));
}

function greater(a, b) {
  return a.num * b.den > b.num * a.den;
}

/** Two decimals, rounded half up from the exact fraction. */
function formatHundredths({ num, den }) {
  const hundredths = (200n * num + den) / (2n * den);
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
}

// An independent response-code encoder, following the documented layout: form (5 bits), version
// (10 bits), 3 bits per 7-option item (0 unanswered, position + 1), zero padding, and a check symbol
// sum = (sum XOR s) · α over GF(32) with x⁵ + x² + 1.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function expectedCode(form, version, positions) {
  let bits = form.toString(2).padStart(5, '0') + version.toString(2).padStart(10, '0');
  for (const position of positions) {
    bits += (position === null ? 0 : position + 1).toString(2).padStart(3, '0');
  }
  bits = bits.padEnd(Math.ceil(bits.length / 5) * 5, '0');
  const symbols = bits.match(/.{5}/g).map((chunk) => parseInt(chunk, 2));

  let check = 0;
  for (const symbol of symbols) {
    check = (check ^ symbol) << 1;
    if (check >= 32) {
      check ^= 0b100101;
    }
  }
  const text = [...symbols, check].map((symbol) => ALPHABET[symbol]).join('');
  return text.match(/.{1,4}/g).join('-');
}

test('independent encoder reproduces the documented example', () => {
  const answers = Array.from({ length: 24 }, (_, index) => [6, 2, 1, 0][index % 4]);
  assert.equal(expectedCode(0, 1, answers), '001X-MFD3-V8YT-7PHX-M8S');
});

test('independent scorer rounds and ranks exactly', () => {
  const results = expectedResults(answersByFunction([[5, 5, 4, 4], [4, 4, 4, 5], [4, 4, 4, 4, 5], [1]]), { minimum: 4 });
  assert.deepEqual(
    results.map((result) => [result.score, result.primary]),
    [
      ['4.50', true],
      ['4.25', true],
      ['4.20', false],
      [null, false],
    ],
  );
});

/**
 * Builds 24 answers from each function's values: `byFunction[f][k]` answers the k-th item of function f
 * (items f, f + 4, f + 8, …); a shorter list leaves the remaining items unanswered.
 */
function answersByFunction(byFunction) {
  return Array.from({ length: 24 }, (_, index) => byFunction[index % 4][Math.floor(index / 4)] ?? null);
}

// ---------------------------------------------------------------------------------------------------------
// Answer sets for the pupil form, each with what it exercises.

const ANSWER_SETS = [
  {
    name: 'one main function',
    answers: answersByFunction([[6, 6, 6, 6, 6, 6], [3, 3, 3, 3, 3, 3], [0, 1, 2, 3, 4, 5], [1, 1, 1, 1, 1, 2]]),
    summary: /The main function is F1/,
  },
  {
    // F2 is 1/6 below F1 (inside the tolerance), F3 2/6 below (outside it).
    name: 'mixed profile near the tolerance',
    answers: answersByFunction([[5, 5, 4, 4, 4, 5], [5, 4, 4, 4, 4, 5], [4, 4, 4, 4, 4, 5], [0, 0, 0, 0, 0, 1]]),
    summary: /Mixed profile/,
  },
  {
    name: 'missing answer leaves F1 not scored',
    answers: answersByFunction([[6, 6, null, 6, 6, 6], [2, 2, 2, 2, 2, 2], [5, 5, 5, 5, 5, 4], [0, 0, 0, 0, 0, 0]]),
    summary: /The main function is F3/,
  },
  {
    name: 'all equal',
    answers: answersByFunction([[3, 3, 3, 3, 3, 3], [3, 3, 3, 3, 3, 3], [3, 3, 3, 3, 3, 3], [3, 3, 3, 3, 3, 3]]),
    summary: /No single function stands out/,
  },
];

// ---------------------------------------------------------------------------------------------------------
// Page helpers.

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

async function openForm(device, id, { minimum } = {}) {
  const tablet = await openTablet(browser, server.origin, device);
  await tablet.page.emulateMedia({ reducedMotion: 'reduce' });
  if (minimum) {
    await useMinimumAnswered(tablet.page, id, minimum);
  }
  await tablet.page.goto(new URL(`questionnaires/${id}/`, server.url).href);
  await waitForEngine(tablet.page);
  await tablet.page.locator('#questionnaire-finish:not([disabled])').waitFor({ timeout: 10_000 });
  return tablet;
}

/**
 * Serves the form's page with its compiled definition's minimum answered per function changed. With 6
 * items and the default of all 6, scores are multiples of 1/6 and cannot differ by exactly 0.25. With a
 * minimum of 4, four answered items give multiples of 1/4, so a tie exactly at the tolerance can be
 * answered on the real page.
 */
async function useMinimumAnswered(page, id, minimum) {
  await page.route(
    (url) => url.pathname === `/questionnaires/${id}/`,
    async (route) => {
      const response = await route.fetch();
      const html = await response.text();
      const changed = html.replace('"minimumAnswered":[0,0,0,0]', `"minimumAnswered":[${Array(4).fill(minimum)}]`);
      assert.notEqual(changed, html, 'the page embeds minimumAnswered');
      await route.fulfill({ response, body: changed });
    },
  );
}

function itemId(prefix, index) {
  return `${prefix}${String(index + 1).padStart(2, '0')}`;
}

/** Taps the label of each given answer, as a person would; null answers are left alone. */
async function tapAnswers(page, prefix, answers) {
  for (const [index, value] of answers.entries()) {
    if (value === null) {
      continue;
    }
    const radio = page.locator(`input[name="${itemId(prefix, index)}"][value="${value}"]`);
    await page.locator('label.question__option', { has: radio }).tap();
    assert.equal(await radio.isChecked(), true, `${itemId(prefix, index)} = ${value} is chosen after the tap`);
  }
}

async function readResults(page) {
  return page.locator('#questionnaire-results [data-dimension]').evaluateAll((elements) =>
    elements.map((element) => ({
      id: element.dataset.dimension,
      score: element.hasAttribute('data-score') ? element.dataset.score : null,
      primary: element.hasAttribute('data-primary'),
    })),
  );
}

function sortById(results) {
  return [...results].sort((a, b) => a.id.localeCompare(b.id));
}

async function storedAnswers(page, id) {
  return page.evaluate((key) => sessionStorage.getItem(key), `${STORAGE_PREFIX}${id}:1`);
}

/** Finishes; when answers are missing, checks the summary first and then finishes anyway. */
async function finish(page, prefix, answers) {
  await page.locator('#questionnaire-finish').tap();
  const missing = answers.flatMap((value, index) => (value === null ? [`#item-${itemId(prefix, index)}`] : []));
  if (missing.length > 0) {
    const summary = page.locator('#questionnaire-missing');
    await summary.waitFor({ state: 'visible' });
    const links = await summary.locator('a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    assert.deepEqual(links, missing, 'the summary links every unanswered question');
    await page.locator('#questionnaire-finish-anyway').tap();
  }
  await page.locator('#questionnaire-results').waitFor({ state: 'visible' });
}

async function checkResults(page, expected, { summary, code }) {
  assert.deepEqual(sortById(await readResults(page)), expected);
  assert.match(await page.locator('#results-summary').textContent(), summary);
  assert.equal(await page.locator('#questionnaire-form').isVisible(), false, 'the form is hidden with the results');
  for (const result of expected) {
    const link = page.locator(`[data-dimension="${result.id}"] [data-part="resources"]`);
    assert.equal(await link.isVisible(), result.primary, `${result.id}: resources link shown only for a main function`);
  }
  if (code) {
    assert.equal(await page.locator('#results-code').getAttribute('data-code'), code);
  }
  assert.match(await page.locator('#results-chart desc').textContent(), /^F1 /);
}

async function startAgain(page, id) {
  await page.locator('#results-restart').tap();
  await page.locator('#questionnaire-form').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#questionnaire-results').isVisible(), false);
  assert.equal(await page.locator('#questionnaire-form input:checked').count(), 0, 'no answer is left chosen');
  assert.equal(await page.locator('[data-score], [data-primary]').count(), 0, 'no result is left in the page');
  assert.equal(await page.locator('#results-code').textContent(), '', 'no response code is left');
  assert.equal(await storedAnswers(page, id), null, 'nothing is left in session storage');
}

// ---------------------------------------------------------------------------------------------------------

for (const [deviceName, device] of [
  ['landscape', TABLET_LANDSCAPE],
  ['portrait', TABLET_PORTRAIT],
]) {
  describe(`pupil form, tablet ${deviceName}`, () => {
    test('answer sets score as computed independently', async () => {
      const { context, page, problems } = await openForm(device, 'pupil');
      try {
        await assertAccessible(page);
        for (const set of ANSWER_SETS) {
          await tapAnswers(page, 'p', set.answers);
          assert.notEqual(await storedAnswers(page, 'pupil'), null, `${set.name}: answers kept until finished`);
          await finish(page, 'p', set.answers);

          // On the 0–6 scale each option's position in the list equals its value.
          const positions = set.answers;
          await checkResults(page, expectedResults(set.answers), { summary: set.summary, code: expectedCode(0, 1, positions) });
          assert.equal(await storedAnswers(page, 'pupil'), null, `${set.name}: storage cleared on finishing`);
          if (set === ANSWER_SETS[2]) {
            const text = await page.locator('[data-dimension="F1"]').textContent();
            assert.match(text, /Not scored: 5 of 6 questions answered/);
            await assertAccessible(page);
          }
          await startAgain(page, 'pupil');
        }
        assertNoProblems(problems, page.url());
      } finally {
        await context.close();
      }
    });
  });
}

test('tie exactly at the tolerance is primary', async () => {
  const { context, page, problems } = await openForm(TABLET_LANDSCAPE, 'pupil', { minimum: 4 });
  try {
    // F1 4.50 and F2 4.25 (exactly 0.25 below), F3 4.20 (0.30 below), F4 with 3 answers not scored.
    const answers = answersByFunction([[5, 5, 4, 4], [4, 4, 4, 5], [4, 4, 4, 4, 5], [6, 6, 6]]);
    await tapAnswers(page, 'p', answers);
    await finish(page, 'p', answers);

    const expected = expectedResults(answers, { minimum: 4 });
    assert.deepEqual(
      expected.map((result) => [result.score, result.primary]),
      [
        ['4.50', true],
        ['4.25', true],
        ['4.20', false],
        [null, false],
      ],
    );
    await checkResults(page, expected, { summary: /Mixed profile: F1 .* and F2 /, code: expectedCode(0, 1, answers) });
    assertNoProblems(problems, page.url());
  } finally {
    await context.close();
  }
});

test('parent form scores once', async () => {
  const { context, page, problems } = await openForm(TABLET_PORTRAIT, 'parent');
  try {
    const answers = answersByFunction([[1, 2, 3, 4, 5, 6], [6, 6, 5, 5, 4, 4], [0, 0, 0, 1, 1, 1], [2, 2, 2, 2, 2, 2]]);
    await tapAnswers(page, 'c', answers);
    await finish(page, 'c', answers);
    await checkResults(page, expectedResults(answers), { summary: /The main function is F2/, code: expectedCode(1, 1, answers) });
    await assertAccessible(page);
    assertNoProblems(problems, page.url());
  } finally {
    await context.close();
  }
});

test('unanswered questions are pointed out', async () => {
  const { context, page, problems } = await openForm(TABLET_LANDSCAPE, 'pupil');
  try {
    const answers = answersByFunction([[2, 2, 2, 2, 2, 2], [2, 2, 2, 2, 2, 2], [2, 2, null, 2, 2, 2], [2, 2, 2, 2, 2, null]]);
    await tapAnswers(page, 'p', answers);
    assert.equal(await page.locator('#questionnaire-progress').textContent(), '22 of 24 answered');
    await page.locator('#questionnaire-finish').tap();

    const summary = page.locator('#questionnaire-missing');
    await summary.waitFor({ state: 'visible' });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'questionnaire-missing', 'focus moves to the summary');
    assert.match(await summary.textContent(), /2 questions have no answer yet/);
    assert.equal(await page.locator('#questionnaire-results').isVisible(), false, 'nothing is scored silently');
    assert.equal(await page.locator('.question--missing').count(), 2, 'each unanswered question is marked');
    await assertAccessible(page);

    await summary.locator('a[href="#item-p11"]').tap();
    assert.equal(await page.evaluate(() => document.activeElement?.name), 'p11', 'the link moves focus into the question');
    await tapAnswers(page, 'p', Array.from({ length: 24 }, (_, index) => (index === 10 ? 4 : null)));
    assert.deepEqual(
      await summary.locator('a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href'))),
      ['#item-p24'],
      'the summary drops a question once answered',
    );

    await page.locator('#questionnaire-finish-anyway').tap();
    await page.locator('#questionnaire-results').waitFor({ state: 'visible' });
    const results = sortById(await readResults(page));
    assert.equal(results[3].score, null, 'F4 with an unanswered question is not scored');
    assert.equal(results[2].score, '2.33', 'F3 is scored once all its questions are answered');
    assertNoProblems(problems, page.url());
  } finally {
    await context.close();
  }
});

test('clear answers empties form and storage', async () => {
  const { context, page, problems } = await openForm(TABLET_PORTRAIT, 'pupil');
  try {
    await tapAnswers(page, 'p', [3, 4, 5, null, null, 1]);
    const stored = JSON.parse(await storedAnswers(page, 'pupil'));
    assert.deepEqual(stored, { p01: '3', p02: '4', p03: '5', p06: '1' });

    await page.reload();
    await waitForEngine(page);
    assert.equal(await page.locator('input[name="p02"][value="4"]').isChecked(), true, 'answers survive a reload');

    await page.locator('#questionnaire-clear').tap();
    assert.equal(await page.locator('#questionnaire-form input:checked').count(), 0);
    assert.equal(await storedAnswers(page, 'pupil'), null);
    assert.equal(await page.locator('#questionnaire-progress').textContent(), '0 of 24 answered');
    await page.locator('#questionnaire-status', { hasText: 'All answers are cleared.' }).waitFor();
    assert.equal(await page.locator('#questionnaire-clear').isVisible(), true);
    assertNoProblems(problems, page.url());
  } finally {
    await context.close();
  }
});

test('staff form lists answers unscored', async () => {
  const { context, page, problems } = await openForm(TABLET_LANDSCAPE, 'staff');
  try {
    await assertAccessible(page);
    await page.locator('#answer-s01').fill('Class teacher since August');
    const radio = page.locator('input[name="s02"][value="3"]');
    await page.locator('label.question__option', { has: radio }).tap();
    await page.locator('#questionnaire-finish').tap();
    await page.locator('#questionnaire-finish-anyway').tap();

    const answers = page.locator('#results-answers');
    await answers.waitFor({ state: 'visible' });
    assert.match(await answers.textContent(), /Class teacher since August/);
    assert.match(await answers.textContent(), /often/);
    assert.equal(await page.locator('[data-dimension]').count(), 0, 'the staff form is not scored');
    await assertAccessible(page);

    await page.locator('#results-restart').tap();
    assert.equal(await page.locator('#answer-s01').inputValue(), '');
    assert.equal(await storedAnswers(page, 'staff'), null);
    assertNoProblems(problems, page.url());
  } finally {
    await context.close();
  }
});

test('paper version has every question', async () => {
  const { context, page, problems } = await openTablet(browser, server.origin, TABLET_LANDSCAPE);
  try {
    await page.goto(new URL('questionnaires/pupil/paper/', server.url).href);
    await waitForEngine(page);
    assert.equal(await page.locator('.paper__grid tbody tr').count(), 24);
    assert.equal(await page.locator('button[data-action="print"]').isVisible(), true);
    await assertAccessible(page);
    assertNoProblems(problems, page.url());
  } finally {
    await context.close();
  }
});

test('back button does not bring results back', async () => {
  const { context, page, problems } = await openForm(TABLET_LANDSCAPE, 'pupil');
  try {
    const answers = ANSWER_SETS[0].answers;
    await tapAnswers(page, 'p', answers);
    await finish(page, 'p', answers);

    await page.locator('.breadcrumbs a', { hasText: 'Questionnaires' }).tap();
    await page.waitForURL((url) => url.pathname === '/questionnaires/');
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/questionnaires/pupil/');
    await waitForEngine(page);

    assert.equal(await page.locator('#questionnaire-results').isVisible(), false, 'results are gone');
    assert.equal(await page.locator('#questionnaire-form input:checked').count(), 0, 'answers are gone');
    assert.equal(await page.locator('[data-score]').count(), 0);
    assertNoProblems(problems, page.url());
  } finally {
    await context.close();
  }
});

test('form and results fit at 200 % zoom', async () => {
  // A 1024 × 768 tablet at 200 % zoom lays pages out in 512 × 384 CSS pixels.
  const zoomed = { ...TABLET_LANDSCAPE, viewport: { width: 512, height: 384 } };
  const { context, page, problems } = await openForm(zoomed, 'pupil');
  try {
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(await overflow(), 0, 'the form needs no sideways scrolling');

    const answers = ANSWER_SETS[1].answers;
    await tapAnswers(page, 'p', answers);
    await finish(page, 'p', answers);
    assert.equal(await overflow(), 0, 'the results need no sideways scrolling');
    assertNoProblems(problems, page.url());
  } finally {
    await context.close();
  }
});

test('without WebAssembly finish stays disabled', async () => {
  const { context, page, problems } = await openTablet(browser, server.origin, TABLET_PORTRAIT);
  try {
    await page.addInitScript(() => {
      delete window.WebAssembly;
    });
    await page.goto(new URL('questionnaires/pupil/', server.url).href);
    await page.locator('#questionnaire-unavailable').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await page.locator('#questionnaire-finish').isDisabled(), true);
    assert.match(await page.locator('#questionnaire-unavailable').textContent(), /paper version/);
    await assertAccessible(page);
    assertNoProblems(problems, page.url());
  } finally {
    await context.close();
  }
});

test('results accessible in dark mode', async () => {
  const { context, page, problems } = await openForm(TABLET_PORTRAIT, 'pupil');
  try {
    await page.emulateMedia({ colorScheme: 'dark' });
    const answers = ANSWER_SETS[1].answers;
    await tapAnswers(page, 'p', answers);
    await finish(page, 'p', answers);
    await assertAccessible(page);
    assertNoProblems(problems, page.url());
  } finally {
    await context.close();
  }
});
