// The spine of the guide in a tablet browser: home page, the five steps through the main navigation, the
// engine on every page, a sub-path build, the message for browsers without WebAssembly, and accessibility
// in portrait with the dark colour scheme.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer } from './server.mjs';
import {
  SITE_DIR,
  SITE_SUBPATH_DIR,
  TABLET_LANDSCAPE,
  TABLET_PORTRAIT,
  assertAccessible,
  assertCspMeta,
  assertNoProblems,
  launchBrowser,
  openTablet,
  waitForEngine,
} from './lib.mjs';

const STEPS = [1, 2, 3, 4, 5];

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

async function withSite(root, basePath, run) {
  const server = await startServer(root, { basePath });
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

/**
 * Returns a locator for the link to `pathname` in the main navigation, taken to be the first `<nav>`
 * that links to all five steps. Links are compared by resolved path, so relative and absolute `href`s
 * both match.
 */
async function mainNavigationLink(page, home, pathname) {
  const stepPaths = STEPS.map((n) => new URL(`step-${n}/`, home).pathname);
  const position = await page.evaluate(
    ({ stepPaths, pathname }) => {
      const navs = [...document.querySelectorAll('nav')];
      for (const [navIndex, nav] of navs.entries()) {
        const links = [...nav.querySelectorAll('a[href]')];
        const paths = links.map((link) => new URL(link.href).pathname);
        if (stepPaths.every((step) => paths.includes(step))) {
          return { navIndex, linkIndex: paths.indexOf(pathname) };
        }
      }
      return null;
    },
    { stepPaths, pathname },
  );
  assert.ok(position, `${page.url()} has no <nav> that links to all five steps (${stepPaths.join(', ')})`);
  assert.notEqual(position.linkIndex, -1, `the main navigation on ${page.url()} has no link to ${pathname}`);
  return page.locator('nav').nth(position.navIndex).locator('a[href]').nth(position.linkIndex);
}

async function checkPage(page, problems, { accessibility }) {
  let version;
  try {
    version = await waitForEngine(page);
  } catch (error) {
    // A blocked script or a page error is the likelier cause, and names the fault better than a timeout.
    assertNoProblems(problems, page.url());
    throw error;
  }
  assertNoProblems(problems, page.url());
  assert.notEqual(version.trim(), '', `data-engine-version is empty on ${page.url()}`);
  await assertCspMeta(page);

  if (accessibility) {
    await assertAccessible(page);
  }
  assertNoProblems(problems, page.url());
}

// Opens `home` and taps through the five steps in the main navigation, checking every page on the way.
async function walkTheSteps(page, problems, home, options) {
  await page.goto(home);
  await checkPage(page, problems, options);

  for (const n of STEPS) {
    const expected = new URL(`step-${n}/`, home).pathname;
    const link = await mainNavigationLink(page, home, expected);
    await link.tap();
    await page.waitForURL((url) => url.pathname === expected, { timeout: 10_000 });
    await checkPage(page, problems, options);
  }
}

test('steps reachable by touch from home', async () => {
  await withSite(SITE_DIR, '/', async (server) => {
    const { context, page, problems } = await openTablet(browser, server.origin, TABLET_LANDSCAPE);
    try {
      await walkTheSteps(page, problems, server.url, { accessibility: true });
      assert.deepEqual(server.misses, [], 'requests answered with 404');
    } finally {
      await context.close();
    }
  });
});

test('steps reachable under a base-url sub-path', async () => {
  await withSite(SITE_SUBPATH_DIR, '/guide/', async (server) => {
    const { context, page, problems } = await openTablet(browser, server.origin, TABLET_LANDSCAPE);
    try {
      await walkTheSteps(page, problems, server.url, { accessibility: false });
      assert.deepEqual(server.misses, [], 'requests answered with 404, probably URLs missing the /guide/ prefix');
    } finally {
      await context.close();
    }
  });
});

test('engine message without WebAssembly', async () => {
  await withSite(SITE_DIR, '/', async (server) => {
    const { context, page, problems } = await openTablet(browser, server.origin, TABLET_LANDSCAPE);
    try {
      await page.addInitScript(() => {
        delete window.WebAssembly;
      });
      await page.goto(server.url);

      await page.locator('html[data-engine="unsupported"]').waitFor({ state: 'attached', timeout: 10_000 });
      const message = page.getByRole('status').filter({ hasText: /paper/i, visible: true });
      await message.first().waitFor({ state: 'visible', timeout: 5_000 }).catch(async () => {
        const statuses = await page.getByRole('status', { includeHidden: true }).allTextContents();
        assert.fail(`no visible role="status" element mentions the paper version; status texts: ${JSON.stringify(statuses)}`);
      });
      assert.equal(await message.count(), 1, 'one visible status message mentions the paper version');
      assert.equal(await page.locator('html').getAttribute('data-engine-version'), null);

      await assertAccessible(page);
      assertNoProblems(problems, page.url());
    } finally {
      await context.close();
    }
  });
});

test('pages accessible in dark portrait', async () => {
  await withSite(SITE_DIR, '/', async (server) => {
    const device = { ...TABLET_PORTRAIT, colorScheme: 'dark' };
    const { context, page, problems } = await openTablet(browser, server.origin, device);
    try {
      for (const pathname of ['', ...STEPS.map((n) => `step-${n}/`)]) {
        await page.goto(server.url + pathname);
        await checkPage(page, problems, { accessibility: true });
      }

      const missing = await page.goto(`${server.url}no-such-page/`);
      assert.equal(missing?.status(), 404);
      await assertAccessible(page);
    } finally {
      await context.close();
    }
  });
});
