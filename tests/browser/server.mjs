// A small static file server for the browser tests: serves a built site on 127.0.0.1 at a random port,
// optionally mounted under a sub-path, the way a static host would serve it.
//
// Run by hand: node server.mjs DIR [BASE_PATH]

import { createServer } from 'node:http';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const MIME_TYPES = new Map([
  ['.html', 'text/html; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.mjs', 'text/javascript; charset=utf-8'],
  ['.wasm', 'application/wasm'],
  ['.json', 'application/json'],
  ['.webmanifest', 'application/manifest+json'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.jpg', 'image/jpeg'],
  ['.jpeg', 'image/jpeg'],
  ['.gif', 'image/gif'],
  ['.webp', 'image/webp'],
  ['.avif', 'image/avif'],
  ['.ico', 'image/x-icon'],
  ['.woff2', 'font/woff2'],
  ['.woff', 'font/woff'],
  ['.mp3', 'audio/mpeg'],
  ['.ogg', 'audio/ogg'],
  ['.m4a', 'audio/mp4'],
  ['.wav', 'audio/wav'],
  ['.pdf', 'application/pdf'],
  ['.csv', 'text/csv; charset=utf-8'],
  ['.txt', 'text/plain; charset=utf-8'],
  ['.xml', 'application/xml'],
]);

/** Returns the Content-Type for a file name; unknown extensions get `application/octet-stream`. */
export function contentType(fileName) {
  return MIME_TYPES.get(path.extname(fileName).toLowerCase()) ?? 'application/octet-stream';
}

/**
 * Starts serving `root` under `basePath` (default `/`) and resolves to `{ url, origin, misses, close }`.
 * `url` is the site's home (ending in the base path), `misses` lists the path of every request that got a 404,
 * and `close()` stops the server.
 */
export async function startServer(root, { basePath = '/' } = {}) {
  if (!basePath.startsWith('/') || !basePath.endsWith('/')) {
    throw new Error(`invalid basePath ${JSON.stringify(basePath)}: it must start and end with "/"`);
  }
  const site = { root: await servedFolder(root), basePath, misses: [] };

  const server = createServer((request, response) => {
    handle(site, request, response).catch((error) => {
      response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(`internal error: ${error.message}\n`);
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });

  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    url: `${origin}${basePath}`,
    origin,
    misses: site.misses,
    close: () => closeServer(server),
  };
}

async function servedFolder(root) {
  let folder;
  try {
    folder = await realpath(root);
  } catch (error) {
    if (error.code === 'ENOENT') {
      throw new Error(`cannot serve ${root}: folder not found; build the site first (scripts/test does)`);
    }
    throw error;
  }
  if (!(await stat(folder)).isDirectory()) {
    throw new Error(`cannot serve ${root}: it is not a folder`);
  }
  return folder;
}

function closeServer(server) {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

async function handle(site, request, response) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return sendText(response, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
  }

  // The raw target is split by hand: `new URL('//host/x', base)` would read a host out of the path.
  const [rawPath, query] = splitTarget(request.url ?? '');
  if (!rawPath.startsWith('/')) {
    return sendText(response, 400, 'invalid request target\n');
  }
  if (`${rawPath}/` === site.basePath) {
    return redirect(response, site.basePath + query);
  }
  if (!rawPath.startsWith(site.basePath)) {
    return sendNotFound(site, request, response, rawPath);
  }

  let relativePath;
  try {
    relativePath = decodeURIComponent(rawPath.slice(site.basePath.length));
  } catch {
    return sendText(response, 400, 'invalid percent-encoding in path\n');
  }
  if (relativePath.includes('\0')) {
    return sendText(response, 400, 'invalid path\n');
  }

  const target = await resolveInside(site.root, relativePath);
  if (target === 'outside') {
    return sendText(response, 403, 'path outside the served folder\n');
  }
  if (target === null) {
    return sendNotFound(site, request, response, rawPath);
  }

  if (target.isDirectory) {
    if (!rawPath.endsWith('/')) {
      return redirect(response, `${rawPath}/${query}`);
    }
    const index = await resolveInside(site.root, path.join(relativePath, 'index.html'));
    if (index === null || index === 'outside' || index.isDirectory) {
      return sendNotFound(site, request, response, rawPath);
    }
    return sendFile(request, response, 200, index.file);
  }
  return sendFile(request, response, 200, target.file);
}

function splitTarget(target) {
  const at = target.indexOf('?');
  return at === -1 ? [target, ''] : [target.slice(0, at), target.slice(at)];
}

/**
 * Resolves `relativePath` against `root`, following symbolic links. Returns `{ file, isDirectory }`,
 * `null` when nothing exists there, or `'outside'` when the path or a link leads out of `root`.
 */
async function resolveInside(root, relativePath) {
  const joined = path.resolve(root, `.${path.sep}${relativePath}`);
  if (!isInside(root, joined)) {
    return 'outside';
  }

  let file;
  try {
    file = await realpath(joined);
  } catch (error) {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') {
      return null;
    }
    throw error;
  }
  if (!isInside(root, file)) {
    return 'outside';
  }
  return { file, isDirectory: (await stat(file)).isDirectory() };
}

function isInside(root, file) {
  return file === root || file.startsWith(root + path.sep);
}

async function sendNotFound(site, request, response, rawPath) {
  site.misses.push(rawPath);
  const page = await resolveInside(site.root, '404.html');
  if (page === null || page === 'outside' || page.isDirectory) {
    return sendText(response, 404, 'not found\n');
  }
  return sendFile(request, response, 404, page.file);
}

async function sendFile(request, response, status, file) {
  const body = await readFile(file);
  response.writeHead(status, {
    'Content-Type': contentType(file),
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
    // Stops the browser from guessing a type, so an asset served with the wrong MIME type fails the tests.
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

function sendText(response, status, text, headers = {}) {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  response.end(text);
}

function redirect(response, location) {
  response.writeHead(301, { Location: location, 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(`moved to ${location}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [root, basePath = '/'] = process.argv.slice(2);
  if (!root) {
    console.error('usage: node server.mjs DIR [BASE_PATH]');
    process.exit(2);
  }
  const server = await startServer(root, { basePath });
  console.log(`serving ${root} at ${server.url} (press Ctrl-C to stop)`);
}
