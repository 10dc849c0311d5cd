/**
 * Keeps the content store out of the server bundle. Astro 5 turns the whole store (`data-store.json`,
 * 30 MB at 10,000 groups) into one JavaScript module, `astro:data-layer-content`, and bundles it with
 * Rollup on every build: about 2 GB of the build's peak memory, and 355 MB and 2.6 s of the server's
 * start (docs/benchmarks.md). In a build this plugin answers for that module instead: each collection is
 * written beside the module's chunk as a file of its own, and read the first time a page or route asks
 * for that collection, so the server loads only the collections its routes use.
 *
 * This relies on an Astro internal (the module's name, and that the store accepts a Map of collections
 * from it), so Astro is pinned to an exact version in package.json, and tests/e2e/build-output.spec.ts
 * fails if a build bundles the store again. `astro dev` keeps Astro's own module, which it reloads on edits.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as devalue from 'devalue';
import type { Plugin } from 'vite';

/** Astro's name for the store's module (node_modules/astro/dist/content/consts.js, DATA_STORE_VIRTUAL_ID). */
const storeModule = 'astro:data-layer-content';
/** The folder of collection files, beside the chunk that reads them. */
const storeFolder = 'content-store';
const resolvedId = `\0community-hub:${storeModule}`;

/** The module's code: a Map whose collections are read from their files on first use. */
const lazyStoreCode = (names: string[]) => `import { readFileSync } from 'node:fs';
import { parse } from 'devalue';
const here = import.meta.url;
const names = new Set(${JSON.stringify(names)});
class Collections extends Map {
  get(name) {
    if (!super.has(name) && names.has(name)) super.set(name, parse(readFileSync(new URL(\`${storeFolder}/\${encodeURIComponent(name)}.json\`, here), 'utf8')));
    return super.get(name);
  }
  has(name) {
    return names.has(name);
  }
}
export default new Collections();
`;

/** The store Astro wrote after loading the content, by collection; none before any content is loaded. */
function readStore(storeFile: string): Map<string, Map<string, unknown>> {
  if (!fs.existsSync(storeFile)) return new Map();
  return devalue.parse(fs.readFileSync(storeFile, 'utf8')) as Map<string, Map<string, unknown>>;
}

/** Astro's own plugin that answers for the store's module. */
const astroStorePlugin = 'astro-content-virtual-mod-plugin';

function lazyStore(storeFile: () => string): Plugin {
  const plugin: Plugin = {
    name: 'community-hub:content-store',
    enforce: 'pre',
    apply: 'build',
    // Astro's plugin comes first among the early ones and would answer for the module itself, so this one moves in front of it.
    configResolved({ plugins }) {
      const list = plugins as Plugin[];
      const astros = list.findIndex((candidate) => candidate.name === astroStorePlugin);
      if (astros === -1) throw new Error(`community-hub:content-store: Astro's ${astroStorePlugin} is missing; this Astro version stores content differently (see src/integrations/content-store.ts)`);
      list.splice(list.indexOf(plugin), 1);
      list.splice(astros, 0, plugin);
    },
    resolveId: (id) => (id === storeModule ? resolvedId : undefined),
    load(id) {
      if (id !== resolvedId) return undefined;
      return lazyStoreCode([...readStore(storeFile()).keys()]);
    },
    writeBundle(options, bundle) {
      const chunk = Object.values(bundle).find((output) => output.type === 'chunk' && output.moduleIds.includes(resolvedId));
      if (!chunk || !options.dir) return; // the browser's bundle, which never reads the store
      const folder = path.join(options.dir, path.dirname(chunk.fileName), storeFolder);
      fs.rmSync(folder, { recursive: true, force: true });
      fs.mkdirSync(folder, { recursive: true });
      // Read again rather than kept from `load`: kept, the whole store would be held through the bundling.
      for (const [name, entries] of readStore(storeFile())) {
        fs.writeFileSync(path.join(folder, `${encodeURIComponent(name)}.json`), devalue.stringify(entries));
      }
    },
  };
  return plugin;
}

export function contentStore(): AstroIntegration {
  let storeFile = '';
  return {
    name: 'community-hub:content-store',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        // Where a build keeps the store (Astro's getDataStoreFile: the cache folder, not .astro/).
        storeFile = fileURLToPath(new URL('data-store.json', config.cacheDir));
        updateConfig({ vite: { plugins: [lazyStore(() => storeFile)] } });
      },
    },
  };
}
