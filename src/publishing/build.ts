/**
 * Builds one release with the server's own code: `astro build` in a child process, pointed at a
 * commit's exported `content/` and `public/` (CONTENT_DIR, PUBLIC_DIR), writing into the release's
 * folder, then, once it has exited, the search index in another (scripts/search-index.mjs), as
 * `npm run build` does, so Pagefind's memory is not added to Astro's. It runs in a workspace holding
 * a copy of the code, not in the project itself: a build rewrites the project's `.astro/`, which
 * would pull the rug from under an `astro dev` there (the CMS on an editor's machine, `npm run cms`). The build runs the content check before anything else (src/integrations/content-check.ts),
 * so a broken entry stops it within seconds and its output names the file and field. The children run at
 * a lower priority, so the live site keeps answering quickly while they work. Server-only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { buildFailure, contentNotRead, indexFailure, problemsFromBuildOutput, type PublishProblem } from './releases';

export interface BuildRequest {
  /** The hub's own folder (astro.config.mjs, src/, node_modules/), whose code is built. */
  projectRoot: string;
  /** Where the build runs: a copy of the project's code, with its packages linked. */
  workspace: string;
  /** The folder holding the commit's `content/` and `public/`. */
  sourceDir: string;
  outDir: string;
  /**
   * Astro's cache of parsed content, emptied before each build: kept between publishes it saves seconds,
   * but a build that did not read every file (see `contentNotRead`) would then go live with the entries
   * of an earlier one, as the benchmark once caught.
   */
  cacheDir: string;
}

export type BuildOutcome =
  | { ok: true }
  | { ok: false; stage: 'check' | 'build'; problems: PublishProblem[]; output: string };

/** The end of a long output is where a failure is told; a 10,000-page build prints a line per page. */
const keptOutput = 256 * 1024;
/** Below the server (0): the build takes what the server leaves. */
const buildNiceness = 10;

let running: ChildProcess | undefined;

/** Stops a build under way (at shutdown). */
export function stopBuild(): void {
  running?.kill('SIGTERM');
}

/**
 * The server's environment a build may see: the public address and the CMS's settings, never the
 * server's secrets (CMS_TOKEN, DATABASE_URL, SMTP_URL, the webhook secret), since a build runs what
 * the content branch holds. Not HOST either: the server has warned about a missing SITE_URL already.
 * A test server's day (HUB_TODAY, HUB_TEST) goes through, so its releases are built on the day it runs on.
 */
export function buildEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => /^(PATH|HOME|LANG|LC_\w+|TZ|TMPDIR|SITE_URL|CI|NODE_OPTIONS|HUB_TODAY|HUB_TEST)$/.test(name) || (name.startsWith('CMS_') && name !== 'CMS_TOKEN')));
}

/** What a build reads of the project besides its content and packages. */
const codeParts = ['src', 'server', 'astro.config.mjs', 'package.json', 'tsconfig.json'];

/** The project's code copied afresh into `workspace` (a few MB, milliseconds), its packages linked, its own `.astro/` kept between builds. */
export function prepareWorkspace(projectRoot: string, workspace: string): void {
  fs.mkdirSync(workspace, { recursive: true });
  for (const part of codeParts) {
    fs.rmSync(path.join(workspace, part), { recursive: true, force: true });
    fs.cpSync(path.join(projectRoot, part), path.join(workspace, part), { recursive: true });
  }
  const modules = path.join(workspace, 'node_modules');
  if (!fs.existsSync(modules)) fs.symlinkSync(path.join(projectRoot, 'node_modules'), modules, 'dir');
}

/** Tries when Astro did not read all the content (a busy machine): the next try usually does. */
const tries = 2;

export async function buildRelease({ projectRoot, workspace, sourceDir, outDir, cacheDir }: BuildRequest): Promise<BuildOutcome> {
  prepareWorkspace(projectRoot, workspace);
  const astro = path.join(path.dirname(createRequire(path.join(projectRoot, 'package.json')).resolve('astro/package.json')), 'astro.js');
  const env: NodeJS.ProcessEnv = {
    ...buildEnvironment(process.env),
    CONTENT_DIR: path.join(sourceDir, 'content'),
    PUBLIC_DIR: path.join(sourceDir, 'public'),
    ASTRO_CACHE_DIR: cacheDir,
    ASTRO_TELEMETRY_DISABLED: '1',
  };
  let attempt: { code: number | null; output: string; notRead?: string } | undefined;
  for (let left = tries; left > 0; left--) {
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.rmSync(cacheDir, { recursive: true, force: true });
    attempt = await runBuild(astro, outDir, workspace, env);
    if (!attempt.notRead) break;
  }
  const { code, output, notRead } = attempt!;
  if (notRead) {
    return { ok: false, stage: 'build', problems: [{ file: '(build)', field: '(content)', message: `Astro did not read all the content (${tries} tries), so the site would have missed entries: ${notRead}` }], output };
  }
  if (code === 0) return indexRelease(path.join(projectRoot, 'scripts', 'search-index.mjs'), path.join(outDir, 'client'), workspace, env);
  const problems = problemsFromBuildOutput(output, { cwd: workspace, sourceDir });
  if (problems.length > 0) return { ok: false, stage: 'check', problems, output };
  return { ok: false, stage: 'build', problems: [buildFailure(output)], output };
}

/**
 * The search index of a built release, written by `indexer` (scripts/search-index.mjs) in a child
 * process of its own after Astro's has exited; a failure fails the publish, saying what Pagefind said.
 */
export async function indexRelease(indexer: string, clientDir: string, workspace: string, env: NodeJS.ProcessEnv): Promise<BuildOutcome> {
  const { code, output } = await runLowPriority([indexer, clientDir], workspace, env);
  if (code === 0) return { ok: true };
  return { ok: false, stage: 'build', problems: [indexFailure(output)], output };
}

/** One `astro build`, stopped as soon as it says it did not read all the content. */
async function runBuild(astro: string, outDir: string, workspace: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string; notRead?: string }> {
  let notRead: string | undefined;
  const { code, output } = await runLowPriority([astro, 'build', '--outDir', outDir], workspace, env, (chunk, child) => {
    if (!notRead && (notRead = contentNotRead(chunk))) child.kill('SIGTERM');
  });
  // A line split between two chunks is found in the whole.
  return { code, output, notRead: notRead ?? contentNotRead(output) };
}

/** `node <args>` at the build's lower priority, its output kept (the end of a long one), each chunk shown to `watch` as it comes. */
async function runLowPriority(args: string[], workspace: string, env: NodeJS.ProcessEnv, watch?: (chunk: string, child: ChildProcess) => void): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, args, { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running = child;
  try {
    if (child.pid) os.setPriority(child.pid, buildNiceness);
  } catch {
    // Not allowed here (some containers): the build runs at the server's priority.
  }
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 2 * keptOutput) output = output.slice(-keptOutput);
    watch?.(chunk.toString(), child);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  }).finally(() => {
    if (running === child) running = undefined;
  });
  return { code, output };
}
