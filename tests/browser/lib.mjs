// Shared helpers of the browser tests: Debian's Chromium through playwright-core, tablet contexts that
// record every console error, page error, CSP violation and off-origin request, and an axe-core check.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

// The flags after the first two stop Chromium's own background connections to Google's services, which
// the test machines' closed network refuses.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export const TABLET_LANDSCAPE = { viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: false };
export const TABLET_PORTRAIT = { viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: false };

/** The policy every page must carry in its CSP `<meta http-equiv>`, one entry per directive. */
export const EXPECTED_CSP = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'none'"],
};

const testsDir = path.dirname(fileURLToPath(import.meta.url));

/** Folder of the site built with the default base URL. */
export const SITE_DIR = path.resolve(testsDir, process.env.SITE_DIR ?? '../../target/browser-site');

/** Folder of the site built with `--base-url http://127.0.0.1/guide/`. */
export const SITE_SUBPATH_DIR = path.resolve(
  testsDir,
  process.env.SITE_SUBPATH_DIR ?? '../../target/browser-site-guide',
);

/** Launches headless Debian Chromium; the caller closes it. */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Opens a page in a new context of `browser` with the given device settings (`TABLET_LANDSCAPE` by
 * default) and watches it. Requests to origins other than `origin` are aborted before they leave the
 * machine and recorded. Returns `{ context, page, problems }`, where `problems` has the lists
 * `consoleErrors`, `pageErrors`, `cspViolations` and `offOriginRequests`.
 */
export async function openTablet(browser, origin, device = TABLET_LANDSCAPE) {
  const context = await browser.newContext({ ...device, locale: 'en-GB' });
  const problems = { consoleErrors: [], pageErrors: [], cspViolations: [], offOriginRequests: [] };

  await context.route(
    (url) => !isSameOrigin(url, origin),
    (route) => {
      problems.offOriginRequests.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  await context.exposeBinding('__reportCspViolation', (_source, violation) => {
    problems.cspViolations.push(violation);
  });
  await context.addInitScript(recordCspViolations);

  const page = await context.newPage();
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy/i.test(text)) {
      problems.cspViolations.push({ console: text, url: page.url() });
    }
    if (message.type() === 'error') {
      problems.consoleErrors.push(`${page.url()}: ${text}`);
    }
  });
  page.on('pageerror', (error) => problems.pageErrors.push(`${page.url()}: ${error.stack ?? error.message}`));

  return { context, page, problems };
}

function isSameOrigin(url, origin) {
  // data: URLs carry no request; the CSP allows them for images only.
  return url.protocol === 'data:' || url.origin === origin;
}

// Runs in every page before its own scripts. It keeps violations on `window` for tests that look at one
// page, and reports them to Node so a violation just before a navigation is not lost with the page.
function recordCspViolations() {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    const violation = {
      url: document.location.href,
      directive: event.effectiveDirective,
      blockedURI: event.blockedURI,
      source: `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
      sample: event.sample,
    };
    window.__cspViolations.push(violation);
    window.__reportCspViolation?.(violation);
  });
}

/**
 * Fails with every recorded problem listed, one assertion per kind so the message names the kind. The
 * specific kinds come first, because each of them also logs a console error.
 */
export function assertNoProblems(problems, where) {
  assert.deepEqual(problems.offOriginRequests, [], `requests to other origins from ${where}`);
  assert.deepEqual(problems.cspViolations, [], `CSP violations on ${where}`);
  assert.deepEqual(problems.pageErrors, [], `page errors on ${where}`);
  assert.deepEqual(problems.consoleErrors, [], `console errors on ${where}`);
}

/** Asserts that the page carries the CSP `<meta http-equiv>` with exactly the expected directives. */
export async function assertCspMeta(page) {
  const policies = await page
    .locator('meta[http-equiv="Content-Security-Policy" i]')
    .evaluateAll((metas) => metas.map((meta) => meta.getAttribute('content') ?? ''));
  assert.equal(policies.length, 1, `${page.url()} must have one CSP <meta http-equiv>`);

  const directives = {};
  for (const part of policies[0].split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) {
      directives[name.toLowerCase()] = sources;
    }
  }
  for (const [name, sources] of Object.entries(EXPECTED_CSP)) {
    assert.deepEqual(directives[name]?.toSorted(), sources.toSorted(), `${page.url()}: CSP directive ${name}`);
  }
}

/** Waits until the page's engine has loaded and returns the version it reports. */
export async function waitForEngine(page) {
  const root = page.locator('html[data-engine="ready"]');
  try {
    await root.waitFor({ state: 'attached', timeout: 15_000 });
  } catch (error) {
    const state = await page.locator('html').getAttribute('data-engine');
    throw new Error(`engine not ready on ${page.url()} (data-engine=${JSON.stringify(state)}): ${error.message}`);
  }
  return (await root.getAttribute('data-engine-version')) ?? '';
}

const require = createRequire(import.meta.url);
let axeSource;

/**
 * Runs axe-core on the page and returns its violations. The source is evaluated through the DevTools
 * protocol, which the page's CSP does not govern, so the CSP stays on.
 */
export async function axe(page) {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate(() => typeof window.axe === 'object');
  if (!loaded) {
    await page.evaluate(axeSource);
  }
  return page.evaluate(async () => {
    const results = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      helpUrl: violation.helpUrl,
      nodes: violation.nodes.map((node) => ({
        target: node.target.join(' '),
        html: node.html,
        summary: node.failureSummary,
      })),
    }));
  });
}

/** Formats axe violations as readable lines: rule, impact, help, then each element with its failure. */
export function formatViolations(violations) {
  const lines = [];
  for (const violation of violations) {
    lines.push(`${violation.id} (${violation.impact}): ${violation.help} <${violation.helpUrl}>`);
    for (const node of violation.nodes) {
      lines.push(`  at ${node.target}: ${node.html}`);
      for (const summaryLine of (node.summary ?? '').split('\n')) {
        lines.push(`    ${summaryLine}`);
      }
    }
  }
  return lines.join('\n');
}

/** Asserts that axe-core finds no violations on the page, listing them readably when it does. */
export async function assertAccessible(page) {
  const violations = await axe(page);
  assert.equal(
    violations.length,
    0,
    `axe-core found ${violations.length} violation(s) on ${page.url()}:\n${formatViolations(violations)}`,
  );
}
