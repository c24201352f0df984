// `attendance-guide serve` seen by a real browser: an edit to a page shows without touching the browser,
// a broken edit shows the error in an overlay, and fixing it reloads the page.
// The binary comes from BIN (scripts/test sets it to the release build); the site is a copy of the fixture
// site in tests/fixtures/basic, so the test never edits the repository.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { assertNoProblems, launchBrowser, openTablet } from './lib.mjs';

const testsDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(testsDir, '../..');
const BIN = process.env.BIN ? path.resolve(process.env.BIN) : path.join(repoRoot, 'target/release/attendance-guide');

let browser;
let siteRoot;
let server;
let origin;

/** Starts `serve --port 0` and resolves with its origin once it prints the address. */
function startServe(root) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, ['--root', root, 'serve', '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 30_000);
    child.stderr.on('data', (chunk) => {
      output += chunk;
      const match = output.match(/Serving the site at (http:\/\/127\.0\.0\.1:\d+)\//);
      if (match) {
        clearTimeout(timer);
        resolve({ child, origin: match[1] });
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
}

before(async () => {
  siteRoot = mkdtempSync(path.join(tmpdir(), 'serve-test-'));
  cpSync(path.join(repoRoot, 'tests/fixtures/basic'), siteRoot, { recursive: true });
  ({ child: server, origin } = await startServe(siteRoot));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.kill();
  if (siteRoot) {
    rmSync(siteRoot, { recursive: true, force: true });
  }
});

function writePage(text) {
  writeFileSync(path.join(siteRoot, 'content/beta/page-b.md'), text);
}

test('an edit appears in the open page by itself', async () => {
  const { context, page, problems } = await openTablet(browser, origin);
  await page.goto(`${origin}/beta/page-b/`);
  await page.locator('h1', { hasText: 'B page' }).waitFor();
  // The live script connects after the page has loaded.
  await page.waitForTimeout(300);

  const saved = Date.now();
  writePage('---\ntitle: Edited while open\n---\nThe new text.\n');
  await page.locator('h1', { hasText: 'Edited while open' }).waitFor({ timeout: 10_000 });
  // Reported, not asserted: timings depend on the machine.
  console.log(`# edit visible in the browser after ${Date.now() - saved} ms`);

  assertNoProblems(problems, 'the served page');
  await context.close();
});

test('a broken edit shows an overlay until it is fixed', async () => {
  const { context, page } = await openTablet(browser, origin);
  await page.goto(`${origin}/beta/page-b/`);
  await page.waitForTimeout(300);

  writePage('---\ntitle: [unclosed\n---\n');
  const overlay = page.getByRole('alertdialog');
  await overlay.waitFor({ timeout: 10_000 });
  const text = await overlay.textContent();
  assert.match(text, /content\/beta\/page-b\.md:3:1/);
  assert.match(text, /invalid YAML/);
  assert.match(text, /Fix:/);

  writePage('---\ntitle: Fixed again\n---\nBack to normal.\n');
  await page.locator('h1', { hasText: 'Fixed again' }).waitFor({ timeout: 10_000 });
  assert.equal(await page.getByRole('alertdialog').count(), 0, 'the overlay stayed after the fix');
  await context.close();
});
