import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';

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
          logger.info(`Indexed ${added.page_count} pages for search`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
