/**
 * The security headers on every response, static file or server-rendered page, set with helmet
 * before Astro answers (Astro's own headers, e.g. the Open Referral API's CORS, are kept).
 *
 * To give a part of the site a different policy, add an entry to `pathPolicies` below.
 */
import helmet from 'helmet';

/** GOV.UK Frontend's one inline script (`src/layouts/Base.astro`), which marks the page as scripted before it paints. */
export const govukScriptHash = "'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='";

/** What the public site needs: itself, Pagefind's WebAssembly and worker, and Leaflet's inlined icons. */
export const baseDirectives = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  // Pagefind compiles its search engine from WebAssembly; no other script is evaluated from text.
  'script-src': ["'self'", "'wasm-unsafe-eval'", govukScriptHash],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  // Leaflet's control icons are data: URIs in its CSS; the map tiles' host comes from the build.
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  // Pagefind 1.5 searches in pagefind-worker.js, from this site.
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * @typedef {object} PathPolicy
 * @property {string} prefix a path ending in `/`; it and everything under it (and the path without the slash) get this policy
 * @property {string} why one line: what there needs more, or less
 * @property {Record<string, string[]>} [directives] sources added to the base policy's directives (or new directives)
 * @property {Parameters<typeof helmet>[0]} [helmet] other helmet options that differ there
 * @property {Record<string, string>} [headers] other response headers set there (a static file's Content-Type set here is kept)
 */

/** @type {PathPolicy[]} The first whose prefix matches a request's path is used; the rest get the base policy. */
export const pathPolicies = [
  {
    prefix: '/admin/',
    why: 'Decap CMS styles itself with inline CSS-in-JS, evaluates code, previews media as blob: and data: images, reads an uploaded image back from blob: when saving, talks to the GitHub API and signs in in a pop-up',
    directives: {
      'script-src': ["'unsafe-eval'"],
      'style-src': ["'unsafe-inline'"],
      'img-src': ['blob:', 'https:'],
      'connect-src': ['blob:', 'https://api.github.com'],
      'worker-src': ['blob:'],
    },
    helmet: { crossOriginOpenerPolicy: { policy: 'same-origin-allow-popups' } },
  },
  {
    prefix: '/openreferral/',
    why: 'open data that other sites may load from their own pages',
    helmet: { crossOriginResourcePolicy: { policy: 'cross-origin' } },
  },
  {
    prefix: '/open-data/',
    why: 'the open data files, which other sites may fetch from their own pages as they can the API',
    helmet: { crossOriginResourcePolicy: { policy: 'cross-origin' } },
    headers: { 'Access-Control-Allow-Origin': '*' },
  },
  {
    prefix: '/feed.xml/',
    why: 'the Atom feed, served as Atom so feed readers and browsers know it (a static host would say application/xml)',
    helmet: { crossOriginResourcePolicy: { policy: 'cross-origin' } },
    headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Access-Control-Allow-Origin': '*' },
  },
];

/** The policy for a path: the first matching entry of `policies`, if any. */
export function policyFor(pathname, policies = pathPolicies) {
  return policies.find(({ prefix }) => pathname.startsWith(prefix) || pathname === prefix.slice(0, -1));
}

/**
 * The Content-Security-Policy directives for a path policy: the base ones, plus the build's outside
 * sources (`{ 'img-src': ['https://tile.openstreetmap.org'] }`), plus the policy's own.
 * @param {PathPolicy | undefined} policy
 * @param {Record<string, string[]>} outsideSources
 * @returns {Record<string, string[]>}
 */
export function directivesFor(policy, outsideSources = {}) {
  /** @type {Record<string, string[]>} */
  const directives = {};
  for (const extra of [baseDirectives, outsideSources, policy?.directives ?? {}]) {
    for (const [name, sources] of Object.entries(extra)) {
      directives[name] = [...new Set([...(directives[name] ?? []), ...sources])];
    }
  }
  return directives;
}

/**
 * Whether the request reached us over HTTPS: directly, or through a trusted reverse proxy that
 * terminated it and said so in X-Forwarded-Proto (the server keeps that header only from the proxies
 * TRUST_PROXY names: see trusted-proxy.mjs).
 * @param {import('node:http').IncomingMessage} req
 */
export function arrivedOverHttps(req) {
  if (/** @type {import('node:tls').TLSSocket} */ (req.socket).encrypted) return true;
  const forwarded = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  return first === 'https';
}

/**
 * Connect-style middleware setting the headers for each request's path; HSTS only over HTTPS,
 * since browsers ignore it over plain HTTP and it would pin a local http:// address.
 * @param {{ outsideSources?: Record<string, string[]> }} [options]
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next: (error?: unknown) => void) => void}
 */
export function securityHeaders({ outsideSources = {} } = {}) {
  /** @type {Map<string, ReturnType<typeof helmet>>} */
  const made = new Map();
  return (req, res, next) => {
    const pathname = (req.url ?? '/').split(/[?#]/)[0] ?? '/';
    const policy = policyFor(pathname);
    const https = arrivedOverHttps(req);
    const key = `${policy?.prefix ?? ''} ${https}`;
    let middleware = made.get(key);
    if (!middleware) {
      middleware = helmet({
        contentSecurityPolicy: { useDefaults: false, directives: directivesFor(policy, outsideSources) },
        strictTransportSecurity: https ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: false } : false,
        referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
        xFrameOptions: { action: 'deny' },
        ...policy?.helmet,
      });
      made.set(key, middleware);
    }
    for (const [name, value] of Object.entries(policy?.headers ?? {})) res.setHeader(name, value);
    middleware(req, res, next);
  };
}
