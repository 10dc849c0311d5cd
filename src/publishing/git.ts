/**
 * The few git commands the publisher runs: where the content branch points, fetching it from a git
 * host into a local mirror, a commit's subject, and exporting a commit's `content/` and `public/`
 * without touching any working tree (the CMS may be writing in it). Server-only; needs `git` and `tar`.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Git never asks a question on the terminal (a server has nobody to answer), nor pages its output. */
const quietGit = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat' };

/** A repository address as it may be shown: a user name and password (a token often sits there) left out. */
const withoutCredentials = (text: string) => text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^@/\s]*@/gi, '$1');

async function git(gitDir: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', ['-C', gitDir, ...args], { env: quietGit, maxBuffer: 16 * 1024 * 1024 });
    return stdout.trim();
  } catch (error) {
    // Node's message repeats the whole command line, the repository's address with it: it reaches the log and the staff page.
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(withoutCredentials(stderr || `git ${args[0]} failed`));
  }
}

/** The commit the branch points at. */
export function branchHead(gitDir: string, branch: string): Promise<string> {
  return git(gitDir, ['rev-parse', '--verify', '--end-of-options', `refs/heads/${branch}^{commit}`]);
}

/** Fetches the branch's newest commit from `url` into a bare mirror in `mirrorDir` (made on first use); returns it. */
export async function fetchBranch(url: string, mirrorDir: string, branch: string): Promise<string> {
  if (!fs.existsSync(mirrorDir)) {
    fs.mkdirSync(mirrorDir, { recursive: true });
    await git(mirrorDir, ['init', '--bare', '--quiet']);
  }
  // Only the commit itself: history is not needed to build it, and a shallow fetch stays small as the repository grows.
  await git(mirrorDir, ['fetch', '--quiet', '--no-tags', '--depth=1', '--', url, `+refs/heads/${branch}:refs/heads/${branch}`]);
  return branchHead(mirrorDir, branch);
}

/** The first line of the commit's message. */
export function commitSubject(gitDir: string, commit: string): Promise<string> {
  return git(gitDir, ['log', '-1', '--format=%s', commit]);
}

/** Which of `paths` the commit has (a repository may have no `public/`). */
async function pathsIn(gitDir: string, commit: string, paths: string[]): Promise<string[]> {
  const listed = (await git(gitDir, ['ls-tree', '--name-only', commit, '--', ...paths])).split('\n');
  return paths.filter((name) => listed.includes(name));
}

/**
 * Writes the commit's `paths` (those it has) into `destination`, as `git archive | tar -x`; returns the
 * paths written. A symbolic link among them is refused: the build copies `public/` as it finds it, so a
 * link pushed to the content branch could publish any file of the server's.
 */
export async function exportPaths(gitDir: string, commit: string, paths: string[], destination: string): Promise<string[]> {
  const present = await pathsIn(gitDir, commit, paths);
  if (present.length === 0) return present;
  const links = (await git(gitDir, ['ls-tree', '-r', '--full-tree', commit, '--', ...present])).split('\n').filter((line) => line.startsWith('120000 '));
  if (links.length > 0) throw new Error(`${links.map((line) => line.split('\t')[1]).join(', ')}: a symbolic link, which is not published; replace it with the file itself`);
  fs.mkdirSync(destination, { recursive: true });
  const archive = spawn('git', ['-C', gitDir, 'archive', '--format=tar', commit, '--', ...present], { env: quietGit, stdio: ['ignore', 'pipe', 'pipe'] });
  const tar = spawn('tar', ['-x', '-C', destination], { stdio: ['pipe', 'ignore', 'pipe'] });
  let errors = '';
  archive.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  tar.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  archive.stdout.pipe(tar.stdin);
  const ended = (child: typeof archive | typeof tar) =>
    new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
  const [archived, extracted] = await Promise.all([ended(archive), ended(tar)]);
  if (archived !== 0 || extracted !== 0) throw new Error(`git archive | tar -x stopped (exit codes ${archived}, ${extracted}): ${withoutCredentials(errors.trim())}`);
  return present;
}
