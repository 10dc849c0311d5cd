/**
 * The server's cold start and its memory at idle, on the largest generated build: the production
 * server (`node server/serve.mjs <build>`) started afresh each run, timed from the spawn until both
 * a search (`/search/?q=community`, with results) and the Open Referral API
 * (`/openreferral/services?per_page=1`, with a service) have answered 200, whatever the server does
 * inside before then; the CPU it used to get there; then its resident memory once it has been idle
 * a while, with no garbage collection forced (the target's figure), and again after one forced.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { megabytes } from './load';
import { processTree, processUsage } from './measure';
import { type BenchOptions, type BenchPart, type Row, benchCommand, median, medianAndMin } from './report';
import { freePort } from './server';
import { ensureBuild, generateContent, ourBuildCommand, siteDirFor } from './sites';

/** The issue's targets (18), at 10,000 groups. */
const targetGroups = 10_000;
const targetStartSeconds = 2;
const targetIdleBytes = 300e6;
/** How long the server is left alone after its answers before its memory is read. */
const idleSeconds = 10;
const pollEveryMs = 25;
/** Run with `--expose-gc` and this module imported first, the server collects its garbage when sent SIGUSR2, and does nothing else differently. */
const gcOnSignal = 'data:text/javascript,process.on("SIGUSR2",()=>globalThis.gc())';
const gcSettleMs = 2000;
const searchPath = '/search/?q=community';
const openReferralPath = '/openreferral/services?per_page=1';

interface Start {
  /** From the spawn until both answers had come. */
  readySeconds: number;
  /** From the spawn until the server said it was listening ("Serving … on http://…"). */
  listeningSeconds?: number;
  searchSeconds: number;
  openReferralSeconds: number;
  /** The server's CPU seconds (user + system, its own and its finished children's) until both answers had come. */
  startCpuSeconds: number;
  /** Its CPU seconds while idle afterwards: work it does in the background once answering. */
  idleCpuSeconds: number;
  /** Highest RSS (summed over the server's process tree) sampled while it started. */
  peakStartBytes: number;
  /** RSS after `idleSeconds` idle, and its anonymous and file-backed parts (/proc/<pid>/status). */
  idleBytes: number;
  idleAnonBytes: number;
  idleFileBytes: number;
  /** RSS after that, once a full garbage collection has been forced. */
  afterGcBytes: number;
  searchResults: number;
  services: number;
}

/** The memory lines of /proc/<pid>/status, in bytes. */
function memoryStatus(pid: number): { rss: number; anon: number; file: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
  return { rss: kilobytes('VmRSS'), anon: kilobytes('RssAnon'), file: kilobytes('RssFile') };
}

const treeRss = (pid: number) => processTree(pid).reduce((sum, member) => sum + member.rssBytes, 0);
const cpuOf = (pid: number) => {
  const usage = processUsage(pid);
  return usage.ownCpu + usage.childrenCpu;
};

/** Asks `url` every `pollEveryMs` until it answers 200 and `check` accepts the body; resolves with when (performance.now()) and what check found. */
async function firstAnswer(url: string, check: (body: string) => number, alive: () => string | undefined, timeoutMs = 300_000): Promise<{ at: number; found: number }> {
  const deadline = performance.now() + timeoutMs;
  let last = 'no answer';
  while (performance.now() < deadline) {
    const stopped = alive();
    if (stopped) throw new Error(`The server stopped before answering ${url}: ${stopped}`);
    try {
      const response = await fetch(url);
      const body = await response.text();
      const found = response.ok ? check(body) : 0;
      if (found > 0) return { at: performance.now(), found };
      last = `${response.status}, ${body.length} bytes`;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, pollEveryMs));
  }
  throw new Error(`${url} had not answered within ${timeoutMs / 1000} s (last: ${last})`);
}

/** One start of the server on `outDir` with its database in `dataDir`, until idle, then stopped. */
async function startOnce(outDir: string, dataDir: string): Promise<Start> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const serve = fileURLToPath(new URL('../../server/serve.mjs', import.meta.url));
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['--expose-gc', '--import', gcOnSignal, serve, outDir], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', PUBLISH_REPO: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid!;
  let output = '';
  let listeningSeconds: number | undefined;
  let exit: string | undefined;
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    if (listeningSeconds === undefined && /Serving .* on http:/.test(output)) listeningSeconds = (performance.now() - started) / 1000;
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const closed = new Promise<void>((resolve) => child.on('close', (code) => {
    exit = `exit code ${code}. ${output.slice(-2000)}`;
    resolve();
  }));
  let peakStartBytes = 0;
  const sampler = setInterval(() => {
    if (exit === undefined) peakStartBytes = Math.max(peakStartBytes, treeRss(pid));
  }, 50);
  try {
    const [search, openReferral] = await Promise.all([
      firstAnswer(`${origin}${searchPath}`, (body) => body.match(/class="hub-results__item"/g)?.length ?? 0, () => exit),
      firstAnswer(`${origin}${openReferralPath}`, (body) => (JSON.parse(body) as { total_items?: number }).total_items ?? 0, () => exit),
    ]);
    const startCpuSeconds = cpuOf(pid);
    clearInterval(sampler);
    peakStartBytes = Math.max(peakStartBytes, treeRss(pid));
    const readySeconds = (Math.max(search.at, openReferral.at) - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
    if (exit !== undefined) throw new Error(`The server stopped while idle: ${exit}`);
    const idle = memoryStatus(pid);
    const idleBytes = treeRss(pid);
    const idleCpuSeconds = cpuOf(pid) - startCpuSeconds;
    process.kill(pid, 'SIGUSR2');
    await new Promise((resolve) => setTimeout(resolve, gcSettleMs));
    if (exit !== undefined) throw new Error(`The server stopped after a forced garbage collection: ${exit}`);
    const afterGcBytes = treeRss(pid);
    return {
      readySeconds,
      listeningSeconds,
      searchSeconds: (search.at - started) / 1000,
      openReferralSeconds: (openReferral.at - started) / 1000,
      startCpuSeconds,
      idleCpuSeconds,
      peakStartBytes,
      idleBytes,
      idleAnonBytes: idle.anon,
      idleFileBytes: idle.file,
      afterGcBytes,
      searchResults: search.found,
      services: openReferral.found,
    };
  } finally {
    clearInterval(sampler);
    if (exit === undefined) child.kill('SIGTERM');
    await closed;
  }
}

const seconds = (value: number) => `${value.toFixed(2)} s`;

/** Generated groups in a build, from its group pages, for a build given with `--site`. */
function groupsIn(outDir: string): number {
  const dir = path.join(outDir, 'client', 'groups');
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !/^\d+$/.test(entry.name) && fs.existsSync(path.join(dir, entry.name, 'index.html'))).length;
}

export const serverStart: BenchPart = {
  id: 'server-start',
  title: 'Server cold start and memory at idle',
  async run(options: BenchOptions) {
    const given = options.site ? path.resolve(options.site) : undefined;
    const groups = given ? groupsIn(given) : Math.max(...options.groups);
    const outDir = given ?? (await ensureBuild(generateContent(groups), siteDirFor(groups)));
    if (!fs.existsSync(path.join(outDir, 'server', 'entry.mjs'))) throw new Error(`No build in ${outDir}`);
    const command = benchCommand(options, 'server-start', `${given ? `--site ${options.site}` : `--groups ${groups}`} --runs ${options.runs}`);
    const size = `${groups.toLocaleString('en-GB')}-group build`;
    const atTarget = groups === targetGroups;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'community-hub-bench-start-'));
    const loadBefore = os.loadavg();
    const starts: Start[] = [];
    let first: Start;
    try {
      // The first start creates and migrates the database; a restart finds it there, as a server being upgraded or restarted would.
      console.log(`Server start: ${outDir}, first start on a new database…`);
      first = await startOnce(outDir, dataDir);
      console.log(`  answered both after ${seconds(first.readySeconds)}, idle RSS ${megabytes(first.idleBytes)}`);
      for (let run = 1; run <= options.runs; run++) {
        const start = await startOnce(outDir, dataDir);
        starts.push(start);
        console.log(`  run ${run}: listening after ${start.listeningSeconds?.toFixed(2) ?? '?'} s; search after ${seconds(start.searchSeconds)}, Open Referral after ${seconds(start.openReferralSeconds)}; CPU ${seconds(start.startCpuSeconds)}; peak ${megabytes(start.peakStartBytes)}, idle ${megabytes(start.idleBytes)} (anonymous ${megabytes(start.idleAnonBytes)}, files ${megabytes(start.idleFileBytes)}), after a forced gc ${megabytes(start.afterGcBytes)}`);
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    const loadAfter = os.loadavg();
    const ready = starts.map((start) => start.readySeconds);
    const idle = starts.map((start) => start.idleBytes);
    const of = (pick: (start: Start) => number, format: (value: number) => string) => medianAndMin(starts.map(pick), format);
    const rows: Row[] = [
      {
        figure: `cold start to answering search and the Open Referral API, ${size} (a fresh process each run, ${options.runs} runs)`,
        target: atTarget ? `≤ ${targetStartSeconds} s` : '—',
        measured: `${medianAndMin(ready, seconds)}; listening after ${of((start) => start.listeningSeconds ?? Number.NaN, seconds)}`,
        met: atTarget ? median(ready) <= targetStartSeconds : undefined,
        command,
      },
      {
        figure: `server CPU time (user + system) from spawn to both answers, ${size}`,
        target: '—',
        measured: of((start) => start.startCpuSeconds, seconds),
        command,
      },
      {
        figure: `server memory at idle (RSS ${idleSeconds} s after both answers, no garbage collection forced), ${size}`,
        target: atTarget ? `≤ ${megabytes(targetIdleBytes)}` : '—',
        measured: `${medianAndMin(idle, megabytes)}; of it anonymous ${of((start) => start.idleAnonBytes, megabytes)}, files mapped ${of((start) => start.idleFileBytes, megabytes)}`,
        met: atTarget ? median(idle) <= targetIdleBytes : undefined,
        command,
      },
      {
        figure: `server memory at idle after a forced full garbage collection, ${size}`,
        target: '—',
        measured: of((start) => start.afterGcBytes, megabytes),
        command,
      },
      {
        figure: `server peak memory while starting (RSS, sampled every 50 ms), ${size}`,
        target: '—',
        measured: of((start) => start.peakStartBytes, megabytes),
        command,
      },
      {
        figure: `first start, on a new database (created and migrated), ${size}`,
        target: '—',
        measured: `both answers after ${seconds(first.readySeconds)}, CPU ${seconds(first.startCpuSeconds)}, idle RSS ${megabytes(first.idleBytes)}`,
        command,
      },
    ];
    const last = starts.at(-1)!;
    return {
      id: this.id,
      title: this.title,
      command,
      rows,
      notes: [
        [
          `How: the build ${given ? `in \`${options.site}\`` : `\`${ourBuildCommand(`generated/bench/content-${groups}`, `generated/bench/site-${groups}`)}\` (build scaling's, or one made now if there is none from the same code and content)`}`,
          'served by the production server, `node --expose-gc --import <a module that calls gc() on SIGUSR2> server/serve.mjs <build>`, on 127.0.0.1 with a PGlite database in a folder of its own.',
          'A first start creates and migrates that database and is reported apart; each run then starts a fresh server on it, as a restart would.',
          `From the spawn, \`${searchPath}\` and \`${openReferralPath}\` are each asked every ${pollEveryMs} ms until it answers 200,`,
          'the search page with at least one result and the API with at least one service; the cold start is the time until both have,',
          'whatever the server does before it listens or answers (loading its bundle, the database, warming search and the directory).',
          'Server CPU is its user + system time from /proc/<pid>/stat (its own and its finished children\'s) at that moment.',
          `Memory at idle is the server's RSS (its process tree summed, from /proc) after ${idleSeconds} s with no request, without forcing a garbage collection:`,
          'what the machine gives it, not its live heap; this is the figure held to the target. Anonymous memory is the heap and other private data; mapped files are mostly the Node binary.',
          `Then the server is sent SIGUSR2, its imported module calls \`gc()\` (a full collection) and its RSS is read again ${gcSettleMs / 1000} s later: what it keeps, for comparison.`,
          'Nothing else differs from a production start: `--expose-gc` only makes `gc()` callable (the server calls it itself only when it retires a release).',
          `Last run: ${last.searchResults} results on the search page, ${last.services.toLocaleString('en-GB')} services in the API; CPU while idle ${seconds(last.idleCpuSeconds)}.`,
          `Load average before ${loadBefore.map((value) => value.toFixed(2)).join(', ')}, after ${loadAfter.map((value) => value.toFixed(2)).join(', ')}, on ${os.cpus().length} cores.`,
        ].join(' '),
      ],
    };
  },
};
