/**
 * The production server: Astro's Node handler (static files and on-demand pages) behind compression
 * and security headers, with a clean shutdown. Plain JavaScript, so `node` runs it without a build step.
 *
 *   node server/serve.mjs [build folder, default dist]
 *
 * HOST (default localhost), PORT (default 4321) and SHUTDOWN_TIMEOUT (seconds, default 10) set it up;
 * TRUST_PROXY says which reverse proxy's X-Forwarded-* headers to believe (./trusted-proxy.mjs), and
 * LOG_FORMAT=json makes the log one JSON line per request and message (./logging.mjs).
 *
 * With PUBLISH_REPO set it also publishes (src/publishing/): each move of the content branch is built
 * into a release under RELEASES_DIR and, once it answers, becomes the site this server answers with,
 * without a restart. A release's bundle is loaded beside the ones before it (Node cannot unload a
 * module), and requests already under way finish on the bundle they started on. A restarted server
 * starts on the last release that went live (RELEASES_DIR/current) rather than on the folder given,
 * unless that folder was built after it.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import compression from 'compression';
import { installJsonConsole, logFailure, logRequest } from './logging.mjs';
import { prerenderedMiss } from './prerendered-misses.mjs';
import { builtSite, publicAddressWarning } from './public-address.mjs';
import { securityHeaders } from './security-headers.mjs';
import { parseTrustProxy, settleForwardedHeaders } from './trusted-proxy.mjs';

installJsonConsole();

// HUB_TODAY puts the clock on another day (src/rules/clock.ts): for tests only, so a live server refuses to start with it.
if (process.env.HUB_TODAY && process.env.NODE_ENV !== 'test' && process.env.HUB_TEST !== '1') {
  console.error('HUB_TODAY is for tests only: it needs NODE_ENV=test or HUB_TEST=1, and is never honoured in production');
  process.exit(1);
}
const host = process.env.HOST ?? 'localhost';
const port = Number(process.env.PORT ?? 4321);
const shutdownTimeoutMs = Number(process.env.SHUTDOWN_TIMEOUT ?? 10) * 1000;
const publishing = Boolean(process.env.PUBLISH_REPO?.trim());
/** @type {import('./trusted-proxy.mjs').Trust} */
let trustProxy;
try {
  trustProxy = parseTrustProxy(process.env.TRUST_PROXY);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
// The same default as src/publishing/config.ts, needed here before any bundle is loaded.
const releasesDir = path.resolve(process.env.RELEASES_DIR?.trim() || 'releases');
const currentRelease = path.join(releasesDir, 'current');
if (publishing) {
  // A release's server bundle imports its packages by name, found by walking up from its folder: from a RELEASES_DIR outside the project, through this link.
  const modules = path.join(releasesDir, 'node_modules');
  const packages = fileURLToPath(new URL('../node_modules', import.meta.url));
  fs.mkdirSync(releasesDir, { recursive: true });
  let linked;
  try {
    linked = fs.readlinkSync(modules);
  } catch {
    // not there yet
  }
  if (linked !== packages) {
    fs.rmSync(modules, { force: true });
    fs.symlinkSync(packages, modules, 'dir');
  }
}
const given = path.resolve(process.argv[2] ?? 'dist');
/** When the build in `dir` was made, or 0 when there is none. */
const builtAt = (/** @type {string} */ dir) => fs.statSync(path.join(dir, 'server', 'entry.mjs'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
// The last release, unless the folder given was built since (the hub's code was upgraded and built: its next publish uses the new code).
const startOnRelease = publishing && builtAt(currentRelease) > 0 && builtAt(currentRelease) >= builtAt(given);
// The real folder, not the link: the link moves at the next publish, the loaded bundle does not.
const dist = startOnRelease ? fs.realpathSync(currentRelease) : given;

if (!fs.existsSync(path.join(dist, 'server', 'entry.mjs'))) {
  console.error(`No build in ${dist}: run npm run build first (npm start builds when there is none).`);
  process.exit(1);
}
const builtFor = builtSite(dist);
const addressWarning = builtFor && publicAddressWarning({ site: builtFor, host, nodeEnv: process.env.NODE_ENV, siteUrl: process.env.SITE_URL });
if (addressWarning) console.warn(addressWarning);

// Astro's standalone entry would start its own server on import; we serve its handler instead.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';

/**
 * @typedef {object} Site one build, loaded: what a request is answered with
 * @property {string} dir
 * @property {http.RequestListener} handler
 * @property {Map<string, () => Promise<{ page: () => Promise<Record<string, unknown>> | Record<string, unknown> }>>} pageMap
 * @property {ReturnType<typeof securityHeaders>} setSecurityHeaders the build's own map tile hosts are in its policy
 * @property {number} requests how many it is answering now
 * @property {boolean} retired whether it has let go of what it keeps, once replaced and idle
 */

/** Loads the build in `dir` (its server bundle, a module graph of its own) and its security policy. @returns {Promise<Site>} */
async function loadSite(dir) {
  /** @type {{ handler: http.RequestListener, pageMap: Site['pageMap'] }} */
  const astro = await import(pathToFileURL(path.join(dir, 'server', 'entry.mjs')).href);
  const outsideSourcesFile = path.join(dir, 'server', 'outside-sources.json');
  /** @type {Record<string, string[]>} */
  let outsideSources = {};
  if (fs.existsSync(outsideSourcesFile)) outsideSources = JSON.parse(fs.readFileSync(outsideSourcesFile, 'utf8'));
  else console.warn(`${outsideSourcesFile} is missing (a build from before it existed?): map tiles will be blocked until the next build.`);
  return { dir, handler: astro.handler, pageMap: astro.pageMap, setSecurityHeaders: securityHeaders({ outsideSources }), requests: 0, retired: false };
}

/** The site answering new requests; a publish replaces it in one assignment. */
let site = await loadSite(dist);
if (startOnRelease) console.log(`Starting on the last published release, ${path.basename(dist)}`);

const compress = compression({
  // Quality 5 makes CSS and HTML about a tenth smaller than the package's default 4, for about the same time.
  // A 256 KB window (LGWIN 18) rather than brotli's 4 MB: every page fits in it, and a 4 MB window per
  // response left the server collecting garbage, 60 brotli searches a second instead of about 300.
  brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_LGWIN]: 18 } },
  // Pagefind's index and WebAssembly files are gzipped already.
  filter: (req, res) => !/\/pagefind\/.*\.(pf_\w+|pagefind)$/.test(req.url?.split('?')[0] ?? '') && compression.filter(req, res),
});

let stopping = false;
/** Responses still being answered, so a shutdown can ask each to close its connection when done. */
const inFlight = new Set();

const server = http.createServer((req, res) => {
  // A request finishes on the site it started on, whatever is published meanwhile.
  const answering = site;
  answering.requests++;
  inFlight.add(res);
  res.on('close', () => {
    inFlight.delete(res);
    answering.requests--;
    if (answering !== site && answering.requests === 0) retire(answering).catch((error) => console.error(`Retiring ${answering.dir} failed: ${error instanceof Error ? error.message : String(error)}`));
    // A keep-alive connection that has finished its last request is idle now: let it go.
    if (stopping) server.closeIdleConnections();
  });
  if (stopping) res.setHeader('connection', 'close');
  logRequest(req, res);
  // Before anything reads them: the client's address, protocol and host, as far as TRUST_PROXY allows.
  settleForwardedHeaders(req, trustProxy);
  const fail = (/** @type {unknown} */ error) => {
    logFailure(req, error);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Internal server error');
  };
  answering.setSecurityHeaders(req, res, (headerError) => {
    if (headerError) return fail(headerError);
    compress(req, res, (compressError) => {
      if (compressError) return fail(compressError);
      const miss = prerenderedMiss(path.join(answering.dir, 'client'), req.url ?? '/');
      if (miss && 'redirect' in miss) return res.writeHead(301, { location: miss.redirect }).end();
      if (miss) return fs.promises.readFile(path.join(answering.dir, 'client', '404.html')).then((page) => res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end(page), fail);
      Promise.resolve(answering.handler(req, res)).catch(fail);
    });
  });
});

/** @type {Promise<{ GET?: () => Promise<Response>, shutdown?: () => Promise<void> } | undefined> | undefined} */
let health;
/**
 * The health check endpoint (src/pages/healthz.ts) of the first build loaded: its GET opens the
 * database, its `shutdown` closes it. Every build loaded since shares that one store (src/store/index.ts).
 */
function healthEndpoint() {
  health ??= (async () => {
    const load = site.pageMap.get('src/pages/healthz.ts');
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

/** What a build must answer before it serves anyone: its database route, a static page, and the two on-demand routes that load the whole directory on first use. */
const warmUpPaths = ['/healthz', '/', '/openreferral/services?per_page=1', '/search/?q=community'];

/** Asks `candidate` for the warm-up paths on a private loopback port, before any visitor reaches it; throws if one fails. */
async function warmUp(/** @type {Site} */ candidate) {
  // Search's word forms first, in pieces (the first search would work them all out in one go).
  await (await publishingModule(candidate))?.warm?.();
  const probe = http.createServer((req, res) => void Promise.resolve(candidate.handler(req, res)).catch((error) => {
    if (!res.headersSent) res.writeHead(500);
    res.end(String(error));
  }));
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port: probePort } = /** @type {import('node:net').AddressInfo} */ (probe.address());
  try {
    for (const pathname of warmUpPaths) {
      const response = await fetch(`http://127.0.0.1:${probePort}${pathname}`);
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${pathname} answered ${response.status}`);
    }
  } finally {
    probe.closeAllConnections();
    await new Promise((resolve) => probe.close(resolve));
  }
}

/**
 * What a build's publishing module (src/pages/publishing/webhook.ts) gives the server: the publisher,
 * and the hooks a release is called by when it goes live and when it is retired.
 * @typedef {object} PublishingModule
 * @property {() => object | undefined} readPublishConfig
 * @property {(options: object) => Promise<{ notice: (why?: string) => void, stop: () => Promise<void> }>} startPublisher
 * @property {(release: { commit: string, sourceDir: string }) => Promise<number>} announce
 * @property {() => Promise<void>} warm
 * @property {() => void} retire
 */

/** @returns {Promise<PublishingModule | undefined>} */
async function publishingModule(/** @type {Site} */ from) {
  const load = from.pageMap.get('src/pages/publishing/webhook.ts');
  return load ? /** @type {PublishingModule} */ (/** @type {unknown} */ (await (await load()).page())) : undefined;
}

const megabytes = (/** @type {number} */ bytes) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** A replaced release, once its last request is done, lets go of the directory and search data it keeps (its modules stay: Node cannot unload them). */
async function retire(/** @type {Site} */ old) {
  if (old.retired) return;
  old.retired = true;
  (await publishingModule(old))?.retire?.();
  // Only under `node --expose-gc` (the benchmark): the figures are then what stays, not garbage yet to be collected.
  if (typeof globalThis.gc === 'function') globalThis.gc();
  const { rss, heapUsed } = process.memoryUsage();
  // What every release loaded so far still costs: their modules stay (Node cannot unload one).
  console.log(`Retired ${path.relative(process.cwd(), old.dir) || '.'}: memory ${megabytes(rss)} resident, ${megabytes(heapUsed)} heap`);
}

/**
 * For the publisher: loads the release in `dir`, warms it, then answers every new request with it.
 * Returns the new release's own announcement hook, so what was published is told from the content now live.
 */
async function goLive(/** @type {string} */ dir) {
  // Loading and warming a large release is work on this one thread: while it runs, requests wait (none is refused). Say for how long at most.
  const pauses = monitorEventLoopDelay({ resolution: 20 });
  pauses.enable();
  let next;
  try {
    next = await loadSite(dir);
    await warmUp(next);
  } finally {
    pauses.disable();
  }
  const old = site;
  site = next;
  console.log(`Serving ${path.relative(process.cwd(), dir) || '.'} (while it was loaded and warmed, requests waited up to ${Math.round(pauses.max / 1e6)} ms)`);
  // Otherwise when its last request is done (see the request handler).
  if (old.requests === 0) await retire(old);
  const hooks = await publishingModule(next);
  return { announce: hooks?.announce };
}

/** @type {{ notice: (why?: string) => void, stop: () => Promise<void> } | undefined} */
let publisher;

/** Starts the publisher from the first build's bundle, when PUBLISH_REPO is set. */
async function startPublishing() {
  const module = await publishingModule(site);
  if (!module) throw new Error('this build has no publisher (src/pages/publishing/webhook.ts): build it again with this version');
  const config = module.readPublishConfig();
  if (!config) return;
  publisher = await module.startPublisher({ config, projectRoot: fileURLToPath(new URL('..', import.meta.url)), liveDir: dist, goLive });
}

process.on('SIGTERM', () => void shutDown('SIGTERM'));
process.on('SIGINT', () => void shutDown('SIGINT'));

// Open and migrate the database before taking requests, so the first visitor does not wait for it.
const opened = await (await healthEndpoint())?.GET?.();
if (opened) console.log(opened.ok ? 'Database ready' : 'The database is not answering yet: forms answer 503 until it does');

// An idle keep-alive connection is closed after 65 s rather than Node's 5: longer than a load balancer's idle timeout (60 s is
// common) and than the pause while a large release is warmed, so it is never closed just as a request arrives on it (the
// client would see its connection reset). A shutdown closes idle connections at once (see shutDown).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

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
  if (publishing) {
    startPublishing().catch((error) => {
      console.error(`Publishing could not start: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
  }
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
  // A build under way is stopped: the next start publishes its commit again.
  const publisherStopped = publisher?.stop();
  await closed;
  clearTimeout(timer);
  try {
    await publisherStopped;
    console.log((await closeDatabase()) ? 'Database closed; stopped' : 'Stopped');
    process.exit(0);
  } catch (error) {
    console.error(`Closing the database failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
