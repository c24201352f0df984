// Search: the matching rules of js/search.js run under Node, then the header's search box and the search
// page in a tablet browser. The terms searched for are taken from the built index, so the tests follow
// the guide's content rather than repeating it.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { startServer } from './server.mjs';
import { SITE_DIR, SITE_SUBPATH_DIR, TABLET_LANDSCAPE, assertAccessible, assertNoProblems, launchBrowser, openTablet } from './lib.mjs';
import { countMessage, fold, parseQuery, prepareIndex, search, tokenize } from '../../themes/default/js/search.js';

const INDEX_PATTERN = /\/search-index\.[0-9a-f]{10}\.json$/;
const NARROW_PHONE = { viewport: { width: 320, height: 640 }, hasTouch: true, isMobile: true };

function doc(url, title, { headings = [], text = '', section = '' } = {}) {
  return { kind: 'page', url, title, section, headings, text };
}

function index(...documents) {
  return prepareIndex({ version: 1, documents });
}

function marked(segments) {
  return segments.filter((segment) => segment.mark).map((segment) => segment.text);
}

describe('matching rules', () => {
  test('fold removes case and accents', () => {
    assert.equal(fold('Fàilte'), 'failte');
    assert.equal(fold('ÉCOLE'), 'ecole');
    assert.equal(fold('Straße'), 'strasse');
    assert.equal(fold('Øresund'), 'oresund');
    assert.equal(fold('plain'), 'plain');
  });

  test('tokenize keeps offsets of words', () => {
    const tokens = tokenize('Step 1: co-create');
    assert.deepEqual(
      tokens.map((token) => [token.folded, token.start, token.end]),
      [
        ['step', 0, 4],
        ['1', 5, 6],
        ['co', 8, 10],
        ['create', 11, 17],
      ],
    );
  });

  test('only an unfinished last word is a prefix', () => {
    assert.deepEqual(parseQuery('school att'), [
      { text: 'school', prefix: false },
      { text: 'att', prefix: true },
    ]);
    assert.deepEqual(parseQuery('school att '), [
      { text: 'school', prefix: false },
      { text: 'att', prefix: false },
    ]);
    assert.deepEqual(parseQuery('  '), []);
    assert.deepEqual(parseQuery('plan Plan'), [{ text: 'plan', prefix: false }]);
  });

  test('every word must match', () => {
    const pages = index(doc('/a/', 'Alpha', { text: 'pupil views' }), doc('/b/', 'Beta', { text: 'pupil data' }));
    assert.deepEqual(search(pages, 'pupil data').map((r) => r.url), ['/b/']);
    assert.deepEqual(search(pages, 'pupil').map((r) => r.url), ['/a/', '/b/']);
    assert.deepEqual(search(pages, 'pupil nothing').map((r) => r.url), []);
  });

  test('title beats heading beats text', () => {
    const pages = index(
      doc('/text/', 'One', { text: 'The plan is agreed. The plan is reviewed.' }),
      doc('/heading/', 'Two', { headings: [{ id: 'the-plan', text: 'The plan' }], text: 'The plan' }),
      doc('/title/', 'The plan', { text: 'Agreed together.' }),
    );
    assert.deepEqual(search(pages, 'plan').map((r) => r.url), ['/title/', '/heading/#the-plan', '/text/']);
  });

  test('whole word beats prefix', () => {
    const pages = index(doc('/long/', 'Planning'), doc('/exact/', 'Plan'));
    assert.deepEqual(search(pages, 'plan').map((r) => r.url), ['/exact/', '/long/']);
    assert.deepEqual(search(pages, 'plan ').map((r) => r.url), ['/exact/']);
  });

  test('accents are ignored both ways', () => {
    const pages = index(doc('/gaelic/', 'Fàilte', { text: 'Ceud míle fàilte' }));
    assert.deepEqual(search(pages, 'failte mile').map((r) => r.url), ['/gaelic/']);
    assert.deepEqual(search(pages, 'FÁILTE').map((r) => r.url), ['/gaelic/']);
  });

  test('snippet marks matches around the best window', () => {
    const filler = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const pages = index(doc('/a/', 'A', { text: `${filler} the attendance data ${filler}` }));
    const [result] = search(pages, 'attendance dat');
    assert.deepEqual(marked(result.snippet), ['attendance', 'data']);
    assert.equal(result.snippet[0].text, '… ');
    assert.equal(result.snippet.at(-1).text, ' …');
    assert.ok(result.snippet.map((s) => s.text).join('').includes('word59 the attendance data word0'));
  });

  test('snippet without a text match starts the text', () => {
    const [result] = search(index(doc('/a/', 'Data', { text: 'Short text.' })), 'data');
    assert.deepEqual(result.snippet, [{ text: 'Short text.', mark: false }]);
    assert.deepEqual(marked(result.title), ['Data']);
  });

  test('unknown index version rejected', () => {
    assert.throws(() => prepareIndex({ version: 99, documents: [] }), /unsupported search index/);
    assert.throws(() => prepareIndex(null), /unsupported search index/);
  });

  test('count messages', () => {
    assert.equal(countMessage(0, ' xyz '), 'No results for “xyz”');
    assert.equal(countMessage(1, 'a'), '1 result for “a”');
    assert.equal(countMessage(3, 'a'), '3 results for “a”');
  });
});

// ---- In the browser ----

async function readIndex(siteDir) {
  const names = await readdir(path.join(siteDir, 'assets'));
  const name = names.find((file) => /^search-index\.[0-9a-f]{10}\.json$/.test(file));
  assert.ok(name, `no assets/search-index.<hash>.json in ${siteDir}`);
  return JSON.parse(await readFile(path.join(siteDir, 'assets', name), 'utf8'));
}

/**
 * Returns a word of at least eight letters that occurs in the body text of exactly one document, the
 * first one `accept` takes, and not in its title or headings: [word, document].
 */
function uniqueBodyWord(documents, accept) {
  const counts = new Map();
  for (const document of documents) {
    const words = new Set(tokenize(`${document.title} ${document.text}`).map((token) => token.folded));
    for (const word of words) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  for (const document of documents.filter(accept)) {
    const elsewhere = new Set(
      tokenize([document.title, ...document.headings.map((h) => h.text)].join(' ')).map((t) => t.folded),
    );
    // The word must also not start any other word of the site, so the prefix match finds only this page.
    const allWords = [...counts.keys()];
    const word = tokenize(document.text)
      .map((token) => token.folded)
      .find(
        (candidate) =>
          /^[a-z]{8,}$/.test(candidate) &&
          counts.get(candidate) === 1 &&
          !elsewhere.has(candidate) &&
          allWords.filter((other) => other.startsWith(candidate)).length === 1,
      );
    if (word) {
      return [word, document];
    }
  }
  assert.fail('no document has a word of eight or more letters that occurs only in its body text');
}

let browser;
let siteIndex;

before(async () => {
  browser = await launchBrowser();
  siteIndex = await readIndex(SITE_DIR);
});

after(async () => {
  await browser?.close();
});

async function withTablet(siteDir, basePath, device, run) {
  const server = await startServer(siteDir, { basePath });
  const { context, page, problems } = await openTablet(browser, server.origin, device);
  const indexRequests = [];
  page.on('request', (request) => {
    if (INDEX_PATTERN.test(new URL(request.url()).pathname)) {
      indexRequests.push(request.url());
    }
  });
  try {
    await run({ server, page, problems, indexRequests });
    assertNoProblems(problems, page.url());
    assert.deepEqual(server.misses, [], 'requests answered with 404');
  } finally {
    await context.close();
    await server.close();
  }
}

function searchBox(page) {
  return page.getByRole('combobox', { name: 'Search the guide' });
}

async function typeQuery(page, query) {
  const box = searchBox(page);
  await box.click();
  await box.fill('');
  await box.pressSequentially(query);
  await page.locator('#site-search-results [role="option"]').first().waitFor({ timeout: 10_000 });
}

describe('search box', () => {
  test('index not requested before use', async () => {
    await withTablet(SITE_DIR, '/', TABLET_LANDSCAPE, async ({ server, page, indexRequests }) => {
      await page.goto(server.url, { waitUntil: 'networkidle' });
      await page.locator('.site-search__form:not([hidden])').waitFor();
      await page.waitForTimeout(300);
      assert.deepEqual(indexRequests, [], 'the index was fetched before the search box was used');

      await searchBox(page).focus();
      await page.waitForResponse((response) => INDEX_PATTERN.test(new URL(response.url()).pathname));
      assert.equal(indexRequests.length, 1);
    });
  });

  test('body word found and opened with Enter', async () => {
    const [word, document] = uniqueBodyWord(siteIndex.documents, (d) => /\/step-\d\/$/.test(d.url));
    await withTablet(SITE_DIR, '/', TABLET_LANDSCAPE, async ({ server, page }) => {
      await page.goto(server.url);
      await typeQuery(page, word.slice(0, -1));

      const options = page.locator('#site-search-results [role="option"]');
      assert.equal(await options.count(), 1, `options for "${word.slice(0, -1)}"`);
      assert.match(await options.first().textContent(), new RegExp(document.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      assert.equal((await options.first().locator('mark').first().textContent()).toLowerCase(), word);

      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === document.url, { timeout: 10_000 });
    });
  });

  test('resource found and opened by tap', async () => {
    const resources = siteIndex.documents.filter((d) => d.kind === 'resource');
    assert.ok(resources.length > 0, 'the default guide has resources in its index');
    const resource = resources.at(-1);
    await withTablet(SITE_DIR, '/', TABLET_LANDSCAPE, async ({ server, page }) => {
      await page.goto(server.url);
      await typeQuery(page, resource.title);
      const option = page.locator(`#site-search-results [role="option"][data-url="${resource.url}"]`);
      assert.equal(await option.count(), 1, `no option for ${resource.url} when searching "${resource.title}"`);
      assert.ok((await option.textContent()).includes(resource.title), 'the option shows the resource title');
      assert.ok((await option.textContent()).includes(resource.section), 'the option names the library');
      await option.tap();
      await page.waitForURL((url) => url.pathname === resource.url, { timeout: 10_000 });
    });
  });

  test('content page found and opened by tap', async () => {
    const [word, document] = uniqueBodyWord(siteIndex.documents, (d) => d.kind === 'page' && /\/step-\d\/.+/.test(d.url));
    await withTablet(SITE_DIR, '/', TABLET_LANDSCAPE, async ({ server, page }) => {
      await page.goto(server.url);
      await typeQuery(page, word);
      await page.locator('#site-search-results [role="option"]').first().tap();
      await page.waitForURL((url) => url.pathname === document.url, { timeout: 10_000 });
    });
  });

  test('keyboard moves through results', async () => {
    await withTablet(SITE_DIR, '/', TABLET_LANDSCAPE, async ({ server, page }) => {
      await page.goto(server.url);
      await typeQuery(page, 'attendance');
      const box = searchBox(page);
      const options = page.locator('#site-search-results [role="option"]');
      assert.ok((await options.count()) >= 3, 'a common word finds several pages');
      assert.equal(await box.getAttribute('aria-expanded'), 'true');

      await page.keyboard.press('ArrowDown');
      assert.equal(await box.getAttribute('aria-activedescendant'), await options.nth(0).getAttribute('id'));
      assert.equal(await options.nth(0).getAttribute('aria-selected'), 'true');
      await page.keyboard.press('ArrowDown');
      assert.equal(await box.getAttribute('aria-activedescendant'), await options.nth(1).getAttribute('id'));
      assert.equal(await options.nth(0).getAttribute('aria-selected'), 'false');
      await page.keyboard.press('ArrowUp');
      assert.equal(await box.getAttribute('aria-activedescendant'), await options.nth(0).getAttribute('id'));

      await page.keyboard.press('Escape');
      assert.equal(await box.getAttribute('aria-expanded'), 'false');
      assert.equal(await box.getAttribute('aria-activedescendant'), null);
      assert.equal(await page.locator('.site-search__popup').isVisible(), false);
      assert.equal(await box.inputValue(), 'attendance', 'Escape closes the results but keeps the text');

      await page.keyboard.press('ArrowDown');
      await page.locator('.site-search__popup').waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === '/search/' && url.searchParams.get('q') === 'attendance');
    });
  });

  test('accents and case ignored', async () => {
    await withTablet(SITE_DIR, '/', TABLET_LANDSCAPE, async ({ server, page }) => {
      await page.goto(server.url);
      await typeQuery(page, 'attendance');
      const plain = await page.locator('#site-search-results [role="option"]').allTextContents();
      await typeQuery(page, 'ÀTTÉNDANCE');
      const accented = await page.locator('#site-search-results [role="option"]').allTextContents();
      assert.deepEqual(accented, plain);
    });
  });

  test('result count announced', async () => {
    await withTablet(SITE_DIR, '/', TABLET_LANDSCAPE, async ({ server, page }) => {
      await page.goto(server.url);
      await typeQuery(page, 'attendance');
      const status = page.locator('.site-search [role="status"]');
      await assert.doesNotReject(status.filter({ hasText: /^\d+ results? for “attendance”$/ }).waitFor({ state: 'attached' }));

      await searchBox(page).fill('zzzqqq');
      await status.filter({ hasText: 'No results for “zzzqqq”' }).waitFor({ state: 'attached' });
      assert.equal(await page.locator('.site-search__summary').textContent(), 'No results for “zzzqqq”');
    });
  });

  test('no violations with results open', async () => {
    await withTablet(SITE_DIR, '/', TABLET_LANDSCAPE, async ({ server, page }) => {
      await page.goto(server.url);
      await typeQuery(page, 'pupil');
      await page.keyboard.press('ArrowDown');
      await assertAccessible(page);
    });
  });

  test('index text never becomes markup', async () => {
    await withTablet(SITE_DIR, '/', TABLET_LANDSCAPE, async ({ server, page }) => {
      const hostile = {
        version: 1,
        documents: [doc('/', '<img src=x id=injected> pupil', { text: '<b id=bold>pupil</b> text' })],
      };
      await page.route(INDEX_PATTERN, (route) => route.fulfill({ json: hostile }));
      await page.goto(server.url);
      await typeQuery(page, 'pupil');
      const option = page.locator('#site-search-results [role="option"]').first();
      assert.equal(await page.locator('#injected, #bold').count(), 0);
      assert.match(await option.textContent(), /<img src=x id=injected>/);
    });
  });

  test('fits a 320 px screen', async () => {
    await withTablet(SITE_DIR, '/', NARROW_PHONE, async ({ server, page }) => {
      await page.goto(server.url);
      await typeQuery(page, 'pupil');
      const popup = await page.locator('.site-search__popup').boundingBox();
      assert.ok(popup.x >= 0, `popup starts at ${popup.x} px`);
      assert.ok(popup.x + popup.width <= 320, `popup ends at ${popup.x + popup.width} px`);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scrollWidth <= 320, `page scrolls sideways: ${scrollWidth} px wide`);
    });
  });

  test('works under a base-url sub-path', async () => {
    await withTablet(SITE_SUBPATH_DIR, '/guide/', TABLET_LANDSCAPE, async ({ server, page, indexRequests }) => {
      await page.goto(server.url);
      await typeQuery(page, 'attendance');
      assert.ok(new URL(indexRequests[0]).pathname.startsWith('/guide/assets/'), indexRequests[0]);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname.startsWith('/guide/') && url.pathname !== '/guide/search/');
    });
  });
});

describe('search page', () => {
  test('shows every result for q', async () => {
    await withTablet(SITE_DIR, '/', TABLET_LANDSCAPE, async ({ server, page }) => {
      await page.goto(`${server.url}search/?q=attendance`);
      const results = page.locator('.search-results > li');
      await results.first().waitFor({ timeout: 10_000 });
      const expected = search(prepareIndex(siteIndex), 'attendance').length;
      assert.equal(await results.count(), expected);
      assert.equal(await page.getByRole('status').filter({ hasText: 'results for' }).textContent(), countMessage(expected, 'attendance'));
      assert.ok((await results.first().locator('mark').count()) > 0, 'matches are highlighted');
      assert.equal(await page.getByRole('searchbox', { name: 'Search for' }).inputValue(), 'attendance');
      assert.equal(await page.locator('.search-page__all').isVisible(), false);
      await assertAccessible(page);

      await page.getByRole('searchbox', { name: 'Search for' }).fill('pupil views');
      await page.waitForURL((url) => url.searchParams.get('q') === 'pupil views');
      await results.first().locator('a').click();
      await page.waitForURL((url) => url.pathname !== '/search/');
    });
  });

  test('lists every page without JavaScript', async () => {
    const server = await startServer(SITE_DIR);
    const context = await browser.newContext({ ...TABLET_LANDSCAPE, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      await page.getByRole('link', { name: 'Search the guide' }).click();
      await page.waitForURL((url) => url.pathname === '/search/');
      const links = await page.locator('.search-page__all a').evaluateAll((anchors) =>
        anchors.map((anchor) => new URL(anchor.href).pathname),
      );
      assert.deepEqual(links.toSorted(), siteIndex.documents.map((d) => d.url).toSorted());
      assert.equal(await page.locator('form[role="search"]').isVisible(), false);
    } finally {
      await context.close();
      await server.close();
    }
  });
});
