/**
 * The server's search under load: `/search/?q=…` (src/pages/search.astro, ranked by the server's own
 * index) on the largest generated build, 50 clients at once on loopback over a rotation of queries,
 * filters, sort orders and pages: latency percentiles, requests a second, the server's CPU time
 * beside the wall time, and its memory. Also each address's first answer, before any was kept.
 */
import os from 'node:os';
import { type LoadRun, load, megabytes, milliseconds, serverRss } from './load';
import { type BenchOptions, type BenchPart, type Row, type Section, benchCommand, median, spread } from './report';
import { searches } from './search';
import { serveBuild } from './server';
import { ensureBuild, generateContent, ourBuildCommand, siteDirFor } from './sites';

const connections = 50;
const secondsPerRun = 20;
const pages = [1, 2];
/** The issue's targets (14, findability at scale). */
const targetRequestsPerSecond = 300;
const targetP95Ms = 250;

const address = (entries: [string, string][]) => `/search/?${new URLSearchParams(entries)}`;

/** The category with the most results for a query, read from the filter counts its page offers. */
async function busiestCategory(origin: string, query: string): Promise<string | undefined> {
  const html = await (await fetch(`${origin}${address([['q', query]])}`)).text();
  const offered = [...html.matchAll(/name="category" type="checkbox" value="([^"]+)"[^>]*>\s*<label[^>]*>[^<]*\((\d+)\)</g)].map((match) => ({ value: match[1]!.replaceAll('&amp;', '&'), count: Number(match[2]) }));
  return offered.sort((a, b) => b.count - a.count)[0]?.value;
}

/** The rotation: each query alone, with an area, and with a category, pages 1 and 2; by name; and browsing an area with no words. */
export async function rotation(origin: string): Promise<string[]> {
  const paths: string[] = [];
  for (const { query, area } of searches) {
    const category = await busiestCategory(origin, query);
    const filters: [string, string][][] = [[], [['area', area]], ...(category ? [[['category', category]] as [string, string][]] : [])];
    for (const filter of filters) for (const page of pages) paths.push(address([['q', query], ...filter, ...(page > 1 ? [['page', String(page)] as [string, string]] : [])]));
    paths.push(address([['q', query], ['sort', 'name']]));
  }
  for (const page of pages) paths.push(address([['area', 'Chatteris'], ...(page > 1 ? [['page', String(page)] as [string, string]] : [])]));
  return paths;
}

/** The measurements on a build of `groups` generated groups in outDir. */
export async function measureServerSearch(outDir: string, groups: number, options: BenchOptions): Promise<Section> {
  const command = benchCommand(options, 'search-server', `--groups ${groups} --runs ${options.runs}`);
  const size = `${groups.toLocaleString('en-GB')}-group build`;
  const loadBefore = os.loadavg();
  const server = await serveBuild(outDir);
  try {
    const idleRss = serverRss();
    // The first search loads the directory and works out every document's words.
    const started = performance.now();
    const first = await fetch(`${server.origin}${address([['q', searches[0].query]])}`);
    if (!first.ok) throw new Error(`/search/ answered ${first.status}`);
    await first.text();
    const firstSeconds = (performance.now() - started) / 1000;
    const loadedRss = serverRss();
    const paths = await rotation(server.origin);
    // Each address once, one at a time, before the load: what a search costs the first time it is asked.
    const firstAnswers: number[] = [];
    for (const path of paths) {
      const asked = performance.now();
      const response = await fetch(`${server.origin}${path}`);
      if (!response.ok) throw new Error(`${path} answered ${response.status}`);
      await response.arrayBuffer();
      firstAnswers.push(performance.now() - asked);
    }
    console.log(`  ${paths.length} addresses; first search after ${firstSeconds.toFixed(2)} s; first answers median ${milliseconds(median(firstAnswers))}, slowest ${milliseconds(Math.max(...firstAnswers))}`);

    const runs: LoadRun[] = [];
    for (let run = 0; run < options.runs; run++) {
      runs.push(await load(server.origin, paths, { connections, seconds: secondsPerRun, pid: server.pid }));
      const last = runs.at(-1)!;
      console.log(`  run ${run + 1}: p95 ${milliseconds(last.p95)}, ${Math.round(last.requestsPerSecond)} requests/s, server CPU ${last.serverCpuSeconds?.toFixed(1)} s in ${last.wallSeconds.toFixed(1)} s, ${last.failures} failures`);
    }
    const p95s = runs.map((run) => run.p95);
    const rates = runs.map((run) => run.requestsPerSecond);
    const failures = runs.reduce((sum, run) => sum + run.failures, 0);
    const responses = runs.reduce((sum, run) => sum + run.responses, 0);
    const cpu = runs.reduce((sum, run) => sum + (run.serverCpuSeconds ?? 0), 0);
    const wall = runs.reduce((sum, run) => sum + run.wallSeconds, 0);
    const peakRss = Math.max(loadedRss, ...runs.map((run) => run.peakRss));
    const rows: Row[] = [
      {
        figure: `requests a second, \`/search/?q=…\` over ${paths.length} addresses, ${connections} clients, ${size}`,
        target: `≥ ${targetRequestsPerSecond}`,
        measured: `${Math.round(median(rates))}${spread(rates, (rate) => String(Math.round(rate)))}; ${responses.toLocaleString('en-GB')} responses, ${failures} not 200`,
        met: median(rates) >= targetRequestsPerSecond && failures === 0,
        command,
      },
      {
        figure: `p95 latency, same load`,
        target: `≤ ${targetP95Ms} ms`,
        measured: `${milliseconds(median(p95s))}${spread(p95s, milliseconds)}; median ${milliseconds(median(runs.map((run) => run.p50)))}, p99 ${milliseconds(median(runs.map((run) => run.p99)))}`,
        met: median(p95s) <= targetP95Ms,
        command,
      },
      {
        figure: 'server CPU (user + system) beside wall time, same load',
        target: '—',
        measured: `${cpu.toFixed(1)} s CPU in ${wall.toFixed(1)} s wall over ${runs.length} runs (${((cpu / wall) * 100).toFixed(0)}% of one core); ${((cpu * 1000) / responses).toFixed(2)} ms CPU a response`,
        command,
      },
      {
        figure: `each address's first answer, one at a time, nothing kept yet, ${size}`,
        target: '—',
        measured: `median ${milliseconds(median(firstAnswers))}, slowest ${milliseconds(Math.max(...firstAnswers))} (${paths.length} addresses)`,
        command,
      },
      { figure: `first search after start (loads the directory, works out its words), ${size}`, target: '—', measured: `${firstSeconds.toFixed(2)} s`, command },
      { figure: `server memory (RSS): started, after the first search, peak under load`, target: '—', measured: `${megabytes(idleRss)}, ${megabytes(loadedRss)}, ${megabytes(peakRss)}`, command },
    ];
    const loadAfter = os.loadavg();
    const busy = Math.max(loadBefore[0], loadAfter[0]) > os.cpus().length;
    return {
      id: serverSearch.id,
      title: serverSearch.title,
      command,
      rows,
      notes: [
        [
          `How: the ${size} (\`${ourBuildCommand(`generated/bench/content-${groups}`, outDir)}\`) served by the`,
          `production server (\`node server/serve.mjs\`, compressing) on 127.0.0.1; autocannon (used as a library) keeps ${connections} connections busy for`,
          `${secondsPerRun} s a run, each request the next of ${paths.length} addresses in turn: ${searches.map(({ query }) => `“${query}”`).join(', ')}, each alone,`,
          'with an area, and with the category that has the most results for it, pages 1 and 2, and sorted by name; and browsing Chatteris with no words,',
          `pages 1 and 2. Latency is each response's time as autocannon timed it; p50, p95 and p99 are over every response of a run, and the table gives`,
          `the median run of ${options.runs}. Server CPU is the server process's user + system time from /proc over the runs. Before the load, each address is`,
          'asked once, one at a time, so its first answer (ranked, filtered and counted afresh) is timed too; under load the answers come from what',
          'the server keeps (src/search/results.ts). The load generator runs on the same cores as the server.',
        ].join(' '),
        `The addresses: ${paths.map((path) => `\`${path}\``).join(', ')}.`,
        `Load average before ${loadBefore.map((value) => value.toFixed(2)).join(', ')}, after ${loadAfter.map((value) => value.toFixed(2)).join(', ')}, on ${os.cpus().length} cores${busy ? ': the machine was busy with other work, so the server had a fraction of the CPU' : ''}.`,
      ],
    };
  } finally {
    await server.stop();
  }
}

export const serverSearch: BenchPart = {
  id: 'search-server',
  title: 'Search on the server under load',
  async run(options: BenchOptions) {
    const groups = Math.max(...options.groups);
    return measureServerSearch(await ensureBuild(generateContent(groups), siteDirFor(groups)), groups, options);
  },
};
