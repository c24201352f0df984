// Every page of the built default guide, found on disk rather than by following links: axe-core finds no
// violations, the engine loads, and nothing breaks the CSP, logs an error or reaches another origin.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';

import { startServer } from './server.mjs';
import { SITE_DIR, assertAccessible, assertNoProblems, launchBrowser, openTablet, waitForEngine } from './lib.mjs';

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** Returns the URL path of every `index.html` under `root`, such as `/step-1/data/`. */
function pagePaths(root, folder = '') {
  const paths = [];
  for (const entry of readdirSync(path.join(root, folder), { withFileTypes: true })) {
    const relative = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isDirectory() && entry.name !== 'assets') {
      paths.push(...pagePaths(root, relative));
    } else if (entry.name === 'index.html') {
      paths.push(`/${folder}${folder ? '/' : ''}`);
    }
  }
  return paths;
}

test('every built page is accessible and clean', async () => {
  const paths = pagePaths(SITE_DIR).sort();
  assert.ok(paths.length >= 50, `only ${paths.length} pages found in ${SITE_DIR}`);
  for (const expected of ['/', '/step-1/', '/resources/', '/questionnaires/pupil/', '/glossary/', '/print/', '/search/']) {
    assert.ok(paths.includes(expected), `${expected} was not built`);
  }

  const server = await startServer(SITE_DIR);
  const { context, page, problems } = await openTablet(browser, server.origin);
  try {
    for (const pathname of paths) {
      await page.goto(new URL(pathname.slice(1), server.url).href);
      await waitForEngine(page);
      await assertAccessible(page);
      assertNoProblems(problems, pathname);
    }
  } finally {
    await context.close();
    await server.close();
  }
});
