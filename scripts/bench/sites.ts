/**
 * The sites the benchmarks build and serve: generated content of N groups, this site built from
 * it (or from content/ for the demo), and a bare Astro site of plain Markdown pages to compare
 * with. Everything is written under generated/bench/ (git-ignored), never into dist/.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Measured, type Phase, runMeasured } from './measure';

export const benchDir = 'generated/bench';
const astroCli = path.resolve('node_modules/astro/astro.js');
const tsxCli = path.resolve('node_modules/tsx/dist/cli.mjs');
const benchConfig = path.resolve(benchDir, 'astro.config.mjs');

/** Where the site's code and demo content come from: the working tree, or a commit (`--at`). */
let sourceRoot = process.cwd();
let sourceCommit: string | undefined;

/**
 * Builds the site as committed at `revision` instead of the working tree: exported with
 * `git archive` into generated/bench/source-<commit>, with a link to this repo's node_modules.
 * For comparing commits, or measuring while the working tree is mid-edit.
 */
export function useCommit(revision: string): string {
  const commit = execFileSync('git', ['rev-parse', '--short', revision], { encoding: 'utf8' }).trim();
  const dir = path.resolve(benchDir, `source-${commit}`);
  if (!fs.existsSync(path.join(dir, 'package.json'))) {
    const partial = `${dir}.partial`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.mkdirSync(partial, { recursive: true });
    execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C "${partial}"`], { stdio: 'inherit' });
    // The styles reach GOV.UK Frontend by a relative path into node_modules.
    fs.symlinkSync(path.resolve('node_modules'), path.join(partial, 'node_modules'));
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(partial, dir);
  }
  sourceRoot = dir;
  sourceCommit = commit;
  return commit;
}

/** What was built, for the report: a commit given with `--at`, or undefined for the working tree. */
export const builtCommit = () => sourceCommit;

export const contentDirFor = (groups: number) => path.join(benchDir, `content-${groups}`);
export const siteDirFor = (label: number | 'demo') => path.join(benchDir, label === 'demo' ? 'demo-dist' : `site-${label}`);
export const bareDirFor = (pages: number) => path.join(benchDir, `bare-${pages}`);

/** `npm run generate`: groups, a fifth as many assets and a tenth as many stories. */
export function generateContent(groups: number): string {
  const out = contentDirFor(groups);
  // The generator of the code being measured, reading that code's content/ for areas and taxonomy.
  const { status } = spawnSync(process.execPath, [tsxCli, 'scripts/generate-content.ts', '--groups', String(groups), '--out', path.resolve(out)], { stdio: 'inherit', cwd: sourceRoot });
  if (status !== 0) throw new Error(`npm run generate -- --groups ${groups} failed`);
  return out;
}

/** Markdown and MDX entries in a content folder's groups, assets, stories, events and volunteering roles. */
export function entryCount(contentDir: string): number {
  return ['groups', 'assets', 'stories', 'events', 'volunteering'].filter((folder) => fs.existsSync(path.join(contentDir, folder))).reduce((sum, folder) => sum + fs.readdirSync(path.join(contentDir, folder)).length, 0);
}

/** The largest file of a build's server bundle, e.g. the content data store Astro bundles as one module. */
export function largestServerChunk(outDir: string): { file: string; bytes: number } | undefined {
  const dir = path.join(outDir, 'server');
  if (!fs.existsSync(dir)) return undefined;
  return filesUnder(dir).map((file) => ({ file: path.relative(dir, file), bytes: fs.statSync(file).size })).sort((a, b) => b.bytes - a.bytes)[0];
}

export function countPages(dir: string): number {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html')).length;
}

/**
 * The site's own astro.config.mjs with the content layer's cache moved into the benchmark's
 * folder, so each benchmark build starts cold and never touches the cache others' builds use.
 */
function writeBenchConfig(): void {
  fs.mkdirSync(benchDir, { recursive: true });
  fs.writeFileSync(benchConfig, `// Written by scripts/bench/sites.ts: the site's config with a cache folder of the benchmark's own.
import config from '${pathToFileURL(path.join(sourceRoot, 'astro.config.mjs'))}';
export default { ...config, cacheDir: process.env.BENCH_CACHE_DIR };
`);
}

/** The steps of a build, told apart by the lines it prints, to see which one needs the memory and the time. */
export const buildPhases: Phase[] = [
  { name: 'content sync', startsAt: /\[content\] Syncing content/ },
  { name: 'server bundle (Vite)', startsAt: /Building server entrypoints/ },
  { name: 'client bundle (Vite)', startsAt: /building client/ },
  { name: 'prerendering pages', startsAt: /(prerendering|generating) static routes/ },
  { name: 'build:done hooks', startsAt: /Rearranging server assets/ },
  // scripts/build.mjs, once Astro has exited.
  { name: 'search index (Pagefind)', startsAt: /Indexing the built pages for search/i },
];

/** The whole build (`npm run build`): Astro, then Pagefind once Astro has exited. */
const buildScript = 'scripts/build.mjs';
/** Whether the code being built has the whole-build script; a commit from before it (`--at`) is built with `astro build`, which ran Pagefind inside. */
const hasBuildScript = () => fs.existsSync(path.join(sourceRoot, buildScript));

/** How a reader would run the same build by hand. */
export const ourBuildCommand = (contentDir: string, outDir: string) => (hasBuildScript() ? `CONTENT_DIR=${contentDir} node ${buildScript} --outDir ${outDir}` : `CONTENT_DIR=${contentDir} npx astro build --outDir ${outDir}`);

/** A cold build of this site (content check, pages, Pagefind index) from contentDir into outDir, the whole process tree measured. */
export async function buildOurSite(contentDir: string, outDir: string, quiet = true): Promise<Measured> {
  writeBenchConfig();
  const stamp = sourceStamp(contentDir);
  const cacheDir = path.resolve(`${outDir}-cache`);
  fs.rmSync(cacheDir, { recursive: true, force: true });
  fs.rmSync(outDir, { recursive: true, force: true });
  // Astro joins --config to the project root, so it must be relative.
  const options = ['--config', path.relative(sourceRoot, benchConfig), '--outDir', path.resolve(outDir)];
  const measured = await runMeasured(process.execPath, hasBuildScript() ? [buildScript, ...options] : [astroCli, 'build', ...options], {
    cwd: sourceRoot,
    env: { CONTENT_DIR: path.resolve(contentDir), BENCH_CACHE_DIR: cacheDir, ASTRO_TELEMETRY_DISABLED: '1' },
    quiet,
    phases: buildPhases,
  });
  fs.writeFileSync(path.join(outDir, stampFile), stamp);
  builtThisRun.add(outDir);
  return measured;
}

const words = 'friendly welcoming weekly local neighbours share support chat tea learn together help skills garden walk music games stories'.split(' ');
const sentence = (seed: number, count: number) => {
  const text = Array.from({ length: count }, (_, index) => words[(seed * 7 + index * 13) % words.length]).join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
};

/**
 * A minimal Astro project: one content collection of plain Markdown pages (about as long as a
 * generated group's description) and one `[id].astro` page, using this repo's node_modules.
 */
export function writeBareSite(pages: number): string {
  const root = bareDirFor(pages);
  fs.rmSync(root, { recursive: true, force: true });
  const markdown = path.join(root, 'src', 'content', 'pages');
  fs.mkdirSync(markdown, { recursive: true });
  fs.mkdirSync(path.join(root, 'src', 'pages'), { recursive: true });
  fs.writeFileSync(path.join(root, 'astro.config.mjs'), `import { defineConfig } from 'astro/config';\nexport default defineConfig({ cacheDir: process.env.BENCH_CACHE_DIR });\n`);
  fs.writeFileSync(path.join(root, 'src', 'content.config.ts'), `import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';

export const collections = {
  pages: defineCollection({ loader: glob({ pattern: '*.md', base: './src/content/pages' }), schema: z.object({ title: z.string() }) }),
};
`);
  fs.writeFileSync(path.join(root, 'src', 'pages', '[id].astro'), `---
import { getCollection, render } from 'astro:content';

export async function getStaticPaths() {
  return (await getCollection('pages')).map((page) => ({ params: { id: page.id }, props: { page } }));
}
const { page } = Astro.props;
const { Content } = await render(page);
---
<html lang="en">
  <head><meta charset="utf-8" /><title>{page.data.title}</title></head>
  <body><h1>{page.data.title}</h1><Content /></body>
</html>
`);
  for (let index = 1; index <= pages; index++) {
    fs.writeFileSync(path.join(markdown, `page-${index}.md`), `---\ntitle: Page ${index}\n---\n${sentence(index, 40)}\n\n${sentence(index + 1, 30)}\n`);
  }
  return root;
}

export const bareBuildCommand = (root: string) => `npx astro build --root ${root}`;

export async function buildBareSite(root: string, quiet = true): Promise<Measured> {
  const cacheDir = path.resolve(root, '.astro-cache');
  fs.rmSync(cacheDir, { recursive: true, force: true });
  fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  return runMeasured(process.execPath, [astroCli, 'build', '--root', root], { env: { BENCH_CACHE_DIR: cacheDir, ASTRO_TELEMETRY_DISABLED: '1' }, quiet, phases: buildPhases });
}

const stampFile = '.bench-source';

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((file) => path.join(dir, file)).filter((file) => fs.statSync(file).isFile()).sort();
}

/** A hash of everything a build depends on: site code, config, build script, locked dependencies and content. */
function sourceStamp(contentDir: string): string {
  const hash = createHash('sha1');
  // Names relative to their roots, so the same code exported from another commit counts as the same.
  const files = (root: string, names: string[]) => names.map((name) => ({ name: path.relative(root, name), file: name }));
  for (const { name, file } of [
    ...files('.', ['package-lock.json']),
    ...files(sourceRoot, [path.join(sourceRoot, 'astro.config.mjs'), ...(hasBuildScript() ? [path.join(sourceRoot, buildScript)] : []), ...filesUnder(path.join(sourceRoot, 'src'))]),
    ...files(contentDir, filesUnder(contentDir)),
  ]) {
    hash.update(name).update(fs.readFileSync(file));
  }
  return hash.digest('hex');
}

/** Builds made by this `npm run bench`, which later parts use even if others edit the code meanwhile. */
const builtThisRun = new Set<string>();

/** Whether outDir holds a build of contentDir made in this run, or from the code and content as they are now. */
export function isFreshBuild(contentDir: string, outDir: string): boolean {
  if (builtThisRun.has(outDir)) return true;
  const stamp = path.join(outDir, stampFile);
  return fs.existsSync(contentDir) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === sourceStamp(contentDir);
}

/** A build of contentDir in outDir, reused when nothing it depends on has changed since. */
export async function ensureBuild(contentDir: string, outDir: string): Promise<string> {
  if (isFreshBuild(contentDir, outDir)) {
    console.log(`Reusing the build in ${outDir}`);
    return outDir;
  }
  console.log(`Building ${contentDir} into ${outDir}…`);
  await buildOurSite(contentDir, outDir);
  return outDir;
}

/** The demo site (content/) built for the page-weight and Lighthouse parts. */
export const ensureDemoBuild = () => ensureBuild(path.join(sourceRoot, 'content'), siteDirFor('demo'));

export interface TemplatePage {
  template: string;
  path: string;
  /** Listing and browse pages, which must ship no framework JavaScript. */
  listing: boolean;
}

/** The heaviest built page of a template folder (e.g. the area with the most entries). */
function heaviest(clientDir: string, folder: string): string {
  const dir = path.join(clientDir, folder);
  const pages = fs.readdirSync(dir, { withFileTypes: true })
    // Numbered folders are further pages of the folder's own list, not pages of its kind.
    .filter((entry) => entry.isDirectory() && !/^\d+$/.test(entry.name) && fs.existsSync(path.join(dir, entry.name, 'index.html')))
    .map((entry) => ({ name: entry.name, bytes: fs.statSync(path.join(dir, entry.name, 'index.html')).size }))
    .sort((a, b) => b.bytes - a.bytes);
  if (!pages.length) throw new Error(`No pages in ${dir}`);
  return `/${folder}/${pages[0].name}/`;
}

/** One page of each template: the heaviest of its kind, so a budget met here is met everywhere. */
export function templatePages(outDir: string): TemplatePage[] {
  const client = path.join(outDir, 'client');
  return [
    { template: 'home', path: '/', listing: true },
    { template: 'group listing', path: heaviest(client, 'groups'), listing: true },
    { template: 'asset listing', path: heaviest(client, 'assets'), listing: true },
    { template: 'area', path: heaviest(client, 'areas'), listing: true },
    { template: 'category', path: heaviest(client, 'categories'), listing: true },
    { template: 'groups A–Z', path: '/groups/', listing: true },
    { template: 'fund', path: heaviest(client, 'funds'), listing: false },
    { template: 'story', path: heaviest(client, 'stories'), listing: false },
    { template: 'search', path: '/search/', listing: false },
    { template: 'map', path: '/map/', listing: false },
  ];
}
