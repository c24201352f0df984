// Reading the guide on a touch tablet. Glossary terms show their definitions on focus, tap and hover,
// and hide on Escape. The diagrams show every point of their data. Print media hides the navigation
// and writes link targets out. The glossary, print and step pages pass axe-core. The expected diagram
// texts are read from content/diagrams/, so the tests follow the content rather than repeating it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { startServer } from './server.mjs';
import { SITE_DIR, TABLET_LANDSCAPE, TABLET_PORTRAIT, assertAccessible, assertNoProblems, launchBrowser, openTablet } from './lib.mjs';

const CONTENT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../content');
const NARROW_PHONE = { viewport: { width: 320, height: 640 }, hasTouch: true, isMobile: true };

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

/** Opens `pathname` of the site in a new tablet context and runs `check` with the page. */
async function withPage(pathname, check, device = TABLET_LANDSCAPE) {
  const { context, page, problems } = await openTablet(browser, server.origin, device);
  try {
    await page.goto(server.url + pathname);
    await check(page);
    assertNoProblems(problems, page.url());
  } finally {
    await context.close();
  }
}

/**
 * Returns the indented `label:` values (scale points, before `bands:`) or `title:` values (process steps)
 * of a diagram file; the diagram's own title is not indented.
 */
async function diagramTexts(id, key) {
  const yaml = await readFile(path.join(CONTENT_DIR, 'diagrams', `${id}.yaml`), 'utf8');
  const list = key === 'label' ? yaml.split(/^bands:/m)[0] : yaml;
  return [...list.matchAll(new RegExp(`^\\s+(?:- )?${key}: (.+)$`, 'gm'))].map((match) => match[1].trim());
}

/** Waits until js/glossary.js has turned the first term into a button and returns the button and its tooltip. */
async function firstTerm(page) {
  const button = page.locator('.term__button').first();
  await button.waitFor({ state: 'attached', timeout: 10_000 });
  const tipId = await button.getAttribute('aria-describedby');
  assert.ok(tipId, 'the term button has no aria-describedby');
  return { button, tip: page.locator(`[id="${tipId}"]`) };
}

test('glossary term shows definition on focus', async () => {
  await withPage('step-1/', async (page) => {
    const { button, tip } = await firstTerm(page);
    assert.equal(await tip.getAttribute('role'), 'tooltip');
    assert.ok((await tip.textContent()).trim().length > 20, 'the tooltip holds no definition');
    assert.equal(await tip.isVisible(), false, 'the tooltip shows before the term is used');

    await button.focus();
    await tip.waitFor({ state: 'visible', timeout: 2_000 });
    const box = await tip.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 1024, `the tooltip leaves the viewport: ${JSON.stringify(box)}`);

    await page.keyboard.press('Escape');
    await tip.waitFor({ state: 'hidden', timeout: 2_000 });
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'term__button', 'Escape moved the focus');
  });
});

test('glossary term shows definition on tap', async () => {
  await withPage('step-1/', async (page) => {
    const { button, tip } = await firstTerm(page);

    await button.tap();
    await tip.waitFor({ state: 'visible', timeout: 2_000 });
    await page.keyboard.press('Escape');
    await tip.waitFor({ state: 'hidden', timeout: 2_000 });

    await button.tap();
    await tip.waitFor({ state: 'visible', timeout: 2_000 });
    await page.locator('h1').tap();
    await tip.waitFor({ state: 'hidden', timeout: 2_000 });
  });
});

test('glossary term shows definition on hover', async () => {
  await withPage('step-1/', async (page) => {
    const { button, tip } = await firstTerm(page);
    await button.hover();
    await tip.waitFor({ state: 'visible', timeout: 2_000 });

    // The pointer can move onto the tooltip without it disappearing.
    await tip.hover();
    await page.waitForTimeout(500);
    assert.equal(await tip.isVisible(), true, 'the tooltip hid when the pointer moved onto it');

    await page.mouse.move(5, 700);
    await tip.waitFor({ state: 'hidden', timeout: 2_000 });
  });
});

test('term links to glossary without JavaScript', async () => {
  const { context, page, problems } = await openTablet(browser, server.origin, { ...TABLET_LANDSCAPE, javaScriptEnabled: false });
  try {
    await page.goto(`${server.url}step-1/`);
    const link = page.locator('a.term__link').first();
    const href = await link.getAttribute('href');
    assert.match(href ?? '', /^\/glossary\/#term-[a-z0-9-]+$/);
    await link.tap();
    await page.waitForURL((url) => url.pathname === '/glossary/', { timeout: 10_000 });
    const target = page.locator(`[id="${href.split('#')[1]}"]`);
    assert.equal(await target.count(), 1, `no glossary entry for ${href}`);
    assertNoProblems(problems, page.url());
  } finally {
    await context.close();
  }
});

test('spectrum diagram shows every point', async () => {
  const labels = await diagramTexts('spectrum', 'label');
  assert.equal(labels.length, 7, `expected the seven points of the spectrum, read ${JSON.stringify(labels)}`);

  for (const device of [TABLET_LANDSCAPE, NARROW_PHONE]) {
    await withPage(
      'step-1/',
      async (page) => {
        const points = page.locator('.diagram--scale ol > li');
        assert.equal(await points.count(), labels.length);
        for (const [index, label] of labels.entries()) {
          const point = points.nth(index);
          assert.equal(await point.isVisible(), true, `point ${index + 1} is not visible`);
          assert.match(await point.innerText(), new RegExp(`^${index + 1}\\s+${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
        }
        assert.equal(await page.locator('.diagram--scale .scale__band').count(), 3, 'the three tier bands are missing');
        assert.match(await page.locator('.diagram--scale').innerText(), /guide/i, 'the diagram does not say the tiers are a guide');

        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at ${device.viewport.width}px`);
      },
      device,
    );
  }
});

test('process diagram links every step', async () => {
  const steps = await diagramTexts('process', 'title');
  assert.equal(steps.length, 5, `expected five steps, read ${JSON.stringify(steps)}`);

  await withPage('', async (page) => {
    const links = page.locator('.diagram--process ol > li a');
    assert.equal(await links.count(), steps.length);
    for (const [index, title] of steps.entries()) {
      assert.equal((await links.nth(index).innerText()).trim(), title);
      assert.equal(new URL(await links.nth(index).evaluate((a) => a.href)).pathname, `/step-${index + 1}/`);
    }
  });
});

test('print media hides chrome, shows URLs', async () => {
  await withPage('step-1/early-warning-signs/', async (page) => {
    await page.emulateMedia({ media: 'print' });

    for (const selector of ['.skip-link', '.site-nav', '.breadcrumbs', '.toc', '.pager', '.section-menu', '.site-footer__links', '.site-search', '[role="search"]']) {
      const shown = await page.locator(selector).evaluateAll((elements) =>
        elements.filter((element) => getComputedStyle(element).display !== 'none').length,
      );
      assert.equal(shown, 0, `${selector} is printed`);
    }
    assert.equal(await page.locator('h1').isVisible(), true, 'the page title is not printed');

    const link = page.locator('.prose a[href^="/"]').first();
    const href = await link.getAttribute('href');
    const after = await link.evaluate((element) => getComputedStyle(element, '::after').content);
    assert.ok(after.includes(href), `the printed link does not show its URL ${href}: ${after}`);

    await page.emulateMedia({ media: 'screen' });
    assert.equal(await page.locator('.site-nav').isVisible(), true, 'the navigation is hidden on screen');
  });
});

test('print page holds every page', async () => {
  await withPage('print/', async (page) => {
    const button = page.locator('[data-print-button]');
    await button.waitFor({ state: 'visible', timeout: 5_000 });

    const sections = page.locator('.print-guide__section');
    assert.ok((await sections.count()) >= 7, 'the print page has fewer sections than the guide has pages');
    const titles = await page.locator('.print-guide__title').allInnerTexts();
    assert.ok(titles.indexOf('Step 1: Identify pupils') < titles.indexOf('Early warning signs'), `${titles}`);

    await page.emulateMedia({ media: 'print' });
    assert.equal(await button.isVisible(), false, 'the print button is printed');
    const breaks = await sections.evaluateAll((elements) => elements.map((element) => getComputedStyle(element).breakBefore));
    assert.ok(breaks.every((value) => value === 'page'), `sections do not start new pages: ${breaks}`);
  });
});

test('reading pages pass axe', async () => {
  for (const pathname of ['glossary/', 'print/', 'step-1/', 'step-1/early-warning-signs/']) {
    await withPage(pathname, async (page) => {
      await assertAccessible(page);
    });
  }
  for (const colorScheme of ['light', 'dark']) {
    await withPage(
      'step-1/',
      async (page) => {
        const { button, tip } = await firstTerm(page);
        await button.focus();
        await tip.waitFor({ state: 'visible', timeout: 2_000 });
        await assertAccessible(page);
      },
      { ...TABLET_LANDSCAPE, colorScheme },
    );
  }
  await withPage('glossary/', assertAccessible, { ...TABLET_PORTRAIT, colorScheme: 'dark' });
});
