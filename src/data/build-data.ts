/**
 * Data a build works out once and writes beside the server bundle, so the server loads it at start
 * instead of working it out from the content: the search documents with their word forms, and the Open
 * Referral directory. The files sit in `build-data/` beside the chunk holding this module, so each
 * release's bundle finds its own (the server keeps several releases loaded). Written while the build
 * prerenders (src/pages/build-data.json.ts); under `astro dev` nothing is written or read, and the
 * pages work everything out from the content as it is edited.
 */
import fs from 'node:fs';

// Kept in a variable: Vite rewrites `new URL('…', import.meta.url)` as an asset to bundle.
const here = import.meta.url;
const fileOf = (name: string) => new URL(`build-data/${name}`, here);

/** Where the build wrote the file `name` (or will), for reading it in pieces; undefined in dev. */
export function buildDataFile(name: string): URL | undefined {
  return import.meta.env.DEV ? undefined : fileOf(name);
}

/** What the build wrote under `name`, or undefined before it has (while it prerenders, and in dev). */
export function readBuildData<T>(name: string): T | undefined {
  if (import.meta.env.DEV) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(fileOf(name), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return JSON.parse(text) as T;
}

/** Writes text the server reads in pieces (see buildDataFile). */
export function writeBuildText(name: string, text: string | Uint8Array): void {
  if (import.meta.env.DEV) return;
  fs.mkdirSync(new URL('build-data/', here), { recursive: true });
  fs.writeFileSync(fileOf(name), text);
}

/**
 * Writes `value` as JSON for the server to read; returns its size in bytes. Plain JSON parses far faster,
 * and in far less memory, than a form that keeps dates and sets: the writer turns those into text and lists.
 */
export function writeBuildData(name: string, value: unknown): number {
  if (import.meta.env.DEV) return 0;
  const text = JSON.stringify(value);
  writeBuildText(name, text);
  return Buffer.byteLength(text);
}
