// Tests of the static file server the browser tests use; no browser needed.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile, symlink, rm } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';

import { startServer } from './server.mjs';

let parent;
let root;

before(async () => {
  parent = await mkdtemp(path.join(os.tmpdir(), 'guide-server-test-'));
  root = path.join(parent, 'site');
  await mkdir(path.join(root, 'step-1'), { recursive: true });
  await mkdir(path.join(root, 'assets'));
  await mkdir(path.join(root, 'empty'));
  await writeFile(path.join(root, 'index.html'), '<p>home</p>');
  await writeFile(path.join(root, 'step-1', 'index.html'), '<p>step 1</p>');
  await writeFile(path.join(root, '404.html'), '<p>not found page</p>');
  await writeFile(path.join(root, 'assets', 'engine.1a2b.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
  await writeFile(path.join(root, 'assets', 'guide.1a2b.js'), 'export {};');
  await writeFile(path.join(root, 'assets', 'style.1a2b.css'), 'body{}');
  await writeFile(path.join(root, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(path.join(parent, 'secret.txt'), 'outside the site');
  await symlink(path.join(parent, 'secret.txt'), path.join(root, 'link-out.txt'));
});

after(async () => {
  await rm(parent, { recursive: true, force: true });
});

// Sends a raw request target, which fetch() would normalise before sending.
function get(origin, target, method = 'GET') {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const outgoing = request({ hostname, port, path: target, method }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

async function withServer(options, run) {
  const server = await startServer(root, options);
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

test('server listens on loopback at a random port', async () => {
  await withServer({}, async (server) => {
    const url = new URL(server.url);
    assert.equal(url.hostname, '127.0.0.1');
    assert.notEqual(url.port, '');
    assert.equal(url.pathname, '/');
  });
});

test('server sends the MIME type of each asset', async () => {
  const cases = [
    ['/assets/engine.1a2b.wasm', 'application/wasm'],
    ['/assets/guide.1a2b.js', 'text/javascript; charset=utf-8'],
    ['/assets/style.1a2b.css', 'text/css; charset=utf-8'],
    ['/assets/logo.svg', 'image/svg+xml'],
    ['/index.html', 'text/html; charset=utf-8'],
  ];
  await withServer({}, async (server) => {
    for (const [target, expected] of cases) {
      const response = await get(server.origin, target);
      assert.equal(response.status, 200, target);
      assert.equal(response.headers['content-type'], expected, target);
      assert.equal(response.headers['x-content-type-options'], 'nosniff', target);
    }
  });
});

test('server maps folders to index.html', async () => {
  await withServer({}, async (server) => {
    const home = await get(server.origin, '/');
    assert.equal(home.status, 200);
    assert.equal(home.body, '<p>home</p>');

    const step = await get(server.origin, '/step-1/');
    assert.equal(step.status, 200);
    assert.equal(step.body, '<p>step 1</p>');

    const withoutSlash = await get(server.origin, '/step-1?x=1');
    assert.equal(withoutSlash.status, 301);
    assert.equal(withoutSlash.headers.location, '/step-1/?x=1');
  });
});

test('server answers misses with 404.html', async () => {
  await withServer({}, async (server) => {
    const missing = await get(server.origin, '/no-such-page/');
    assert.equal(missing.status, 404);
    assert.equal(missing.body, '<p>not found page</p>');
    assert.equal(missing.headers['content-type'], 'text/html; charset=utf-8');

    const folderWithoutIndex = await get(server.origin, '/empty/');
    assert.equal(folderWithoutIndex.status, 404);

    assert.deepEqual(server.misses, ['/no-such-page/', '/empty/']);
  });
});

test('server rejects path traversal', async () => {
  await withServer({}, async (server) => {
    for (const target of ['/../secret.txt', '/%2e%2e/secret.txt', '/step-1/..%2f..%2fsecret.txt', '/link-out.txt']) {
      const response = await get(server.origin, target);
      assert.equal(response.status, 403, target);
      assert.doesNotMatch(response.body, /outside the site/, target);
    }
    const inside = await get(server.origin, '/step-1/../index.html');
    assert.equal(inside.status, 200);
  });
});

test('server rejects malformed paths', async () => {
  await withServer({}, async (server) => {
    assert.equal((await get(server.origin, '/%E0%A4%A')).status, 400);
    assert.equal((await get(server.origin, '/index.html%00.css')).status, 400);
    assert.equal((await get(server.origin, '/', 'POST')).status, 405);
  });
});

test('server answers HEAD without a body', async () => {
  await withServer({}, async (server) => {
    const response = await get(server.origin, '/index.html', 'HEAD');
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-length'], String('<p>home</p>'.length));
    assert.equal(response.body, '');
  });
});

test('server mounts the site under a sub-path', async () => {
  await withServer({ basePath: '/guide/' }, async (server) => {
    assert.equal(server.url, `${server.origin}/guide/`);
    assert.equal((await get(server.origin, '/guide/')).body, '<p>home</p>');
    assert.equal((await get(server.origin, '/guide/step-1/')).body, '<p>step 1</p>');

    const bare = await get(server.origin, '/guide');
    assert.equal(bare.status, 301);
    assert.equal(bare.headers.location, '/guide/');

    const outsideMount = await get(server.origin, '/step-1/');
    assert.equal(outsideMount.status, 404);
    assert.deepEqual(server.misses, ['/step-1/']);
  });
});

test('server rejects a missing folder', async () => {
  await assert.rejects(startServer(path.join(parent, 'no-such-site')), /folder not found/);
  await assert.rejects(startServer(path.join(root, 'index.html')), /not a folder/);
});

test('server rejects an invalid base path', async () => {
  await assert.rejects(startServer(root, { basePath: 'guide' }), /invalid basePath/);
  await assert.rejects(startServer(root, { basePath: '/guide' }), /invalid basePath/);
});
