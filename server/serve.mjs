/**
 * The production server: Astro's Node handler (static files and on-demand pages) behind compression
 * and security headers, with a clean shutdown. Plain JavaScript, so `node` runs it without a build step.
 *
 *   node server/serve.mjs [build folder, default dist]
 *
 * HOST (default localhost), PORT (default 4321) and SHUTDOWN_TIMEOUT (seconds, default 10) set it up.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import compression from 'compression';
import { builtSite, publicAddressWarning } from './public-address.mjs';
import { securityHeaders } from './security-headers.mjs';

const dist = path.resolve(process.argv[2] ?? 'dist');
const host = process.env.HOST ?? 'localhost';
const port = Number(process.env.PORT ?? 4321);
const shutdownTimeoutMs = Number(process.env.SHUTDOWN_TIMEOUT ?? 10) * 1000;

const entry = path.join(dist, 'server', 'entry.mjs');
if (!fs.existsSync(entry)) {
  console.error(`No build in ${dist}: run npm run build first (npm start builds when there is none).`);
  process.exit(1);
}
const site = builtSite(dist);
const addressWarning = site && publicAddressWarning({ site, host, nodeEnv: process.env.NODE_ENV, siteUrl: process.env.SITE_URL });
if (addressWarning) console.warn(addressWarning);

// Astro's standalone entry would start its own server on import; we serve its handler instead.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
/** @type {{ handler: http.RequestListener, pageMap: Map<string, () => Promise<{ page: () => Promise<Record<string, unknown>> | Record<string, unknown> }>> }} */
const astro = await import(pathToFileURL(entry).href);

const outsideSourcesFile = path.join(dist, 'server', 'outside-sources.json');
/** @type {Record<string, string[]>} */
let outsideSources = {};
if (fs.existsSync(outsideSourcesFile)) outsideSources = JSON.parse(fs.readFileSync(outsideSourcesFile, 'utf8'));
else console.warn(`${outsideSourcesFile} is missing (a build from before it existed?): map tiles will be blocked until the next build.`);

const setSecurityHeaders = securityHeaders({ outsideSources });
const compress = compression({
  // Quality 5 makes CSS and HTML about a tenth smaller than the package's default 4, for about the same time.
  brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } },
  // Pagefind's index and WebAssembly files are gzipped already.
  filter: (req, res) => !/\/pagefind\/.*\.(pf_\w+|pagefind)$/.test(req.url?.split('?')[0] ?? '') && compression.filter(req, res),
});

let stopping = false;
/** Responses still being answered, so a shutdown can ask each to close its connection when done. */
const inFlight = new Set();

const server = http.createServer((req, res) => {
  inFlight.add(res);
  res.on('close', () => {
    inFlight.delete(res);
    // A keep-alive connection that has finished its last request is idle now: let it go.
    if (stopping) server.closeIdleConnections();
  });
  if (stopping) res.setHeader('connection', 'close');
  const fail = (/** @type {unknown} */ error) => {
    console.error(`Could not answer ${req.method} ${req.url?.split('?')[0]}: ${error instanceof Error ? error.message : String(error)}`);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Internal server error');
  };
  setSecurityHeaders(req, res, (headerError) => {
    if (headerError) return fail(headerError);
    compress(req, res, (compressError) => {
      if (compressError) return fail(compressError);
      Promise.resolve(astro.handler(req, res)).catch(fail);
    });
  });
});

/** @type {Promise<{ GET?: () => Promise<Response>, shutdown?: () => Promise<void> } | undefined> | undefined} */
let health;
/** The health check endpoint (src/pages/healthz.ts), which shares the Astro bundle's store: its GET opens the database, its `shutdown` closes it. */
function healthEndpoint() {
  health ??= (async () => {
    const load = astro.pageMap.get('src/pages/healthz.ts');
    if (load) return (await load()).page();
    console.warn('No src/pages/healthz.ts in this build: the database is opened by the first form and not closed at shutdown.');
    return undefined;
  })();
  return health;
}

/** Whether there was a database to close. */
async function closeDatabase() {
  const shutdown = (await healthEndpoint())?.shutdown;
  if (shutdown) await shutdown();
  return Boolean(shutdown);
}

process.on('SIGTERM', () => void shutDown('SIGTERM'));
process.on('SIGINT', () => void shutDown('SIGINT'));

// Open and migrate the database before taking requests, so the first visitor does not wait for it.
const opened = await (await healthEndpoint())?.GET?.();
if (opened) console.log(opened.ok ? 'Database ready' : 'The database is not answering yet: forms answer 503 until it does');

server.on('error', (error) => {
  console.error(`The server could not start: ${error.message}`);
  process.exit(1);
});
if (!stopping) server.listen(port, host, () => {
  // The port actually bound, so PORT=0 (any free port, as the tests use) says which it got.
  const { port: bound } = /** @type {import('node:net').AddressInfo} */ (server.address());
  console.log(`Serving ${path.relative(process.cwd(), dist) || '.'} on http://${host.includes(':') ? `[${host}]` : host}:${bound}/`);
  // The Open Referral API reads the built directory once: read it now rather than on its first caller's request.
  const loopback = ['0.0.0.0', '::', ''].includes(host) ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  fetch(`http://${loopback}:${bound}/openreferral/services?per_page=1`)
    .then((response) => {
      if (!response.ok) throw new Error(`it answered ${response.status}`);
      return response.arrayBuffer();
    })
    .then(() => console.log('Open Referral directory loaded'), (error) => console.warn(`The Open Referral directory was not loaded at start: ${error.message}`));
});

/** Stops taking connections, lets requests in flight finish (up to SHUTDOWN_TIMEOUT), closes the database, exits 0. */
async function shutDown(/** @type {string} */ signal) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing ${inFlight.size} request(s) in flight, then stopping`);
  const closed = new Promise((resolve) => server.close(resolve));
  for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
  server.closeIdleConnections();
  const timer = setTimeout(() => {
    console.error(`Requests still running after ${shutdownTimeoutMs / 1000} s: closing their connections`);
    server.closeAllConnections();
  }, shutdownTimeoutMs);
  await closed;
  clearTimeout(timer);
  try {
    console.log((await closeDatabase()) ? 'Database closed; stopped' : 'Stopped');
    process.exit(0);
  } catch (error) {
    console.error(`Closing the database failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
