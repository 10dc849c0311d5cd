/** A production server of a test's own (server/serve.mjs on the build under test), for settings the shared one does not have. */
import { spawn, type ChildProcess } from 'node:child_process';
import { expect } from '@playwright/test';

/** The build under test. */
export const dist = process.env.E2E_DIST ?? 'dist';

export interface ServerProcess {
  origin: string;
  child: ChildProcess;
  /** Everything it has printed so far. */
  output: () => string;
  exited: Promise<number | null>;
  /** SIGTERM, then waits for it to exit. */
  stop: () => Promise<void>;
}

/** Starts server/serve.mjs on a free port of 127.0.0.1 with this environment (and build), and waits until it listens. */
export async function startServer(env: NodeJS.ProcessEnv, build = dist): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['server/serve.mjs', build], {
    // TRUST_PROXY: the tests stand in for the council's reverse proxy on this machine (X-Forwarded-Proto: https).
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', POSTS_PER_MINUTE: '1000', TRUST_PROXY: 'loopback', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await expect.poll(() => /on (http:\/\/127\.0\.0\.1:\d+)\//.test(output) || child.exitCode !== null, { timeout: 120_000 }).toBe(true);
  const origin = /on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
  if (!origin) throw new Error(`The server did not start:\n${output}`);
  return {
    origin,
    child,
    output: () => output,
    exited,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** What a server's publisher has said so far: what it built, how long each took, and why one failed. */
export const publisherLog = (server: ServerProcess): string => server.output().split('\n').filter((line) => /\[publish\]|^Serving |^ {2}\S+: /.test(line)).join('\n');

/**
 * Waits for the server's publisher to finish with `commit`, and says how: "is live", "failed" (with its
 * reasons in the log) or "stopped". However long its builds take on a busy machine (it may have an
 * earlier commit to build first), this waits for that event itself, not for a page to change within a
 * guessed time.
 */
export async function publisherOutcome(server: ServerProcess, commit: string, timeout = 600_000): Promise<string> {
  const said = () => new RegExp(`\\[publish\\] ${commit.slice(0, 12)} (is live|failed|stopped)`).exec(server.output())?.[1];
  await expect.poll(said, { timeout, intervals: [1_000] }).toBeTruthy();
  return said()!;
}

/** Waits for the server's publisher to have put `commit` live; fails with what it said otherwise. */
export async function publisherDone(server: ServerProcess, commit: string, timeout?: number): Promise<void> {
  expect(await publisherOutcome(server, commit, timeout), `The publisher did not publish ${commit.slice(0, 12)}:\n${publisherLog(server)}`).toBe('is live');
}
