/**
 * Publishing: the seconds from a merge to the content branch until the change is live, with the
 * production server's own publisher (PUBLISH_REPO) following a real local git repository, on the demo
 * content and on generated groups, while autocannon keeps requesting pages, search and the Open
 * Referral API throughout; none may fail. Also the CPU time (user+sys) of each publish beside its wall
 * time, and the server's memory after each switch (each release's bundle stays loaded).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { type BenchOptions, type BenchPart, type Row, type Section, benchCommand, median, spread } from './report';
import { benchDir, ensureDemoBuild, entryCount, generateContent } from './sites';
import { processUsage } from './measure';
import { freePort } from './server';

/** A light, steady public load (requests a second, over a few connections): the site is being used, not stressed. */
const requestsPerSecond = 20;
const connections = 4;
/** The brief: "a publish in the CMS is live within a minute or two". */
const targetSeconds = 120;
/** Seconds of load with no publish, to measure what serving it costs the server. */
const baselineSeconds = 30;
function git(repo: string, ...args: string[]): string {
  return execFileSync('git', ['-C', repo, '-c', 'user.name=Bench Editor', '-c', 'user.email=bench@example.org', ...args], { encoding: 'utf8' }).trim();
}

interface Server {
  origin: string;
  child: ChildProcess;
  output: () => string;
  /** Resolves with the line once the output has one matching `pattern` (searched from `from`). */
  waitFor: (pattern: RegExp, from: number, timeoutMs: number) => Promise<string>;
  stop: () => Promise<void>;
}

async function startPublishingServer(startOn: string, env: Record<string, string>, logFile: string): Promise<Server> {
  const port = await freePort();
  // --expose-gc: the server collects garbage after each switch, so its memory figure is what stays.
  const child = spawn(process.execPath, ['--expose-gc', 'server/serve.mjs', startOn], {
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port), POSTS_PER_MINUTE: '100000', SMTP_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // Kept in a file too, to read what happened after a run.
  const log = fs.createWriteStream(logFile);
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    log.write(chunk);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const waitFor = async (pattern: RegExp, from: number, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = output.slice(from).split('\n').find((text) => pattern.test(text));
      if (line) return line;
      if (child.exitCode !== null) throw new Error(`The server stopped:\n${output.slice(-3000)}`);
      if (Date.now() > deadline) throw new Error(`Nothing matched ${pattern} within ${timeoutMs / 1000} s:\n${output.slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  await waitFor(/^Serving .* on http:/, 0, 120_000);
  return {
    origin: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    waitFor,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

interface Publish {
  /** From the merge until the changed page showed the change. */
  wallSeconds: number;
  /** From the publisher noticing the move until the switch, and its steps, as it logged them. */
  noticedToLive: number;
  steps: string;
  buildCpu: number;
  serverCpu: number;
  rssAfter: number;
  heapAfter: number;
  /** The longest the server could not answer while it loaded and warmed the release (one thread). */
  longestWaitMs: number;
}

interface SizeResult {
  label: string;
  entries: number;
  firstPublishSeconds: number;
  publishes: Publish[];
  requests: { total: number; failed: number; p50: number; p99: number };
  rssStart: number;
  /** The server's own CPU seconds per second of load with no publish. */
  servingCpuPerSecond: number;
  /** The benchmark's own page fetches that failed, with when and why. */
  pollFailures: string[];
}

/** The demo content or generated content in a git repository of its own, served, and `runs` merges published under load. */
async function measureSize(label: string, contentDir: string, runs: number, startOn: string): Promise<SizeResult> {
  const work = path.resolve(benchDir, `publish-${label}`);
  fs.rmSync(work, { recursive: true, force: true });
  const repo = path.join(work, 'repo');
  fs.mkdirSync(repo, { recursive: true });
  fs.cpSync(contentDir, path.join(repo, 'content'), { recursive: true });
  fs.cpSync('public', path.join(repo, 'public'), { recursive: true });
  git(repo, 'init', '--quiet', '--initial-branch=main');
  git(repo, 'add', '--all');
  git(repo, 'commit', '--quiet', '--message=Content');
  const head = git(repo, 'rev-parse', 'HEAD');
  const group = fs.readdirSync(path.join(repo, 'content', 'groups')).filter((file) => file.endsWith('.md')).sort()[0]!.replace(/\.md$/, '');
  const groupFile = path.join('content', 'groups', `${group}.md`);

  const server = await startPublishingServer(startOn, { PUBLISH_REPO: repo, RELEASES_DIR: path.join(work, 'releases'), DATA_DIR: path.join(work, 'data') }, path.join(work, 'server.log'));
  try {
    // The first publish: the server started on the demo build.
    const firstLine = await server.waitFor(new RegExp(`\\[publish\\] ${head.slice(0, 12)} (is live|failed)`), 0, 60 * 60_000);
    if (/failed/.test(firstLine)) throw new Error(`The first publish failed:\n${server.output().slice(-3000)}`);
    const firstPublishSeconds = Number(/, ([\d.]+) s after it was noticed/.exec(firstLine)?.[1]);
    console.log(`  ${label}: first publish ${firstPublishSeconds} s`);
    const rssStart = processUsage(server.child.pid!).rssBytes;

    const paths = [`/groups/${group}/`, '/search/?q=garden', '/openreferral/services?per_page=10', '/', '/groups/'];
    let next = 0;
    const times: number[] = [];
    let load: autocannon.Instance | undefined;
    const loadDone = new Promise<autocannon.Result>((resolve, reject) => {
      load = autocannon({
        url: server.origin,
        connections,
        overallRate: requestsPerSecond,
        duration: 24 * 60 * 60,
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
      }, (error, result) => (error ? reject(error) : resolve(result)));
      load.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
    });

    // What serving the load alone costs the server, to tell it apart from what a publish costs.
    const idleStart = processUsage(server.child.pid!);
    await new Promise((resolve) => setTimeout(resolve, baselineSeconds * 1000));
    const servingCpuPerSecond = (processUsage(server.child.pid!).ownCpu - idleStart.ownCpu) / baselineSeconds;

    const publishes: Publish[] = [];
    const pollFailures: string[] = [];
    /** The benchmark's own fetches of the changed page, beside autocannon's. */
    let polls = 0;
    for (let run = 0; run < runs; run++) {
      const marker = `Benchmark edit ${run + 1} at ${Date.now()}.`;
      // As Decap's editorial workflow does: the entry on a branch of its own, merged into the content branch.
      const branch = `cms/groups/${group}-${run}`;
      git(repo, 'checkout', '--quiet', '-b', branch);
      const file = path.join(repo, groupFile);
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^summary: .*$/m, `summary: ${marker}`));
      git(repo, 'commit', '--quiet', '--all', `--message=Update Groups “${group}”`);
      git(repo, 'checkout', '--quiet', 'main');
      const before = processUsage(server.child.pid!);
      const from = server.output().length;
      const started = performance.now();
      git(repo, 'merge', '--quiet', '--no-ff', `--message=Merge ${branch}`, branch);
      const merged = git(repo, 'rev-parse', 'HEAD');
      const deadline = Date.now() + 30 * 60_000;
      for (;;) {
        if (Date.now() > deadline) throw new Error(`The change was not live 30 minutes after the merge:\n${server.output().slice(-3000)}`);
        polls++;
        const page = await fetch(`${server.origin}/groups/${group}/`).then(
          async (response) => {
            if (response.ok) return response.text();
            pollFailures.push(`${new Date().toISOString()} answered ${response.status}`);
            return '';
          },
          (error: Error) => {
            // Counted with the load's failures, not fatal: the figure says how many.
            pollFailures.push(`${new Date().toISOString()} ${error.message}: ${String((error.cause as Error | undefined)?.message ?? '')}`);
            return '';
          },
        );
        if (page.includes(marker)) break;
        if (/\[publish\] \S+ failed/.test(server.output().slice(from))) throw new Error(`A publish failed:\n${server.output().slice(from)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const wallSeconds = (performance.now() - started) / 1000;
      const liveLine = await server.waitFor(new RegExp(`\\[publish\\] ${merged.slice(0, 12)} is live`), from, 10_000);
      const servingLine = await server.waitFor(/^Serving .*requests waited up to/, from, 10_000);
      // The release replaced lets go of its caches once its last request is done; the server then says what memory stays.
      const memoryLine = await server.waitFor(/^Retired .*: memory/, from, 60_000);
      const after = processUsage(server.child.pid!);
      const publish: Publish = {
        wallSeconds,
        noticedToLive: Number(/, ([\d.]+) s after it was noticed/.exec(liveLine)?.[1]),
        steps: /\(([^)]*)\)\s*$/.exec(liveLine)?.[1] ?? '',
        buildCpu: after.childrenCpu - before.childrenCpu,
        serverCpu: after.ownCpu - before.ownCpu,
        rssAfter: Number(/memory (\d+) MB resident/.exec(memoryLine)?.[1]) * 1024 * 1024,
        heapAfter: Number(/, (\d+) MB heap/.exec(memoryLine)?.[1]) * 1024 * 1024,
        longestWaitMs: Number(/requests waited up to (\d+) ms/.exec(servingLine)?.[1]),
      };
      publishes.push(publish);
      console.log(`  ${label}: merge ${run + 1} live after ${wallSeconds.toFixed(1)} s (${publish.steps}); CPU ${publish.buildCpu.toFixed(1)} s build, ${publish.serverCpu.toFixed(1)} s server; requests waited up to ${publish.longestWaitMs} ms in the switch; ${memoryLine.replace(/^.*: memory /, 'memory ')}`);
    }
    load!.stop();
    const result = await loadDone;
    const sorted = [...times].sort((a, b) => a - b);
    const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
    return {
      label,
      entries: entryCount(contentDir),
      firstPublishSeconds,
      publishes,
      // Errors include timeouts; every path answers 200 when it works.
      requests: { total: times.length + polls, failed: result.non2xx + result.errors + pollFailures.length, p50: at(0.5), p99: at(0.99) },
      pollFailures,
      rssStart,
      servingCpuPerSecond,
    };
  } finally {
    await server.stop();
  }
}

const seconds = (value: number) => `${value.toFixed(1)} s`;
const milliseconds = (ms: number) => `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024).toLocaleString('en-GB')} MB`;

function rowsFor(result: SizeResult, command: string): Row[] {
  const size = result.label === 'demo' ? `demo content (${result.entries} groups, assets and stories)` : `${Number(result.label).toLocaleString('en-GB')} generated groups (${result.entries.toLocaleString('en-GB')} entries)`;
  const walls = result.publishes.map((publish) => publish.wallSeconds);
  const middle = [...result.publishes].sort((a, b) => a.wallSeconds - b.wallSeconds)[Math.floor(result.publishes.length / 2)];
  const buildCpus = result.publishes.map((publish) => publish.buildCpu);
  const serverCpus = result.publishes.map((publish) => publish.serverCpu);
  const heaps = result.publishes.map((publish) => publish.heapAfter);
  const rsses = result.publishes.map((publish) => publish.rssAfter);
  const growth = heaps.length > 1 ? (heaps.at(-1)! - heaps[0]!) / (heaps.length - 1) : Number.NaN;
  return [
    {
      figure: `merge to the content branch → change live (wall), ${size}`,
      target: `≤ ${targetSeconds} s`,
      measured: `${seconds(median(walls))}${spread(walls, seconds)}; the middle run: noticed after ${seconds(middle!.wallSeconds - middle!.noticedToLive)}, then ${middle!.steps}`,
      met: median(walls) <= targetSeconds,
      command,
    },
    {
      figure: `CPU time (user+sys) of a publish, ${size}: the build's processes; the server's own (switching, and serving the load meanwhile)`,
      target: '—',
      measured: `${seconds(median(buildCpus))}${spread(buildCpus, seconds)}; ${seconds(median(serverCpus))}${spread(serverCpus, seconds)}, of which serving the load alone would take about ${seconds(result.servingCpuPerSecond * median(walls))} (${result.servingCpuPerSecond.toFixed(2)} CPU s a second with no publish)`,
      command,
    },
    {
      figure: `requests during the publishes (${requestsPerSecond}/s: a group's page, search, Open Referral, home, groups list; and the changed page every 100 ms), ${size}`,
      target: 'none fail',
      measured: `${result.requests.total.toLocaleString('en-GB')} sent, ${result.requests.failed} failed${result.pollFailures.length ? ` (${result.pollFailures.join('; ')})` : ''}; median ${milliseconds(result.requests.p50)}, p99 ${milliseconds(result.requests.p99)}`,
      met: result.requests.failed === 0 && result.requests.total > 0,
      command,
    },
    {
      figure: `longest wait for an answer while the server loaded and warmed a release (its one thread busy), ${size}`,
      target: '—',
      measured: result.publishes.map((publish) => `${(publish.longestWaitMs / 1000).toFixed(1)} s`).join(', '),
      command,
    },
    {
      figure: `server memory after each switch (resident; heap after a full GC), ${size}`,
      target: '—',
      measured: `${megabytes(result.rssStart)} resident before the first merge; after each: ${rsses.map(megabytes).join(', ')} resident, ${heaps.map(megabytes).join(', ')} heap${Number.isNaN(growth) ? '' : ` (heap +${megabytes(growth)} a switch)`}`,
      command,
    },
    {
      figure: `first publish on a fresh server (started on the demo build, the repository's first commit), ${size}`,
      target: '—',
      measured: seconds(result.firstPublishSeconds),
      command,
    },
  ];
}

export const publishBench: BenchPart = {
  id: 'publish',
  title: 'Publishing',
  async run(options: BenchOptions): Promise<Section> {
    const groups = Math.max(...options.groups);
    const loadBefore = os.loadavg()[0];
    const command = benchCommand(options, 'publish', `--groups ${groups} --runs ${options.runs} --large-runs ${options.largeRuns}`);
    // The server starts on the demo build and its publisher builds the repository's first commit: that is the cold publish.
    const startOn = path.resolve(await ensureDemoBuild());
    const results = [await measureSize('demo', 'content', options.runs, startOn)];
    results.push(await measureSize(String(groups), generateContent(groups), options.largeRuns, startOn));
    const loadAverage = Math.max(loadBefore, os.loadavg()[0]);
    return {
      id: publishBench.id,
      title: publishBench.title,
      command,
      rows: results.flatMap((result) => rowsFor(result, command)),
      notes: [
        [
          'How: a git repository made from the content (`content/`, or `npm run generate -- --groups N`) and `public/`; the production server',
          '(`node server/serve.mjs`, `PUBLISH_REPO` set to the repository, the default 2-second look at the branch) publishes its first commit, then',
          `each run changes the first group's summary on a branch and merges it into \`main\` with \`git merge --no-ff\`, as Decap's editorial workflow does.`,
          'The wall time runs from the merge until the group\'s page, fetched every 100 ms, shows the new summary; the steps are the publisher\'s',
          'own log (export from git, the content check and `astro build`, and the switch: loading the new bundle and warming it). CPU time is',
          'from /proc for the server process: its finished children (the build and its Pagefind, git) and its own (which includes serving',
          `the load). Autocannon sends ${requestsPerSecond} requests a second over ${connections} connections from before the first merge to after the last;`,
          'a request fails if it is not answered 200.',
        ].join(' '),
        [
          'The switch: the server loads the new release\'s bundle and warms it (its health check, home page, search and Open Referral',
          'directory) before any visitor reaches it, on its one thread. Search\'s word forms are prepared in pieces, but Astro\'s content',
          'store and the Open Referral mapping are each built in one go, so requests wait meanwhile (none is refused): the longest wait',
          'is the server\'s own measure of its event loop\'s delay during the switch.',
        ].join(' '),
        [
          'Memory: the server loads each release\'s bundle beside the ones before (a module graph of its own), and Node cannot unload a',
          'module. Once a replaced release has answered its last request it lets go of what the hub caches (the Open Referral directory,',
          'search documents, lookups), but Astro\'s content data store of that release stays in its modules, so each publish adds about',
          'the size of the content to the heap for as long as the process runs: the figures are the server\'s own report after each',
          'retirement, after a full garbage collection (`--expose-gc`). A server that publishes a large site often should be restarted',
          'now and then (e.g. nightly, when a restart\'s few seconds matter least); it starts on the last release (`RELEASES_DIR/current`).',
        ].join(' '),
        ...(loadAverage > os.cpus().length ? [`The machine was busy with other work (load average up to ${loadAverage.toFixed(1)} on ${os.cpus().length} cores, before or after the part), so the builds had less CPU than on a quiet machine, and the wall times are longer than a quiet machine gives; the CPU times are the better guide.`] : []),
      ],
    };
  },
};
