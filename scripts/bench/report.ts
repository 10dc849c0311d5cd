/**
 * The benchmark report: each part returns a section (a table of figures against targets), and
 * each section is written between its own markers in docs/benchmarks.md, so running one part
 * rewrites only that part and leaves the others, including parts added later, as they were.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

/** One measured figure against its target. */
export interface Row {
  /** What was measured, e.g. "wall time, 10,000 groups". */
  figure: string;
  /** The target in words, or "—" where a figure is reported for information only. */
  target: string;
  /** The measured value, already formatted (medians where several runs were taken). */
  measured: string;
  /** Whether the target is met; undefined where there is no target or nothing could be measured. */
  met?: boolean;
  /** The command that reproduces this figure. */
  command: string;
}

/** A part's results: the table and a few notes on how the figures were taken. */
export interface Section {
  /** The part's id, as given to `--only`; also the marker in docs/benchmarks.md. */
  id: string;
  title: string;
  /** The command that produced the whole section. */
  command: string;
  rows: Row[];
  /** Method, caveats and diagnosis, one paragraph or list item each (Markdown). */
  notes: string[];
}

/** The options every part is given by `scripts/bench.ts`. */
export interface BenchOptions {
  /** Generated sizes to measure, in groups (assets and stories follow in proportion). */
  groups: number[];
  /** Runs per figure; the median is reported. */
  runs: number;
  /** Runs for builds of 5,000 groups or more, which take minutes each. */
  largeRuns: number;
  /** A commit to build instead of the working tree (`--at`). */
  at?: string;
  /** A build to serve as it is, instead of the one made or checked here (`--site`, for the server-start part). */
  site?: string;
}

/** The command that reproduces a part's figures, e.g. `npm run bench -- --only search --runs 3`. */
export function benchCommand(options: BenchOptions, only: string, flags: string): string {
  return `npm run bench -- --only ${only} ${flags}${options.at ? ` --at ${options.at}` : ''}`;
}

export interface BenchPart {
  id: string;
  title: string;
  /** One section, or several (build scaling writes its largest sizes apart, so running them alone leaves the others' figures). */
  run(options: BenchOptions): Promise<Section | Section[]>;
}

export const reportFile = 'docs/benchmarks.md';

/** The value below which `share` of the values fall (nearest rank); NaN for none. */
export function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? Number.NaN;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** 1 KB = 1,000 bytes, as browsers' network panels count. */
export function kilobytes(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} KB`;
}

export function gigabytes(bytes: number): string {
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(Math.round(seconds - minutes * 60)).padStart(2, '0')} (${seconds.toFixed(0)} s)`;
}

export const tick = (met: boolean | undefined) => (met === undefined ? '—' : met ? '✓' : '✗');

/** The runs behind a median, so a reader sees the spread. */
export const spread = (values: number[], format: (value: number) => string) => (values.length > 1 ? ` (runs: ${values.map(format).join(', ')})` : '');

/** "median X, min Y (runs: a, b, c)", or the one value when there was one run: the issue-18 figures give both the median and the best run. */
export function medianAndMin(values: number[], format: (value: number) => string): string {
  if (values.length === 1) return format(values[0]!);
  return `median ${format(median(values))}, min ${format(Math.min(...values))} (runs: ${values.map(format).join(', ')})`;
}

function gitCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'astro.config.mjs', 'scripts'], { encoding: 'utf8' }).trim();
    return dirty ? `${commit} with uncommitted changes` : commit;
  } catch {
    return 'unknown';
  }
}

/** Date, machine and load, so figures from different days and machines are compared knowingly. */
export function machineLine(commit?: string): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((value) => value.toFixed(2)).join(', ');
  return `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.type()} ${os.arch()}, ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${commit ? `commit ${commit} (exported with --at)` : `working tree at commit ${gitCommit()}`}; load average before the run ${load}.`;
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function renderSection(section: Section, machine: string): string {
  const lines = [
    `## ${section.title}`,
    '',
    machine,
    `Command: \`${section.command}\`.`,
    '',
    '| figure | target | measured | met | command |',
    '| --- | --- | --- | --- | --- |',
    ...section.rows.map((row) => `| ${cell(row.figure)} | ${cell(row.target)} | ${cell(row.measured)} | ${tick(row.met)} | \`${cell(row.command)}\` |`),
    '',
    ...section.notes.flatMap((note) => [note, '']),
  ];
  return lines.join('\n').trimEnd();
}

const start = (id: string) => `<!-- bench:${id} -->`;
const end = (id: string) => `<!-- /bench:${id} -->`;

const header = `# Benchmarks

Written by \`npm run bench\` (\`scripts/bench.ts\`, one module a part in \`scripts/bench/\`). Each
section below is rewritten only when its part runs (\`npm run bench -- --only <part>\`), so
sections can come from different days: each says when, on what machine and by which command.
Every figure is the median of several runs unless its row says otherwise; a ratio is measured
side by side in the same run. ✓ target met, ✗ not met, — no target or not measured.
`;

/** Replaces the section's text between its markers, or adds it at the end. */
export function mergeSection(document: string, id: string, body: string): string {
  const block = `${start(id)}\n${body}\n${end(id)}`;
  const from = document.indexOf(start(id));
  const to = document.indexOf(end(id));
  if (from >= 0 && to > from) return document.slice(0, from) + block + document.slice(to + end(id).length);
  return `${document.trimEnd()}\n\n${block}\n`;
}

export function writeSection(section: Section, machine: string, file = reportFile): void {
  const document = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : header;
  fs.mkdirSync('docs', { recursive: true });
  fs.writeFileSync(file, mergeSection(document, section.id, renderSection(section, machine)).trimEnd() + '\n');
}
