// Offline use in a tablet browser: after one visit to the picture questionnaire the service worker has
// cached the built files it lists, so with the network off the page reloads, runs and scores. The
// cache must hold only built files, unchanged, and never the search index. The test server on
// 127.0.0.1 is a secure context, so Chromium registers the worker as it would on HTTPS.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { startServer } from './server.mjs';
import { SITE_DIR, TABLET_PORTRAIT, assertNoProblems, launchBrowser, openTablet, waitForEngine } from './lib.mjs';

const FORM = 'pupil-early';
const HOLD_MS = 2000;

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

/** Returns the URL paths the built service worker lists for its cache. */
async function precacheList() {
  const worker = await readFile(path.join(SITE_DIR, 'sw.js'), 'utf8');
  const list = worker.match(/^const PRECACHE = (\[.*\]);$/m);
  assert.ok(list, 'sw.js lists the files it caches');
  return JSON.parse(list[1]);
}

/** Returns every cached response as `{ url, body }`. */
async function cachedFiles(page) {
  return page.evaluate(async () => {
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
}

async function waitForCache(page, expected) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const cached = new Set((await cachedFiles(page)).map((entry) => new URL(entry.url).pathname));
    const missing = expected.filter((url) => !cached.has(url));
    if (missing.length === 0) {
      return;
    }
    if (Date.now() > deadline) {
      assert.fail(`the cache never held ${missing.length} listed files, such as ${missing.slice(0, 3).join(', ')}`);
    }
    await page.waitForTimeout(200);
  }
}

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

test('picture questionnaire works offline', async () => {
  const { context, page, problems } = await openTablet(browser, server.origin, TABLET_PORTRAIT);
  try {
    const precache = await precacheList();
    const pageUrl = `/questionnaires/${FORM}/`;
    assert.ok(precache.includes(pageUrl), 'the worker lists the picture questionnaire');
    assert.ok(precache.some((url) => url.endsWith('/answer-a-lot.svg')), 'the worker lists the answer pictures');
    assert.ok(!precache.some((url) => url.includes('search-index')), 'the worker does not list the search index');

    await page.goto(new URL(pageUrl.slice(1), server.url).href);
    await waitForEngine(page);
    assert.equal(await page.evaluate(() => navigator.serviceWorker.ready.then(() => true)), true);
    await waitForCache(page, precache);

    await context.setOffline(true);
    const response = await page.reload();
    await waitForEngine(page);
    assert.equal(await page.evaluate(() => navigator.onLine), false, 'the browser is offline');
    assert.equal(response.fromServiceWorker(), true, 'the worker serves the page');

    // F1 scores 6.00, F2 3.00, F3 and F4 0.00.
    await page.locator('#picture-begin').tap();
    for (let index = 0; index < 24; index += 1) {
      const value = [6, 3, 0, 0][index % 4];
      const radio = page.locator(`input[name="e${String(index + 1).padStart(2, '0')}"][value="${value}"]`);
      const pictures = page.locator('.picture__item:visible img');
      const loaded = await pictures.evaluateAll((images) => images.every((image) => image.complete && image.naturalWidth > 0));
      assert.equal(loaded, true, `question ${index + 1}: the pictures load offline`);
      await page.locator('label.picture__option', { has: radio }).tap();
      await page.locator('#picture-next').tap();
    }
    await page.locator('#picture-hand-over').waitFor({ state: 'visible' });
    await touchHold(page, page.locator('#hand-over-hold'), HOLD_MS + 400);
    await page.locator('#questionnaire-results').waitFor({ state: 'visible' });
    const scores = await page
      .locator('#questionnaire-results [data-dimension]')
      .evaluateAll((elements) => Object.fromEntries(elements.map((element) => [element.dataset.dimension, element.dataset.score])));
    assert.deepEqual(scores, { F1: '6.00', F2: '3.00', F3: '0.00', F4: '0.00' });
    assert.equal(await page.locator('[data-primary]').count(), 1, 'F1 alone is the main function');

    const cached = await cachedFiles(page);
    assert.ok(cached.length >= precache.length, 'the cache holds the listed files');
    for (const { url, body } of cached) {
      const { origin, pathname } = new URL(url);
      assert.equal(origin, server.origin, `cached ${url} is of the site`);
      assert.ok(!pathname.includes('search-index'), `the search index is not cached: ${url}`);
      const file = path.join(SITE_DIR, decodeURIComponent(pathname), pathname.endsWith('/') ? 'index.html' : '');
      const built = await readFile(file, 'utf8').catch(() => null);
      assert.notEqual(built, null, `cached ${url} is a built file`);
      assert.equal(body === built, true, `cached ${url} is the built file unchanged, so it holds no answer`);
    }

    await page.locator('#results-restart').tap();
    await page.locator('#picture-start').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#questionnaire-form input:checked').count(), 0);
    assertNoProblems(problems, page.url());
  } finally {
    await context.close();
  }
});
