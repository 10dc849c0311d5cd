/** Serves a build with the production server (`node server/serve.mjs <outDir>`, compressed as in production) on a free port. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RunningServer {
  /** e.g. http://127.0.0.1:40123, without a trailing slash. */
  origin: string;
  /** The server's process, for reading its CPU time and memory. */
  pid: number;
  stop(): Promise<void>;
}

/** A port nothing listens on now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(origin: string, exited: () => string | undefined, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const why = exited();
    if (why) throw new Error(`The server stopped before serving: ${why}`);
    try {
      const response = await fetch(`${origin}/`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The server at ${origin} did not answer within ${timeoutMs / 1000} s`);
}

export async function serveBuild(outDir: string): Promise<RunningServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  // The working tree's server, also for a build of an older commit (`--at`): it needs only the build's Astro handler.
  const child = spawn(process.execPath, [fileURLToPath(new URL('../../server/serve.mjs', import.meta.url)), outDir], {
    // The server opens its database at start: a fresh PGlite folder unless the caller chose one, never ./data.
    env: { ...(process.env.DATA_DIR || process.env.DATABASE_URL ? {} : { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'community-hub-bench-')) }), ...process.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  let exit: string | undefined;
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const closed = new Promise<void>((resolve) => child.on('close', (code) => {
    exit = `exit code ${code}. ${errors.slice(-2000)}`;
    resolve();
  }));
  try {
    await waitUntilServing(origin, () => exit);
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  return {
    origin,
    pid: child.pid!,
    async stop() {
      if (exit === undefined) child.kill('SIGTERM');
      await closed;
    },
  };
}
