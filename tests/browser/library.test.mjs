// The resource library in a tablet browser. Tapping filters narrows the cards and updates the counts,
// and the filter state round-trips through the URL. Further tests cover the text and tag filters,
// keyboard-only use, the page without JavaScript, a sub-path build, and accessibility of the library
// and a resource page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer } from './server.mjs';
import {
  SITE_DIR,
  SITE_SUBPATH_DIR,
  TABLET_LANDSCAPE,
  assertAccessible,
  assertCspMeta,
  assertNoProblems,
  launchBrowser,
  openTablet,
} from './lib.mjs';

const FACETS = ['function', 'step', 'audience', 'level', 'tier', 'type'];

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

async function withLibrary(root, basePath, run, device = TABLET_LANDSCAPE) {
  const server = await startServer(root, { basePath });
  const { context, page, problems } = await openTablet(browser, server.origin, device);
  try {
    await run({ server, page, problems, library: `${server.url}resources/` });
    assertNoProblems(problems, page.url());
    assert.deepEqual(server.misses, [], 'requests answered with 404');
  } finally {
    await context.close();
    await server.close();
  }
}

/** Opens the library and waits for the script to reveal the filters. */
async function openLibrary(page, url) {
  await page.goto(url);
  await page.locator('#library-filters').waitFor({ state: 'visible', timeout: 10_000 });
}

/** Returns every card's id, facet values and tags, and whether it is shown. */
function readCards(page) {
  return page.locator('[data-resource]').evaluateAll((cards, facets) =>
    cards.map((card) => ({
      id: card.dataset.resource,
      shown: !card.hidden,
      text: card.textContent.toLowerCase(),
      tags: [...card.querySelectorAll('[data-tag]')].map((tag) => tag.dataset.tag),
      values: Object.fromEntries(facets.map((facet) => [facet, (card.dataset[facet] ?? '').split(' ').filter(Boolean)])),
    })),
  FACETS);
}

function shownIds(cards) {
  return cards.filter((card) => card.shown).map((card) => card.id);
}

/** The filter rules, written out independently of js/library.js, to compute what the page should show. */
function passes(card, selected, except = null) {
  return Object.entries(selected).every(([facet, wanted]) => {
    if (facet === except || wanted.length === 0) {
      return true;
    }
    const values = card.values[facet];
    const everyLevel = facet === 'level' && values.includes('all');
    const everyFunction = facet === 'function' && values.length === 0;
    return everyLevel || everyFunction || wanted.some((value) => values.includes(value));
  });
}

function checkbox(page, facet, value) {
  return page.locator(`#library-filters input[name="${facet}"][value="${value}"]`);
}

/** Returns the count shown beside each option, as { "function=F1": 4, … }. */
function readCounts(page) {
  return page.locator('#library-filters input[type="checkbox"]').evaluateAll((boxes) =>
    Object.fromEntries(
      boxes.map((box) => [`${box.name}=${box.value}`, Number(box.closest('label').querySelector('[data-count]').textContent)]),
    ),
  );
}

function expectedCounts(cards, selected) {
  const counts = {};
  for (const facet of FACETS) {
    const options = new Set(cards.flatMap((card) => card.values[facet]).filter((value) => value !== 'all'));
    for (const value of options) {
      counts[`${facet}=${value}`] = cards.filter(
        (card) => passes(card, selected, facet) && passes(card, { [facet]: [value] }),
      ).length;
    }
  }
  return counts;
}

async function assertCountsMatch(page, cards, selected) {
  const shown = await readCounts(page);
  const expected = expectedCounts(cards, selected);
  for (const [option, count] of Object.entries(expected)) {
    assert.equal(shown[option], count, `count beside ${option} with ${JSON.stringify(selected)}`);
  }
}

async function statusText(page) {
  return (await page.locator('#library-status').textContent()).trim();
}

async function waitForStatus(page, pattern) {
  await page.waitForFunction(
    (source) => new RegExp(source).test(document.getElementById('library-status')?.textContent ?? ''),
    pattern.source,
    { timeout: 5_000 },
  );
}

test('tapping filters narrows cards and counts', async () => {
  await withLibrary(SITE_DIR, '/', async ({ page, library }) => {
    await openLibrary(page, library);
    await assertCspMeta(page);
    const all = await readCards(page);
    assert.ok(all.length >= 12, `only ${all.length} cards`);
    assert.ok(all.every((card) => card.shown), 'every card shows before filtering');
    await assertCountsMatch(page, all, {});
    const countsBefore = await readCounts(page);

    await checkbox(page, 'function', 'F1').tap();
    await waitForStatus(page, /Showing \d+ of \d+/);
    let cards = await readCards(page);
    const f1 = all.filter((card) => card.values.function.includes('F1') || card.values.function.length === 0).map((card) => card.id);
    assert.deepEqual(shownIds(cards), f1, 'only F1 cards and cards for every function show');
    assert.ok(f1.length > 0, 'some cards are for F1');
    assert.ok(f1.length < all.length, 'some cards are not for F1');
    assert.match(await statusText(page), new RegExp(`Showing ${f1.length} of ${all.length} resources`));
    assert.equal(new URL(page.url()).search, '?function=F1');
    await assertCountsMatch(page, all, { function: ['F1'] });
    assert.notDeepEqual(await readCounts(page), countsBefore, 'counts change with the filter');

    await checkbox(page, 'tier', '3').tap();
    await page.waitForURL((url) => url.search === '?function=F1&tier=3');
    cards = await readCards(page);
    const selected = { function: ['F1'], tier: ['3'] };
    const expected = all.filter((card) => passes(card, selected)).map((card) => card.id);
    assert.deepEqual(shownIds(cards), expected, 'F1 and tier 2 combine with AND');
    assert.ok(expected.length < f1.length, 'the second facet narrows the list');
    await assertCountsMatch(page, all, selected);

    await checkbox(page, 'function', 'F2').tap();
    await page.waitForURL((url) => url.search === '?function=F1&function=F2&tier=3');
    cards = await readCards(page);
    const either = { function: ['F1', 'F2'], tier: ['3'] };
    assert.deepEqual(shownIds(cards), all.filter((card) => passes(card, either)).map((card) => card.id), 'F1 or F2');
    await assertCountsMatch(page, all, either);

    await checkbox(page, 'level', 'senior').tap();
    cards = await readCards(page);
    const senior = { ...either, level: ['senior'] };
    const seniorIds = all.filter((card) => passes(card, senior)).map((card) => card.id);
    assert.deepEqual(shownIds(cards), seniorIds, 'cards for all levels count as senior');
    assert.ok(cards.some((card) => card.shown && card.values.level.includes('all')));

    await page.locator('#library-clear').tap();
    await waitForStatus(page, /Showing all/);
    assert.ok((await readCards(page)).every((card) => card.shown), 'clear filters shows every card');
    assert.equal(new URL(page.url()).search, '');
    assert.equal(await page.locator('#library-filters input:checked').count(), 0);
  });
});

test('filtered view round-trips through the URL', async () => {
  await withLibrary(SITE_DIR, '/', async ({ page, library }) => {
    await openLibrary(page, library);
    await checkbox(page, 'function', 'F1').tap();
    await checkbox(page, 'tier', '2').tap();
    await page.waitForURL((url) => url.search === '?function=F1&tier=2');
    const tapped = shownIds(await readCards(page));
    const sharedUrl = page.url();

    await openLibrary(page, `${library}?function=F1&tier=2`);
    assert.equal(page.url(), sharedUrl);
    const checked = await page.locator('#library-filters input:checked').evaluateAll((boxes) =>
      boxes.map((box) => `${box.name}=${box.value}`),
    );
    assert.deepEqual(checked, ['function=F1', 'tier=2']);
    assert.deepEqual(shownIds(await readCards(page)), tapped, 'the same cards show');

    await openLibrary(page, `${library}?function=F3,F4&step=9&colour=red`);
    const fromList = await page.locator('#library-filters input:checked').evaluateAll((boxes) =>
      boxes.map((box) => `${box.name}=${box.value}`),
    );
    assert.deepEqual(fromList, ['function=F3', 'function=F4'], 'comma lists read, unknown values ignored');
    assert.equal(new URL(page.url()).search, '?function=F3&function=F4');
  });
});

test('shortcode link opens the library pre-filtered', async () => {
  await withLibrary(SITE_DIR, '/', async ({ page, server }) => {
    await page.goto(`${server.url}step-4/`);
    const link = page.locator('.resource-list__more a');
    await link.tap();
    await page.waitForURL((url) => url.pathname.endsWith('/resources/'));
    await page.locator('#library-filters').waitFor({ state: 'visible' });
    assert.equal(await checkbox(page, 'step', '4').isChecked(), true);
    assert.equal(await checkbox(page, 'type', 'tool').isChecked(), true);
    const cards = await readCards(page);
    const shown = cards.filter((card) => card.shown);
    assert.ok(shown.length > 0);
    assert.ok(shown.every((card) => card.values.step.includes('4') && card.values.type.includes('tool')));
  });
});

test('text and tag filters', async () => {
  await withLibrary(SITE_DIR, '/', async ({ page, library }) => {
    await openLibrary(page, library);
    const all = await readCards(page);

    await page.locator('#library-text').tap();
    await page.keyboard.type('Anxiety');
    await page.waitForURL((url) => url.searchParams.get('q') === 'Anxiety');
    let cards = await readCards(page);
    const expected = all.filter((card) => card.text.includes('anxiety')).map((card) => card.id);
    assert.deepEqual(shownIds(cards), expected);
    assert.ok(expected.length > 0, 'some cards mention anxiety');
    assert.ok(expected.length < all.length, 'some cards do not mention anxiety');
    await waitForStatus(page, new RegExp(`Showing ${expected.length} of ${all.length}`));

    await page.locator('#library-text').fill('zzzz nothing');
    await waitForStatus(page, /No resources match/);
    assert.equal(await page.locator('#library-empty').isVisible(), true);

    await page.locator('#library-clear').tap();
    assert.equal(await page.locator('#library-text').inputValue(), '');
    assert.equal(await page.locator('#library-empty').isVisible(), false);

    const tag = all.flatMap((card) => card.tags).find((name) => name.includes(' '));
    assert.ok(tag, 'a tag with a space, to test encoding');
    await openLibrary(page, `${library}?tag=${encodeURIComponent(tag)}`);
    assert.equal(await page.locator('#library-tag-name').textContent(), tag);
    cards = await readCards(page);
    assert.deepEqual(shownIds(cards), all.filter((card) => card.tags.includes(tag)).map((card) => card.id));
    await page.locator('#library-tag-remove').tap();
    assert.equal(await page.locator('#library-tag').isVisible(), false);
    assert.ok((await readCards(page)).every((card) => card.shown));
    assert.equal(new URL(page.url()).search, '');
  });
});

/** Presses Tab until `selector` has focus, failing after `limit` presses. */
async function tabTo(page, selector, limit = 80) {
  for (let presses = 0; presses < limit; presses += 1) {
    if (await page.evaluate((target) => document.activeElement?.matches(target) ?? false, selector)) {
      return;
    }
    await page.keyboard.press('Tab');
  }
  assert.fail(`${selector} not reached with ${limit} presses of Tab`);
}

test('keyboard alone operates the filters', async () => {
  await withLibrary(SITE_DIR, '/', async ({ page, library }) => {
    await openLibrary(page, library);
    const all = await readCards(page);

    await tabTo(page, '#library-text');
    await page.keyboard.type('plan');
    await tabTo(page, 'input[name="function"][value="F1"]', 3);
    await page.keyboard.press('Space');
    assert.equal(await checkbox(page, 'function', 'F1').isChecked(), true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    assert.equal(await checkbox(page, 'function', 'F2').isChecked(), true);
    await page.waitForURL((url) => url.search === '?function=F1&function=F2&q=plan');

    const selected = { function: ['F1', 'F2'] };
    const expected = all.filter((card) => passes(card, selected) && card.text.includes('plan')).map((card) => card.id);
    assert.deepEqual(shownIds(await readCards(page)), expected);

    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'the focused checkbox shows a focus ring');

    await tabTo(page, '#library-clear');
    await page.keyboard.press('Enter');
    await waitForStatus(page, /Showing all/);
    assert.equal(await page.locator('#library-filters input:checked').count(), 0);

    await tabTo(page, '[data-resource] a');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => /\/resources\/[a-z0-9-]+\/$/.test(url.pathname));
  });
});

test('library and resource page accessible', async () => {
  await withLibrary(SITE_DIR, '/', async ({ page, library, server }) => {
    await openLibrary(page, library);
    await assertAccessible(page);

    await openLibrary(page, `${library}?function=F3&level=senior&q=zzzzqqq`);
    assert.equal(await page.locator('#library-empty').isVisible(), true, 'no resource matches');
    await assertAccessible(page);

    await openLibrary(page, library);

    const firstCard = page.locator('[data-resource]:not([hidden]) a').first();
    const href = await firstCard.getAttribute('href');
    await firstCard.tap();
    await page.waitForURL((url) => url.pathname === href);
    await assertCspMeta(page);
    await assertAccessible(page);

    const open = page.locator('.resource__open a');
    const target = new URL(await open.getAttribute('href'), page.url());
    assert.equal(target.origin, server.origin, 'the starter library opens pages of the guide');
    await open.tap();
    await page.waitForURL((url) => url.pathname === target.pathname);
    await assertAccessible(page);
  });
});

test('full list without JavaScript', async () => {
  const server = await startServer(SITE_DIR);
  const context = await browser.newContext({ ...TABLET_LANDSCAPE, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}resources/`);
    const cards = page.locator('[data-resource]');
    assert.ok((await cards.count()) >= 12);
    for (const card of await cards.all()) {
      assert.equal(await card.isVisible(), true, 'every card is visible');
    }
    assert.equal(await page.locator('#library-filters').isVisible(), false, 'filters need the script, so they stay hidden');
  } finally {
    await context.close();
    await server.close();
  }
});

test('filters work under a base-url sub-path', async () => {
  await withLibrary(SITE_SUBPATH_DIR, '/guide/', async ({ page, library }) => {
    await openLibrary(page, `${library}?function=F4`);
    const cards = await readCards(page);
    const forF4 = (card) => card.values.function.includes('F4') || card.values.function.length === 0;
    assert.ok(cards.filter((card) => card.shown).every(forF4), 'a card for another function shows');
    await checkbox(page, 'tier', '3').tap();
    await page.waitForURL((url) => url.pathname === '/guide/resources/' && url.search === '?function=F4&tier=3');
    const href = await page.locator('[data-resource]:not([hidden]) a').first().getAttribute('href');
    assert.match(href, /^\/guide\/resources\/[a-z0-9-]+\/$/);
  });
});
