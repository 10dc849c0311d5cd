import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { ViteDevServer } from 'vite';

/** Decap's own browser bundle, served from the npm package so /admin needs no CDN. */
const bundleDir = path.dirname(createRequire(import.meta.url).resolve('decap-cms/dist/decap-cms.js'));
/** Where the bundle is served; only the /admin page loads it, so no other page pays for its 5 MB. */
export const decapBundlePath = '/admin/decap/';

/** The main bundle, the chunks it loads on demand (same folder, found from its own address) and its WebAssembly. */
export function decapFiles(): string[] {
  return fs.readdirSync(bundleDir).filter((file) => /^(\d+\.)?decap-cms\.js$|\.wasm$|^decap-cms\.js\.LICENSE\.txt$/.test(file));
}

const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};

/** A file under public/ in the edited repository's working tree, or else on one of its draft branches. */
function draftUpload(repo: string, file: string): Buffer | undefined {
  const onDisk = path.join(repo, file);
  if (!onDisk.startsWith(path.join(repo, 'public', 'uploads') + path.sep)) return undefined;
  if (fs.existsSync(onDisk) && fs.statSync(onDisk).isFile()) return fs.readFileSync(onDisk);
  const relative = path.relative(repo, onDisk).split(path.sep).join('/');
  try {
    const branches = execFileSync('git', ['for-each-ref', '--format=%(refname:short)', 'refs/heads/cms/'], { cwd: repo, encoding: 'utf8' });
    for (const branch of branches.split('\n').filter(Boolean)) {
      try {
        return execFileSync('git', ['show', `${branch}:${relative}`], { cwd: repo, stdio: ['ignore', 'pipe', 'ignore'] });
      } catch {
        // Not on this branch.
      }
    }
  } catch {
    // Not a git repository: nothing more to look in.
  }
  return undefined;
}

/**
 * Under `npm run cms`, decap-server (git mode) checks draft branches out in the working tree as it
 * reads and saves them, so content/ changes under astro dev many times a minute. Astro answers each
 * change by reloading every open page, the CMS too, which would throw away what the editor is typing.
 * Pages stay as they are instead; the editor reloads the site to see a change. Nor does a file caught
 * half-written by a checkout put Vite's error overlay over the editor: the terminal shows the error.
 */
function keepPagesOpen(server: ViteDevServer): void {
  // Three ways to the browser, each its own object: Vite's socket, the client environment's channel, and
  // `server.hot`, which copied the socket's `send` when it was made and is what Astro sends through: after
  // an error (say an entry read while a checkout had left it empty, an unhandled rejection in Astro's
  // glob loader) Astro answers the next file change with a full reload of every page, the CMS too.
  for (const channel of new Set([server.ws, server.hot, server.environments.client.hot])) {
    const send = channel.send.bind(channel) as (...args: unknown[]) => void;
    channel.send = ((...args: unknown[]) => {
      const payload = args[0] as { type?: string } | string;
      if (typeof payload === 'object' && (payload.type === 'full-reload' || payload.type === 'error')) return;
      send(...args);
    }) as typeof channel.send;
  }
}

/**
 * Serves Decap CMS's prebuilt bundle under /admin/decap/: from node_modules in `astro dev`,
 * copied into the client build by `astro build`.
 */
export function decapCms(): AstroIntegration {
  let clientDir: URL;
  return {
    name: 'community-hub:decap-cms',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        // Other builds and generated benchmark sites live in the project folder; watching them exhausts inotify.
        if (command === 'dev') updateConfig({ vite: { server: { watch: { ignored: ['**/dist*/**', '**/generated/**', '**/test-results/**', '**/data/**'] } } } });
        // Under `npm run cms` the editor needs no Astro toolbar over the CMS's buttons.
        if (command === 'dev' && process.env.CMS_PROXY_PORT) updateConfig({ devToolbar: { enabled: false } });
      },
      'astro:config:done': ({ config }) => {
        clientDir = config.build.client;
      },
      'astro:server:setup': ({ server }) => {
        if (process.env.CMS_PROXY_PORT) keepPagesOpen(server);
        const files = new Set(decapFiles());
        // An image uploaded to a draft lives on the draft's branch (decap-server in git mode), so the
        // preview would not find it in public/; look on the cms/* branches of the repository being edited.
        const repo = path.resolve(process.env.CMS_REPO_DIR ?? '.');
        server.middlewares.use((request, response, next) => {
          const url = new URL(request.url ?? '/', 'http://localhost');
          if (url.pathname.startsWith('/uploads/')) {
            const image = draftUpload(repo, `public${decodeURIComponent(url.pathname)}`);
            if (image) {
              response.setHeader('Content-Type', types[path.extname(url.pathname).toLowerCase()] ?? 'application/octet-stream');
              response.end(image);
              return;
            }
          }
          // The tests send the production server's /admin/ policy here too, to prove Decap works under it.
          if (process.env.CMS_ADMIN_CSP && url.pathname === '/admin/') response.setHeader('Content-Security-Policy', process.env.CMS_ADMIN_CSP);
          const file = url.pathname.startsWith(decapBundlePath) ? url.pathname.slice(decapBundlePath.length) : '';
          if (!files.has(file)) return next();
          response.setHeader('Content-Type', types[path.extname(file)] ?? 'application/octet-stream');
          fs.createReadStream(path.join(bundleDir, file)).pipe(response);
        });
      },
      'astro:build:done': ({ logger }) => {
        const target = path.join(fileURLToPath(clientDir), decapBundlePath);
        fs.mkdirSync(target, { recursive: true });
        const files = decapFiles();
        for (const file of files) fs.copyFileSync(path.join(bundleDir, file), path.join(target, file));
        logger.info(`Copied Decap CMS (${files.length} files) to ${decapBundlePath}`);
      },
    },
  };
}
