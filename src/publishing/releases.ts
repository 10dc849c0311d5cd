/**
 * The rules of the releases folder and of a publish's outcome: how a release is named (sortable by
 * time, telling its commit), which old ones are removed, and the `file: field: message` problems read
 * out of a failed build's output, so staff see what to fix. Pure.
 */
import path from 'node:path';

/** One thing to fix, as the content check prints it: `file: field: message`. */
export interface PublishProblem {
  file: string;
  field: string;
  message: string;
}

/** Where a publish stopped. */
export type PublishStage = 'fetch' | 'check' | 'build' | 'switch';

const namePattern = /^(\d{8}T\d{6}Z)-([0-9a-f]{12})$/;

/** `20261123T091500Z-0123456789ab`: the time it was started (UTC), then the commit, so names sort oldest first. */
export function releaseName(commit: string, startedAt: Date): string {
  const stamp = startedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return `${stamp}-${commit.slice(0, 12)}`;
}

export function isReleaseName(name: string): boolean {
  return namePattern.test(name);
}

/**
 * The release folders to delete: all but the newest `keep`, never one in use however old (the live
 * one, when publishes have failed since; the one the server started on, whose code runs the publisher).
 */
export function releasesToRemove(names: readonly string[], { keep, inUse = [] }: { keep: number; inUse?: readonly (string | undefined)[] }): string[] {
  const releases = names.filter(isReleaseName).sort().reverse();
  return releases.slice(keep).filter((name) => !inUse.includes(name));
}

const problemLine = /^(.+?): (.+?): (.+)$/;
const ansi = /\u001b\[[0-9;]*m/g;

/**
 * The content check's problems in a build's output (the build runs the check first and prints each as
 * `file: field: message` under "N content problems:"), with each file named as it is in the repository
 * rather than where the build saw it (`sourceDir`, relative to the build's folder `cwd`).
 */
export function problemsFromBuildOutput(output: string, { cwd, sourceDir }: { cwd: string; sourceDir: string }): PublishProblem[] {
  const lines = output.replace(ansi, '').split(/\r?\n/);
  const start = lines.findIndex((line) => /^\d+ content problems?:$/.test(line.trim()));
  if (start < 0) return [];
  const problems: PublishProblem[] = [];
  for (const line of lines.slice(start + 1)) {
    const match = problemLine.exec(line.trim());
    if (!match) break;
    const [, printed = '', field = '', message = ''] = match;
    const inRepository = path.relative(sourceDir, path.resolve(cwd, printed));
    const file = inRepository.startsWith('..') ? printed : inRepository.split(path.sep).join('/');
    problems.push({ file, field, message });
  }
  return problems;
}

/**
 * The line of a build's output saying Astro did not read all the content, if one does. Astro carries on
 * regardless and builds from what its store holds (nothing, or an earlier build's entries) and says so
 * only in its log: its content config took more than 5 s to load on a busy machine, or a collection's
 * folder was missing or empty or a file unreadable at that moment. Such a build must not go live.
 */
export function contentNotRead(output: string): string | undefined {
  return output
    .replace(ansi, '')
    .split(/\r?\n/)
    .find((line) => /Skipping sync|skipping sync|Content config loading timed out|No files found matching|The base directory ".*" does not exist|No contents found for|Error reading /.test(line))
    ?.trim();
}

/** A failed build with no content problem in its output: its first error line and what follows, as one problem. */
export function buildFailure(output: string, maxLength = 600): PublishProblem {
  const lines = output.replace(ansi, '').split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const first = lines.findIndex((line) => /\[ERROR\]|\berror\b/i.test(line));
  const shown = (first < 0 ? lines.slice(-4) : lines.slice(first, first + 4)).join(' ').replace(/\s+/g, ' ');
  const message = shown.length > maxLength ? `${shown.slice(0, maxLength - 1)}…` : shown;
  return { file: '(build)', field: '(output)', message: message || 'the build stopped without saying why' };
}

/**
 * A search index that was not written (scripts/search-index.mjs exited with an error after the pages
 * were built): its last words, which name what Pagefind could not do, as one problem.
 */
export function indexFailure(output: string, maxLength = 600): PublishProblem {
  const said = output.replace(ansi, '').split(/\r?\n/).map((line) => line.trim()).filter(Boolean).at(-1) ?? '';
  const shown = said.length > maxLength ? `${said.slice(0, maxLength - 1)}…` : said;
  return { file: '(build)', field: '(search index)', message: shown || 'the search index was not written, and the indexing said nothing' };
}
