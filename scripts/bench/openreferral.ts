/**
 * The Open Referral UK API under load: `/openreferral/services?search=…&page=…` on the largest
 * generated build, 50 clients at once on loopback (autocannon), p95 latency over every response,
 * and the server's memory (RSS) idle, once the directory is loaded, and at its peak under load.
 */
import os from 'node:os';
import { type BenchOptions, type BenchPart, type Row, type Section, benchCommand, median, spread } from './report';
import { type LoadRun, load as loadWith, megabytes, milliseconds, serverRss } from './load';
import { searches } from './search';
import { serveBuild } from './server';
import { ensureBuild, generateContent, ourBuildCommand, siteDirFor } from './sites';

const connections = 50;
const secondsPerRun = 20;
const pages = [1, 2, 3];
const load = (origin: string, paths: string[]) => loadWith(origin, paths, { connections, seconds: secondsPerRun });

/** The measurements on a build of `groups` generated groups in outDir (the part's own run, or a build made by hand). */
export async function measureOpenReferral(outDir: string, groups: number, options: BenchOptions): Promise<Section> {
  const command = benchCommand(options, 'openreferral', `--groups ${groups} --runs ${options.runs}`);
  const size = `${groups.toLocaleString('en-GB')}-group build`;
  const loadBefore = os.loadavg()[0];
  const server = await serveBuild(outDir);
  try {
    // The server has answered one page, but has not loaded the directory: the API loads it on first use.
    const idleRss = serverRss();
    const started = performance.now();
    const first = await fetch(`${server.origin}/openreferral/services`);
    const firstSeconds = (performance.now() - started) / 1000;
    const { total_items: services } = (await first.json()) as { total_items: number };
    const loadedRss = serverRss();
    console.log(`  ${services} services; first answer after ${firstSeconds.toFixed(2)} s; RSS ${megabytes(idleRss)} idle, ${megabytes(loadedRss)} loaded`);

    const searched = searches.flatMap(({ query }) => pages.map((page) => `/openreferral/services?search=${encodeURIComponent(query)}&page=${page}`));
    const browsed = pages.map((page) => `/openreferral/services?page=${page}`);
    const found = await Promise.all(searches.map(async ({ query }) => {
      const answer = (await (await fetch(`${server.origin}/openreferral/services?search=${encodeURIComponent(query)}`)).json()) as { total_items: number };
      return `“${query}” ${answer.total_items.toLocaleString('en-GB')}`;
    }));

    const rows: Row[] = [];
    let peakRss = loadedRss;
    for (const [label, paths] of [['search and page', searched], ['page through all, no search', browsed]] as const) {
      const runs: LoadRun[] = [];
      for (let run = 0; run < options.runs; run++) runs.push(await load(server.origin, paths));
      peakRss = Math.max(peakRss, ...runs.map((run) => run.peakRss));
      const p95s = runs.map((run) => run.p95);
      const failures = runs.reduce((sum, run) => sum + run.failures, 0);
      console.log(`  ${label}: p95 ${milliseconds(median(p95s))}, ${Math.round(median(runs.map((run) => run.requestsPerSecond)))} requests/s, ${failures} failures`);
      rows.push({
        figure: `p95 latency, \`/openreferral/services?${label === 'search and page' ? 'search=…&page=…' : 'page=…'}\`, ${connections} clients, ${size} (${services.toLocaleString('en-GB')} services)`,
        target: '—',
        measured: `${milliseconds(median(p95s))}${spread(p95s, milliseconds)}; median ${milliseconds(median(runs.map((run) => run.p50)))}, p99 ${milliseconds(median(runs.map((run) => run.p99)))}; ${Math.round(median(runs.map((run) => run.requestsPerSecond)))} requests/s; ${runs.reduce((sum, run) => sum + run.responses, 0).toLocaleString('en-GB')} responses, ${failures} not 200`,
        command,
      });
    }
    const busy = Math.max(loadBefore, os.loadavg()[0]) > os.cpus().length;
    rows.push(
      { figure: `server memory (RSS), ${size}: started, directory loaded, peak under load`, target: '—', measured: `${megabytes(idleRss)}, ${megabytes(loadedRss)}, ${megabytes(peakRss)}`, command },
      { figure: `first API answer after start (maps the directory), ${size}`, target: '—', measured: `${firstSeconds.toFixed(2)} s`, command },
    );
    return {
      id: openReferralApi.id,
      title: openReferralApi.title,
      command,
      rows,
      notes: [
        [
          `How: the ${size} (\`${ourBuildCommand(`generated/bench/content-${groups}`, outDir)}\`) served by the`,
          `production server on 127.0.0.1; autocannon (used as a library) keeps ${connections} connections busy for ${secondsPerRun} s a run, each request`,
          `the next of ${searched.length} addresses in turn: pages ${pages.join(', ')} of the searches ${searches.map(({ query }) => `“${query}”`).join(', ')}`,
          `(results: ${found.join(', ')}), or pages ${pages.join(', ')} of the whole A-to-Z list. Latency is each response's time as autocannon`,
          `timed it; p50, p95 and p99 are over every response of a run, and the table gives the median run of ${options.runs}. Memory is the`,
          'resident set size of the server\'s processes from /proc: after it first answered a page, after the first API answer (which maps the',
          'directory, once a process and day), and the highest sample (every 100 ms) during the runs. The load generator runs on the same cores',
          'as the server, so on 2 cores it takes some of the CPU the server would otherwise have.',
        ].join(' '),
        ...(busy ? [`The machine was busy with other work during this run (load average ${loadBefore.toFixed(1)} before it and ${os.loadavg()[0].toFixed(1)} after, on ${os.cpus().length} cores), so the server had a fraction of the CPU and these latencies are well above what a quiet machine gives.`] : []),
      ],
    };
  } finally {
    await server.stop();
  }
}

export const openReferralApi: BenchPart = {
  id: 'openreferral',
  title: 'Open Referral UK API',
  async run(options: BenchOptions) {
    const groups = Math.max(...options.groups);
    return measureOpenReferral(await ensureBuild(generateContent(groups), siteDirFor(groups)), groups, options);
  },
};
