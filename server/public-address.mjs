/**
 * The site's public address (SITE_URL), which emails, the feeds, the funding calendar file, canonical
 * links, the sitemap and robots.txt are written with. It is fixed when the site is built, so a build or
 * a server start for other machines without it would quietly send everyone to http://localhost:4321;
 * these rules say when to warn, and what. Plain JavaScript, so `node server/serve.mjs` can use them too.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The address a build without SITE_URL is made for: `npm start` on this machine. */
export const defaultSiteUrl = 'http://localhost:4321';

/** Where a build records the address it was made for, beside the server bundle. */
export const siteFile = 'site.json';

/**
 * SITE_URL as the site's origin (`https://hub.example.org`), or the default when it is unset or empty.
 * Throws naming the mistake, since every link built from a wrong one would be broken.
 * @param {string | undefined} value
 */
export function readSiteUrl(value) {
  if (value === undefined || value.trim() === '') return defaultSiteUrl;
  const problem = (/** @type {string} */ why) => new Error(`SITE_URL ${why}: got "${value}". Set it to the address people use for the site, like https://hub.example.org`);
  if (!URL.canParse(value.trim())) throw problem('must be a full address starting https:// or http://');
  const url = new URL(value.trim());
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw problem('must start https:// or http://');
  // Pages link from the root (/groups/…), so the site cannot live in a sub-folder of its address.
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) throw problem('must be the address of the site itself, with no path, query or password');
  return url.origin;
}

/**
 * Whether a host name or IP address only reaches this machine. All-interfaces addresses (0.0.0.0, ::)
 * are not: a server bound to them is meant to be reached from elsewhere.
 * @param {string} host
 */
export function isLoopback(host) {
  const name = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(name) || name === '::1' || name === '0:0:0:0:0:0:0:1';
}

/**
 * The warning to print once when the site is meant for other machines but its address is this one,
 * or when the server is given a SITE_URL its build was not made with; undefined when all is well.
 * "Meant for other machines": the server listens beyond this machine (HOST), runs in production
 * (NODE_ENV, at server start), or the build runs on a CI service (CI), where builds are for deploying.
 * @param {{ site: string, host?: string, nodeEnv?: string, ci?: string, siteUrl?: string }} setting
 *   site: the address the build uses (at server start, the one it was made with); siteUrl: SITE_URL
 *   at server start, to compare with it.
 */
export function publicAddressWarning({ site, host, nodeEnv, ci, siteUrl }) {
  const built = new URL(site).origin;
  let wanted;
  try {
    wanted = siteUrl?.trim() ? readSiteUrl(siteUrl) : undefined;
  } catch (error) {
    return `${/** @type {Error} */ (error).message}\n(SITE_URL is read when the site is built; this build was made for ${built}.)`;
  }
  if (wanted && wanted !== built) {
    return [
      `SITE_URL is ${wanted}, but this build was made for ${built}.`,
      'SITE_URL is read when the site is built: links in emails, the feeds, the funding calendar file, canonical links and the sitemap keep the old address, and forms opened at the new one are refused.',
      `Build again with it: SITE_URL=${wanted} npm run build`,
    ].join('\n');
  }
  if (!isLoopback(new URL(built).hostname)) return undefined;
  const reasons = [
    host !== undefined && !isLoopback(host) && `HOST is ${host || 'empty (every address)'}`,
    nodeEnv === 'production' && 'NODE_ENV is production',
    ci && ci !== 'false' && ci !== '0' && 'this build runs on CI',
  ].filter(Boolean);
  if (reasons.length === 0) return undefined;
  return [
    `The site's public address (SITE_URL) is ${built}, but ${reasons.join(' and ')}, so people will reach it at another address.`,
    `Links in emails (saved applications, feedback requests, decision letters, published entries), the news feed, the funding calendar file, canonical links, the sitemap and robots.txt will point at ${built}, and forms opened at any address but this machine's are refused.`,
    'Set SITE_URL to the address people use, then build: SITE_URL=https://hub.example.org npm run build',
  ].join('\n');
}

/**
 * The address a build was made for, from the file its build wrote beside the server bundle;
 * undefined for a build from before it existed.
 * @param {string} dist the build folder
 */
export function builtSite(dist) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dist, 'server', siteFile), 'utf8')).site;
  } catch {
    return undefined;
  }
}
