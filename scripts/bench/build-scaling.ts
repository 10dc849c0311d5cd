/**
 * Build scaling: a cold whole build (content check, Astro pages, then the Pagefind index) of
 * generated content at each size, beside a bare Astro site with as many plain Markdown pages,
 * built alternately in the same run so both see the same machine: wall time, CPU time (user +
 * system) and the peak memory of each build's whole process tree, and their ratios a page.
 * Sizes from 20,000 groups up are built once and written in a section of their own.
 */
import path from 'node:path';
import type { Measured } from './measure';
import { type BenchOptions, type BenchPart, type Row, type Section, benchCommand, duration, gigabytes, median, medianAndMin } from './report';
import { bareBuildCommand, buildBareSite, buildOurSite, countPages, largestServerChunk, entryCount, generateContent, ourBuildCommand, siteDirFor, writeBareSite } from './sites';

/** The issue's targets (18): cost a page at 1,000 and 10,000 groups, peak memory at 10,000, against the bare site. */
const costTargetSizes = [1_000, 10_000];
const costTarget = 2;
const peakTargetSize = 10_000;
const peakTarget = 1.5;
/** From this size up, one run (a pair of builds takes 15 minutes or more), in a section of its own so the smaller sizes' figures stay. */
const countySize = 20_000;

interface Run {
  /** Which was built first in this run: they alternate, so neither always has the other's leftovers in the page cache. */
  first: 'ours' | 'bare';
  ours: Measured;
  oursPages: number;
  bare: Measured;
  barePages: number;
}

const cpuPerPage = (measured: Measured, pages: number) => (measured.cpuSeconds * 1000) / pages;
const wallPerPage = (measured: Measured, pages: number) => (measured.seconds * 1000) / pages;
const cpuRatio = (run: Run) => cpuPerPage(run.ours, run.oursPages) / cpuPerPage(run.bare, run.barePages);
const wallRatio = (run: Run) => wallPerPage(run.ours, run.oursPages) / wallPerPage(run.bare, run.barePages);
const peakRatio = (run: Run) => run.ours.peakTreeBytes / run.bare.peakTreeBytes;

const times = (value: number) => `${value.toFixed(2)}×`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const seconds = (value: number) => `${value.toFixed(0)} s`;

/** Where the memory and the time went: each program's own peak, and the tree's peak, wall and CPU time in each step of the build. */
const describe = (measured: Measured) => {
  const programs = [...measured.peakByProgram].filter(([, bytes]) => bytes > 50e6).sort((a, b) => b[1] - a[1]);
  const cpu = [...measured.cpuByProgram].filter(([, used]) => used >= 0.5).sort((a, b) => b[1] - a[1]);
  const phases = [...measured.secondsByPhase.keys()].map((phase) => `${phase} ${gigabytes(measured.peakByPhase.get(phase) ?? 0)} (${seconds(measured.secondsByPhase.get(phase) ?? 0)}, CPU ${seconds(measured.cpuByPhase.get(phase) ?? 0)})`);
  const orphaned = measured.cpuSeconds - measured.cpuWaitedForSeconds;
  return `wall ${duration(measured.seconds)}, CPU ${duration(measured.cpuSeconds)}${orphaned >= 0.5 ? ` (${seconds(orphaned)} of it in processes not waited for by their parent)` : ''}; CPU by program ${cpu.map(([program, used]) => `${program} ${seconds(used)}`).join(', ')}; peak RSS by program ${programs.map(([program, bytes]) => `${program} ${gigabytes(bytes)}`).join(', ')}; by step (peak, wall, CPU) ${phases.join(', ')}; the peak came ${duration(measured.peakAtSeconds)} in`;
};

/** Each run's figures, as a table, so the spread behind the medians is seen. */
function runsTable(results: Run[]): string {
  return [
    '| run | first | this site: wall, CPU, peak | bare: wall, CPU, peak | CPU a page (this / bare) | wall a page (this / bare) | peak (this / bare) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...results.map((run, index) =>
      `| ${index + 1} | ${run.first === 'ours' ? 'this site' : 'bare'} | ${seconds(run.ours.seconds)}, ${seconds(run.ours.cpuSeconds)}, ${gigabytes(run.ours.peakTreeBytes)} | ${seconds(run.bare.seconds)}, ${seconds(run.bare.cpuSeconds)}, ${gigabytes(run.bare.peakTreeBytes)} | ${times(cpuRatio(run))} (${ms(cpuPerPage(run.ours, run.oursPages))} / ${ms(cpuPerPage(run.bare, run.barePages))}) | ${times(wallRatio(run))} (${ms(wallPerPage(run.ours, run.oursPages))} / ${ms(wallPerPage(run.bare, run.barePages))}) | ${times(peakRatio(run))} |`),
  ].join('\n');
}

const oneRun = async (label: string, build: () => Promise<Measured>): Promise<Measured> => {
  console.log(`  ${label}…`);
  const measured = await build();
  console.log(`    wall ${measured.seconds.toFixed(1)} s, CPU ${measured.cpuSeconds.toFixed(1)} s (waited for ${measured.cpuWaitedForSeconds.toFixed(1)} s), peak ${gigabytes(measured.peakTreeBytes)}`);
  return measured;
};

interface Size {
  groups: number;
  runs: number;
  command: string;
  rows: Row[];
  notes: string[];
}

async function measureSize(groups: number, runs: number, command: string): Promise<Size> {
  const contentDir = generateContent(groups);
  const entries = entryCount(contentDir);
  const bareRoot = writeBareSite(entries);
  const outDir = siteDirFor(groups);
  const results: Run[] = [];
  for (let run = 1; run <= runs; run++) {
    const first = run % 2 === 1 ? 'ours' : 'bare';
    console.log(`Build scaling: ${groups} groups, run ${run} of ${runs} (${first === 'ours' ? 'this site first' : 'bare Astro first'})`);
    const buildOurs = () => oneRun('this site', () => buildOurSite(contentDir, outDir));
    const buildBare = () => oneRun('bare Astro', () => buildBareSite(bareRoot));
    let ours: Measured;
    let bare: Measured;
    if (first === 'ours') {
      ours = await buildOurs();
      bare = await buildBare();
    } else {
      bare = await buildBare();
      ours = await buildOurs();
    }
    results.push({ first, ours, oursPages: countPages(path.join(outDir, 'client')), bare, barePages: countPages(path.join(bareRoot, 'dist')) });
  }
  const pages = results[0]!.oursPages;
  const barePages = results[0]!.barePages;
  const size = `${groups.toLocaleString('en-GB')} groups (+ ${(entries - groups).toLocaleString('en-GB')} assets, stories, events and roles; ${pages.toLocaleString('en-GB')} pages) against ${barePages.toLocaleString('en-GB')} bare pages`;
  const runsNote = runs === 1 ? '1 run' : `${runs} runs`;
  const costTargeted = costTargetSizes.includes(groups);
  const cpuRatios = results.map(cpuRatio);
  const wallRatios = results.map(wallRatio);
  const peakRatios = results.map(peakRatio);
  const perPage = (values: (run: Run) => number) => medianAndMin(results.map(values), ms);
  const rows: Row[] = [
    {
      figure: `cost per page, CPU (user + system), this site / bare Astro, ${size}, ${runsNote}`,
      target: costTargeted ? `≤ ${costTarget}× bare` : '—',
      measured: `${medianAndMin(cpuRatios, times)}; this site ${perPage((run) => cpuPerPage(run.ours, run.oursPages))}, bare ${perPage((run) => cpuPerPage(run.bare, run.barePages))} CPU a page`,
      met: costTargeted ? median(cpuRatios) <= costTarget : undefined,
      command,
    },
    {
      figure: `cost per page, wall time, this site / bare Astro, ${size}, ${runsNote}`,
      // The issue sets the 1,000-group target on cost a page without saying which; at 10,000 it is on CPU.
      target: groups === 1_000 ? `≤ ${costTarget}× bare` : '—',
      measured: `${medianAndMin(wallRatios, times)}; this site ${perPage((run) => wallPerPage(run.ours, run.oursPages))}, bare ${perPage((run) => wallPerPage(run.bare, run.barePages))} wall a page`,
      met: groups === 1_000 ? median(wallRatios) <= costTarget : undefined,
      command,
    },
    {
      figure: `peak memory of the whole build (RSS summed over its process tree), this site / bare Astro, ${size}, ${runsNote}`,
      target: groups === peakTargetSize ? `≤ ${peakTarget}× bare` : '—',
      measured: `${medianAndMin(peakRatios, times)}; this site ${medianAndMin(results.map((run) => run.ours.peakTreeBytes), gigabytes)}, bare ${medianAndMin(results.map((run) => run.bare.peakTreeBytes), gigabytes)}`,
      met: groups === peakTargetSize ? median(peakRatios) <= peakTarget : undefined,
      command,
    },
    {
      figure: `this site: wall time, CPU time (user + system), peak memory, ${groups.toLocaleString('en-GB')} groups, ${runsNote}`,
      target: groups >= countySize ? 'completes; time and peak recorded' : '—',
      measured: `wall ${medianAndMin(results.map((run) => run.ours.seconds), duration)}; CPU ${medianAndMin(results.map((run) => run.ours.cpuSeconds), duration)}; peak ${medianAndMin(results.map((run) => run.ours.peakTreeBytes), gigabytes)}`,
      // It completed, or there would be no row.
      met: groups >= countySize ? true : undefined,
      command,
    },
    {
      figure: `bare Astro: wall time, CPU time (user + system), peak memory, ${barePages.toLocaleString('en-GB')} pages, ${runsNote}`,
      target: '—',
      measured: `wall ${medianAndMin(results.map((run) => run.bare.seconds), duration)}; CPU ${medianAndMin(results.map((run) => run.bare.cpuSeconds), duration)}; peak ${medianAndMin(results.map((run) => run.bare.peakTreeBytes), gigabytes)}`,
      command,
    },
  ];
  const last = results.at(-1)!;
  const chunk = largestServerChunk(outDir);
  const notes = [
    `Each run at ${groups.toLocaleString('en-GB')} groups (${pages.toLocaleString('en-GB')} pages, bare ${barePages.toLocaleString('en-GB')}):\n\n${runsTable(results)}`,
    [
      `- ${groups.toLocaleString('en-GB')} groups, last run, this site: ${describe(last.ours)}.`,
      chunk ? `The largest file of the server bundle is \`${chunk.file}\`, ${(chunk.bytes / 1e6).toFixed(1)} MB.` : '',
      `Bare Astro: ${describe(last.bare)}.`,
    ].filter(Boolean).join(' '),
  ];
  return { groups, runs, command, rows, notes };
}

const howNote = (options: BenchOptions) =>
  [
    'How: `npm run generate -- --groups N --out generated/bench/content-N` writes the content; each run is a cold whole build,',
    `\`${ourBuildCommand('generated/bench/content-N', 'generated/bench/site-N')}\` (Astro, then Pagefind once Astro has exited; through a copy of astro.config.mjs whose only change is`,
    'a content-layer cache folder of its own, emptied before each run with the output folder, so every build starts cold and others\' caches are untouched),',
    `beside \`${bareBuildCommand('generated/bench/bare-P')}\` of a minimal Astro project with one content collection of P plain Markdown`,
    'pages (P = the groups, assets, stories, events and volunteering roles generated) and one `[id].astro` page, using this repo\'s node_modules, its cache emptied too.',
    'The two alternate, run by run, and take turns to go first. Pages are the HTML files written. CPU time is user + system of the whole process tree',
    '(the build script, Astro\'s Node, Pagefind\'s binary): this benchmark\'s own children\'s time in /proc/self/stat, read before and after each build,',
    'which grows by the CPU of every process of the tree that was waited for (a process left to outlive its parent would not count).',
    'Cost per page is CPU (or wall) time over pages; each ratio is worked out run by run, and the table gives the median and the lowest of those.',
    'Memory is sampled every 100 ms from /proc: the RSS of the build process and all its descendants summed,',
    'so pages shared between processes count twice. The steps are told apart by the lines the build prints (Astro\'s, and',
    '"Indexing the built pages for search" from scripts/build.mjs); a step\'s CPU is the tree\'s, read from /proc when its line appears.',
    'CPU time is the figure to compare on a shared machine: wall time also counts the time other work had the cores.',
    `Runs: ${options.runs} for sizes under 5,000 groups, ${options.largeRuns} from 5,000 up (\`--large-runs\`), and 1 from ${countySize.toLocaleString('en-GB')} up,`,
    'whose figures are written in a section of their own (so building a county-sized directory leaves the figures of the smaller sizes standing).',
  ].join(' ');

export const buildScaling: BenchPart = {
  id: 'build-scaling',
  title: 'Build scaling',
  async run(options: BenchOptions) {
    const sizes: Size[] = [];
    for (const groups of options.groups) {
      const runs = groups >= countySize ? 1 : groups >= 5000 ? options.largeRuns : options.runs;
      const flag = groups >= countySize ? '' : groups >= 5000 ? ` --large-runs ${runs}` : ` --runs ${runs}`;
      sizes.push(await measureSize(groups, runs, benchCommand(options, 'build-scaling', `--groups ${groups}${flag}`)));
    }
    const section = (id: string, title: string, chosen: Size[]): Section => ({
      id,
      title,
      command: chosen.length === 1 ? chosen[0]!.command : benchCommand(options, 'build-scaling', `--groups ${chosen.map((size) => size.groups).join(',')} --runs ${options.runs} --large-runs ${options.largeRuns}`),
      rows: chosen.flatMap((size) => size.rows),
      notes: [...chosen.flatMap((size) => size.notes), howNote(options)],
    });
    const usual = sizes.filter((size) => size.groups < countySize);
    const county = sizes.filter((size) => size.groups >= countySize);
    return [
      ...(usual.length ? [section(this.id, this.title, usual)] : []),
      ...(county.length ? [section(`${this.id}-county`, 'Build scaling: a county-sized directory', county)] : []),
    ];
  },
};
