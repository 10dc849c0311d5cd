// @ts-check
/**
 * `npm run build`, the whole build: `node scripts/build.mjs [astro build options]` runs `astro build`
 * with the options given in a process of its own, waits for it to exit, then indexes the built pages
 * for search with Pagefind (scripts/search-index.mjs). Two steps one after the other, so Pagefind's
 * memory (about 1 GB at 10,000 groups) is not added to what Astro's process still holds. A failed
 * `astro build` ends the build with its exit code, and nothing is indexed. Plain JavaScript, so it
 * runs wherever the server runs.
 */
import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { indexSiteLoudly } from './search-index.mjs';

/**
 * The folder `astro build` with these options writes into, as Astro resolves it: `--outDir X` or
 * `--outDir=X` (default `dist`), relative to `--root R` when given, which is relative to `cwd`. An
 * outDir set in a config file is not seen here; this site's config sets none.
 * @param {readonly string[]} args
 * @param {string} [cwd]
 */
export function astroOutDir(args, cwd = process.cwd()) {
  // Not strict: every other option of astro build passes through untouched.
  const { values } = parseArgs({ args: [...args], options: { outDir: { type: 'string' }, root: { type: 'string' } }, strict: false, allowPositionals: true });
  // As Astro does, an option given without a value counts as not given.
  const root = typeof values.root === 'string' ? values.root : '.';
  const outDir = typeof values.outDir === 'string' ? values.outDir : 'dist';
  return path.resolve(cwd, root, outDir);
}

/** Whether the options only ask Astro for its help, which builds nothing. */
const asksForHelp = (/** @type {readonly string[]} */ args) => args.includes('--help') || args.includes('-h');

/**
 * Runs `astro build` with `args` (the project's own Astro, with this process's Node and environment)
 * and resolves with its exit code, passing a stop from a process manager on to it.
 * @param {readonly string[]} args
 * @returns {Promise<number>}
 */
function astroBuild(args) {
  const astro = path.join(path.dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'astro.js');
  const child = spawn(process.execPath, [astro, 'build', ...args], { stdio: 'inherit', env: process.env });
  /** @param {NodeJS.Signals} signal */
  const passOn = (signal) => child.kill(signal);
  process.on('SIGTERM', passOn);
  process.on('SIGINT', passOn);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      process.off('SIGTERM', passOn);
      process.off('SIGINT', passOn);
      resolve(code ?? 1);
    });
  });
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const code = await astroBuild(args);
  if (code !== 0) process.exit(code);
  if (!asksForHelp(args)) {
    const site = path.join(astroOutDir(args), 'client');
    try {
      await indexSiteLoudly(site);
    } catch (error) {
      console.error(`The site was built, but its search index was not written: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
  }
}
