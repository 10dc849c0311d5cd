import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';

interface WhatsOnRecord {
  url: string;
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

/** The records src/pages/search/whats-on.json.ts wrote, or none in a build without it. */
async function readWhatsOn(site: string): Promise<WhatsOnRecord[]> {
  try {
    return JSON.parse(await fs.readFile(path.join(site, 'search', 'whats-on.json'), 'utf8')) as WhatsOnRecord[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** The site's language, as its home page declares it, for the records that have no page of their own. */
let siteLanguage: string | undefined;
function language(site: string): string {
  if (siteLanguage === undefined) {
    const home = readFileSync(path.join(site, 'index.html'), 'utf8');
    // Lower case, as Pagefind keys the pages' own index ("en-gb"); "en-GB" would make an index of its own that the search never loads.
    siteLanguage = (/<html[^>]*\slang="([^"]+)"/.exec(home)?.[1] ?? 'en').toLowerCase();
  }
  return siteLanguage;
}

/**
 * Indexes the built pages with Pagefind's Node API once Astro has written them, so a static
 * host gets search too. Only pages marked `data-pagefind-body` (listings, funds, stories,
 * information pages) are indexed; their filters come from `data-pagefind-filter`.
 */
export function pagefindIndex(): AstroIntegration {
  let clientDir: URL;
  return {
    name: 'community-hub:pagefind',
    hooks: {
      'astro:config:done': ({ config }) => {
        clientDir = config.build.client;
      },
      'astro:build:done': async ({ logger }) => {
        const site = fileURLToPath(clientDir);
        const { index, errors } = await pagefind.createIndex({});
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        try {
          const added = await index.addDirectory({ path: site });
          if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
          // Events, courses and volunteering roles have server-rendered pages, so their records come from a file the build wrote.
          const whatsOn = await readWhatsOn(site);
          for (const record of whatsOn) {
            const { errors: recordErrors } = await index.addCustomRecord({ ...record, language: language(site) });
            if (recordErrors.length) throw new Error(`Pagefind could not index ${record.url}: ${recordErrors.join('; ')}`);
          }
          // The files are taken in memory and written here: Pagefind's writeFiles can answer before its
          // backend has finished writing, and closing the backend then left pagefind-entry.json empty.
          const { files, errors: fileErrors } = await index.getFiles();
          if (fileErrors.length) throw new Error(`Pagefind could not write its index: ${fileErrors.join('; ')}`);
          const outputDir = path.join(site, 'pagefind');
          for (const file of files) {
            const target = path.join(outputDir, file.path);
            await fs.mkdir(path.dirname(target), { recursive: true });
            await fs.writeFile(target, file.content);
          }
          logger.info(`Indexed ${added.page_count} pages and ${whatsOn.length} events and roles for search`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
