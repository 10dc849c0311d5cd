/**
 * Build scaling: a cold full build (content check, Astro pages, Pagefind index) of generated
 * content at each size, beside a bare Astro site with as many plain Markdown pages, built
 * alternately in the same run so both see the same machine.
 */
import path from 'node:path';
import type { Measured } from './measure';
import { type BenchOptions, type BenchPart, type Row, benchCommand, duration, gigabytes, median, spread } from './report';
import { bareBuildCommand, buildBareSite, buildOurSite, countPages, largestServerChunk, entryCount, generateContent, ourBuildCommand, siteDirFor, writeBareSite } from './sites';

/** The issue's targets, for the size they were set for. */
const targetGroups = 10_000;
const targetSeconds = 180;
const targetBytes = 3e9;
const targetRatio = 2;

interface Run {
  ours: Measured;
  oursPages: number;
  bare: Measured;
  barePages: number;
}

const msPerPage = (measured: Measured, pages: number) => (measured.seconds * 1000) / pages;
/** Where the memory went: each program's own peak, and the tree's peak (and the time) in each step of the build. */
const describePeak = (measured: Measured) => {
  const programs = [...measured.peakByProgram].filter(([, bytes]) => bytes > 50e6).sort((a, b) => b[1] - a[1]);
  const phases = [...measured.peakByPhase].map(([phase, bytes]) => `${phase} ${gigabytes(bytes)} (${(measured.secondsByPhase.get(phase) ?? 0).toFixed(0)} s)`);
  return `by program ${programs.map(([program, bytes]) => `${program} ${gigabytes(bytes)}`).join(', ')}; by step (peak, time) ${phases.join(', ')}; the peak came ${duration(measured.peakAtSeconds)} in`;
};

export const buildScaling: BenchPart = {
  id: 'build-scaling',
  title: 'Build scaling',
  async run(options: BenchOptions) {
    const rows: Row[] = [];
    const notes: string[] = [];
    for (const groups of options.groups) {
      const runs = groups >= 5000 ? options.largeRuns : options.runs;
      const command = benchCommand(options, 'build-scaling', `--groups ${groups} --${groups >= 5000 ? 'large-runs' : 'runs'} ${runs}`);
      const contentDir = generateContent(groups);
      const entries = entryCount(contentDir);
      const bareRoot = writeBareSite(entries);
      const outDir = siteDirFor(groups);
      const results: Run[] = [];
      for (let run = 1; run <= runs; run++) {
        console.log(`Build scaling: ${groups} groups, run ${run} of ${runs}: this site…`);
        const ours = await buildOurSite(contentDir, outDir);
        console.log(`  ${ours.seconds.toFixed(1)} s, peak ${gigabytes(ours.peakTreeBytes)}; bare Astro…`);
        const bare = await buildBareSite(bareRoot);
        console.log(`  ${bare.seconds.toFixed(1)} s, peak ${gigabytes(bare.peakTreeBytes)}`);
        results.push({ ours, oursPages: countPages(path.join(outDir, 'client')), bare, barePages: countPages(path.join(bareRoot, 'dist')) });
      }
      const seconds = results.map((run) => run.ours.seconds);
      const peaks = results.map((run) => run.ours.peakTreeBytes);
      const pages = results[0].oursPages;
      const barePages = results[0].barePages;
      const ratios = results.map((run) => msPerPage(run.ours, run.oursPages) / msPerPage(run.bare, run.barePages));
      const atTarget = groups === targetGroups;
      const size = `${groups.toLocaleString('en-GB')} groups + ${(entries - groups).toLocaleString('en-GB')} assets, stories, events and roles`;
      const runsNote = runs === 1 ? ' (1 run)' : ` (median of ${runs})`;
      rows.push(
        {
          figure: `wall time, ${size} (${pages.toLocaleString('en-GB')} pages)${runsNote}`,
          target: atTarget ? '≤ 3:00 on 2 cores' : '—',
          measured: duration(median(seconds)) + spread(seconds, (value) => `${value.toFixed(0)} s`),
          met: atTarget ? median(seconds) <= targetSeconds : undefined,
          command,
        },
        {
          figure: `peak memory (RSS summed over the build's process tree), ${size}`,
          target: atTarget ? '≤ 3 GB' : '—',
          measured: gigabytes(median(peaks)) + spread(peaks, gigabytes),
          met: atTarget ? median(peaks) <= targetBytes : undefined,
          command,
        },
        {
          figure: `pages per second, this site / bare Astro (${barePages.toLocaleString('en-GB')} Markdown pages), ${groups.toLocaleString('en-GB')} groups`,
          target: '—',
          measured: `${median(results.map((run) => run.oursPages / run.ours.seconds)).toFixed(0)} / ${median(results.map((run) => run.barePages / run.bare.seconds)).toFixed(0)}`,
          command,
        },
        {
          figure: `cost per page, this site / bare Astro, ${groups.toLocaleString('en-GB')} groups`,
          target: `≤ ${targetRatio}×`,
          measured: `${median(ratios).toFixed(2)}× (${median(results.map((run) => msPerPage(run.ours, run.oursPages))).toFixed(1)} ms vs ${median(results.map((run) => msPerPage(run.bare, run.barePages))).toFixed(1)} ms a page)${spread(ratios, (value) => `${value.toFixed(2)}×`)}`,
          met: median(ratios) <= targetRatio,
          command,
        },
        {
          figure: `bare Astro: wall time and peak memory, ${barePages.toLocaleString('en-GB')} pages`,
          target: '—',
          measured: `${duration(median(results.map((run) => run.bare.seconds)))}, ${gigabytes(median(results.map((run) => run.bare.peakTreeBytes)))}`,
          command,
        },
      );
      const last = results.at(-1)!;
      const chunk = largestServerChunk(outDir);
      notes.push([
        `- ${groups.toLocaleString('en-GB')} groups, last run, peak RSS ${describePeak(last.ours)}.`,
        chunk ? `The largest file of the server bundle is \`${chunk.file}\`, ${(chunk.bytes / 1e6).toFixed(1)} MB.` : '',
        `Bare Astro: ${describePeak(last.bare)}.`,
      ].filter(Boolean).join(' '));
    }
    notes.push(
      [
        'How: `npm run generate -- --groups N --out generated/bench/content-N` writes the content; each run is a cold',
        `\`${ourBuildCommand('generated/bench/content-N', 'generated/bench/site-N')}\` (through a copy of astro.config.mjs whose only change is`,
        'a content-layer cache folder of its own, emptied before each run, so every build starts cold and others\' caches are untouched),',
        `then \`${bareBuildCommand('generated/bench/bare-P')}\` of a minimal Astro project with one content collection of P plain Markdown`,
        'pages (P = the groups, assets, stories, events and volunteering roles generated) and one `[id].astro` page, using this repo\'s node_modules. The two alternate,',
        'run by run. Pages are the HTML files written; cost per page is wall time over pages, and its ratio is the median of each run\'s',
        'ratio. Memory is sampled every 100 ms from /proc: the RSS of the build process and all its children (Pagefind\'s binary) summed,',
        'so pages shared between processes count twice.',
        `Runs: ${options.runs} for sizes under 5,000 groups and ${options.largeRuns} from 5,000 up (\`--large-runs\`), to stay within the 30 minutes`,
        '`npm run bench` may take on 2 cores.',
      ].join(' '),
    );
    return { id: this.id, title: this.title, command: benchCommand(options, 'build-scaling', `--groups ${options.groups.join(',')} --runs ${options.runs} --large-runs ${options.largeRuns}`), rows, notes };
  },
};
