/** For the import tests: `npm run import` run as a person runs it, and a folder's files to see that nothing was written. */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Runs `npm run import` against a content folder; its exit status and everything it printed, in order. */
export function runImport(root: string, source: string, ...args: string[]): { status: number; output: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', source, ...args], { env: { ...process.env, CONTENT_DIR: root }, encoding: 'utf8' });
  return { status: result.status ?? 1, output: result.stdout + result.stderr };
}

/** Every file under a folder with its modification time. */
export const filesUnder = (root: string) => fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).sort().map((file) => [file, fs.statSync(path.join(root, file)).mtimeMs]);

/** `runImport` without blocking this process, for a test that serves the feed itself. */
export function runImportAsync(root: string, source: string, ...args: string[]): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/import.ts', source, ...args], { env: { ...process.env, CONTENT_DIR: root }, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}
