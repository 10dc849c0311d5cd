/**
 * Addresses at which Astro's Node handler (in @astrojs/node 9) answers with a 500 and a stack trace:
 * a prerendered route asked for where its file is not (`/feed.xml/`, `/robots.txt/`, the 404 page's own
 * `/404`) is matched as a route, then rendered on demand, which a prerendered page cannot be
 * (withastro/astro#15164, fixed in @astrojs/node 10, which needs Astro 6); so is a path with dot
 * segments (`/%2e%2e`) that Astro reads as a prerendered page's. The server answers these itself: such
 * an address is redirected to the file's or page's own address, and `/404` is the 404 page.
 */
import fs from 'node:fs';
import path from 'node:path';

/**
 * What to answer instead of Astro for this request target, if anything.
 * @param {string} clientDir the build's `client` folder
 * @param {string} target the request's path and query, as sent
 * @returns {{ redirect: string } | { notFound: true } | undefined}
 */
export function prerenderedMiss(clientDir, target) {
  const [pathname = '/', query] = target.split(/\?(.*)/s, 2);
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  // Astro reads `/feed.xml/.` and `/a/../feed.xml/` as `/feed.xml/`.
  const normal = path.posix.normalize(decoded);
  const bare = normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
  if (bare === '/404') return { notFound: true };
  const found = builtAt(clientDir, bare);
  if (found === 'file' && decoded !== bare) return { redirect: `${encodeURI(bare)}${query === undefined ? '' : `?${query}`}` };
  const folder = bare === '/' ? '/' : `${bare}/`;
  if (found === 'folder' && decoded !== bare && decoded !== folder) return { redirect: `${encodeURI(folder)}${query === undefined ? '' : `?${query}`}` };
  return undefined;
}

/**
 * Whether the build has a file at `address`, or a page (a folder with an index.html); nothing for a
 * name too long or otherwise impossible, or outside the folder.
 * @param {string} clientDir
 * @param {string} address
 * @returns {'file' | 'folder' | undefined}
 */
function builtAt(clientDir, address) {
  const root = path.resolve(clientDir);
  const file = path.resolve(root, `.${address}`);
  if (file !== root && !file.startsWith(`${root}${path.sep}`)) return undefined;
  try {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat?.isFile()) return 'file';
    return stat?.isDirectory() && fs.existsSync(path.join(file, 'index.html')) ? 'folder' : undefined;
  } catch {
    return undefined;
  }
}
