// @ts-check
/**
 * The search index a static host searches (/search/static/): Pagefind's Node API over the built pages
 * (`<outDir>/client`), run after `astro build` has exited, so Pagefind's memory (about 1 GB at 10,000
 * groups) comes after Astro's instead of on top of it. Only pages marked `data-pagefind-body`
 * (listings, funds, stories, information pages) are indexed; their filters come from
 * `data-pagefind-filter`. `npm run build` (scripts/build.mjs) imports it; the publisher
 * (src/publishing/build.ts) runs it in a process of its own, `node scripts/search-index.mjs <client dir>`.
 * Plain JavaScript, so it runs wherever the server runs.
 */
import { realpathSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';

/**
 * A record src/pages/search/whats-on.json.ts wrote: an event, course or volunteering role.
 * @typedef {{ url: string; content: string; meta: Record<string, string>; filters: Record<string, string[]> }} WhatsOnRecord
 */

/**
 * The records src/pages/search/whats-on.json.ts wrote, or none in a build without it.
 * @param {string} site
 * @returns {Promise<WhatsOnRecord[]>}
 */
async function readWhatsOn(site) {
  const file = path.join(site, 'search', 'whats-on.json');
  try {
    return JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT') return [];
    throw new Error(`Could not read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The site's language, as its home page declares it, for the records that have no page of their own.
 * @param {string} site
 */
async function language(site) {
  const home = await fs.readFile(path.join(site, 'index.html'), 'utf8');
  // Lower case, as Pagefind keys the pages' own index ("en-gb"); "en-GB" would make an index of its own that the search never loads.
  return (/<html[^>]*\slang="([^"]+)"/.exec(home)?.[1] ?? 'en').toLowerCase();
}

/**
 * Indexes the built pages in `site` (a build's client folder) with Pagefind, adds the events and
 * roles as custom records, and writes the index into `site/pagefind/` (an earlier one there is
 * replaced). Throws naming what failed.
 * @param {string} site
 * @returns {Promise<{ pages: number; records: number }>}
 */
export async function indexSite(site) {
  const stat = await fs.stat(site).catch(() => undefined);
  if (!stat?.isDirectory()) throw new Error(`There are no built pages to index in ${site}`);
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    const added = await index.addDirectory({ path: site });
    if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
    // Events, courses and volunteering roles have server-rendered pages, so their records come from a file the build wrote.
    const whatsOn = await readWhatsOn(site);
    if (whatsOn.length > 0) {
      const recordLanguage = await language(site);
      for (const record of whatsOn) {
        const { errors: recordErrors } = await index.addCustomRecord({ ...record, language: recordLanguage });
        if (recordErrors.length) throw new Error(`Pagefind could not index ${record.url}: ${recordErrors.join('; ')}`);
      }
    }
    // The files are taken in memory and written here: Pagefind's writeFiles can answer before its
    // backend has finished writing, and closing the backend then left pagefind-entry.json empty.
    const { files, errors: fileErrors } = await index.getFiles();
    if (fileErrors.length) throw new Error(`Pagefind could not write its index: ${fileErrors.join('; ')}`);
    const outputDir = path.join(site, 'pagefind');
    await fs.rm(outputDir, { recursive: true, force: true });
    for (const file of files) {
      const target = path.join(outputDir, file.path);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, file.content);
    }
    return { pages: added.page_count, records: whatsOn.length };
  } finally {
    await pagefind.close();
  }
}

/**
 * Indexes `site`, saying when it starts (so a benchmark tells the step apart) and what it indexed.
 * @param {string} site
 */
export async function indexSiteLoudly(site) {
  console.log('Indexing the built pages for search…');
  const { pages, records } = await indexSite(site);
  console.log(`Indexed ${pages} pages and ${records} events and roles for search`);
}

// `node scripts/search-index.mjs <client dir>`: the publisher's step after its `astro build`.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const site = process.argv[2];
  if (!site || process.argv.length > 3) {
    console.error('Usage: node scripts/search-index.mjs <a build\'s client folder, e.g. dist/client>');
    process.exit(2);
  }
  try {
    await indexSiteLoudly(path.resolve(site));
  } catch (error) {
    console.error(`The search index was not written: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
