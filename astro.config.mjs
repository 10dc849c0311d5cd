// @ts-check
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { contentCheck } from './src/integrations/content-check';
import { contentStore } from './src/integrations/content-store';
import { decapCms } from './src/integrations/decap-cms';
import { outsideSources } from './src/integrations/outside-sources';
import { inSitemap } from './src/integrations/sitemap-pages';
import { publicAddress } from './src/integrations/public-address';
import { readSettings } from './src/content-model/settings';
import { readSiteUrl } from './server/public-address.mjs';

const settings = readSettings();
// The public address for emails, feeds, canonical links and the sitemap; a wrong one stops the build.
const site = readSiteUrl(process.env.SITE_URL);

// The tests' dev server (the CMS suite, with HUB_TEST=1): no toolbar or error overlay over the page to take a click.
const testServer = process.env.HUB_TEST === '1';

export default defineConfig({
  site,
  devToolbar: { enabled: !testServer },
  // The host names the server answers for. Astro trusts a request's Host header only for these, and
  // its check that a form was posted from this site compares against them.
  security: { checkOrigin: true, allowedDomains: [{ hostname: 'localhost' }, { hostname: '127.0.0.1' }, { hostname: new URL(site).hostname }] },
  // Public pages are prerendered; routes that set `prerender = false` run on the Node server.
  output: 'static',
  // The publisher (src/publishing/) builds a commit's own public/ (with its uploads), exported beside its content (CONTENT_DIR).
  publicDir: process.env.PUBLIC_DIR ?? './public',
  // …and keeps Astro's content cache of its own (RELEASES_DIR/.cache), apart from a developer's builds.
  ...(process.env.ASTRO_CACHE_DIR ? { cacheDir: process.env.ASTRO_CACHE_DIR } : {}),
  // On-demand pages are rendered whole, then sent in one piece: they take milliseconds, and streaming them
  // chunk by chunk cost the search page a fifth more CPU in encoding, compressing and writing each chunk
  // (docs/benchmarks.md, "Where the server's search spent its time").
  adapter: node({ mode: 'standalone', experimentalDisableStreaming: true }),
  trailingSlash: 'ignore',
  integrations: [contentCheck(), contentStore(), mdx(), sitemap({ filter: inSitemap }), outsideSources(settings), decapCms(), publicAddress(site)],
  build: { inlineStylesheets: 'never' },
  vite: {
    ...(testServer ? { server: { hmr: { overlay: false } } } : {}),
    // A publisher's build keeps Vite's cache apart too, or it would re-optimise the dependencies of an `astro dev` sharing node_modules (the CMS).
    ...(process.env.ASTRO_CACHE_DIR ? { cacheDir: `${process.env.ASTRO_CACHE_DIR}/vite` } : {}),
    // Scripts always go in files of their own: the Content-Security-Policy (server/security-headers.mjs) allows no inline script but GOV.UK's hashed one.
    build: { assetsInlineLimit: (file) => (file.endsWith('.js') ? false : undefined) },
    css: {
      preprocessorOptions: {
        scss: {
          // The council's colour comes from settings, so re-theming needs no code change.
          additionalData: `$brand-colour: ${settings.brandColour};\n`,
          quietDeps: true,
          silenceDeprecations: ['import'],
        },
      },
    },
  },
});
