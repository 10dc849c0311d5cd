/**
 * The README's setup promises: `npm ci` installs on any platform from the lockfile, and nothing the hub
 * writes while it runs, builds or is tested shows in `git status`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

interface LockedPackage {
  optionalDependencies?: Record<string, string>;
}
const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8')) as { lockfileVersion: number; packages: Record<string, LockedPackage> };

/** Where npm puts `name` for the package at `from`: in its own node_modules, or the nearest one above it. */
function resolvedIn(packages: Record<string, LockedPackage>, from: string, name: string): boolean {
  for (let at = from; ; at = at.slice(0, Math.max(0, at.lastIndexOf('/node_modules/')))) {
    if (`${at ? `${at}/` : ''}node_modules/${name}` in packages) return true;
    if (!at) return false;
  }
}

describe('package-lock.json', () => {
  it('lists every platform’s packages, so `npm ci` installs on Linux, macOS and Windows alike', () => {
    expect(lock.lockfileVersion).toBeGreaterThanOrEqual(3);
    const missing = Object.entries(lock.packages).flatMap(([at, locked]) =>
      Object.keys(locked.optionalDependencies ?? {}).filter((name) => !resolvedIn(lock.packages, at, name)).map((name) => `${at || '(root)'} → ${name}`),
    );
    expect(missing).toEqual([]);
    // The packages that build the site on each machine, named so a lockfile made with --omit=optional cannot pass.
    for (const platform of ['darwin-arm64', 'darwin-x64', 'linux-x64', 'win32-x64']) {
      expect(Object.keys(lock.packages)).toContain(`node_modules/@esbuild/${platform}`);
      expect(Object.keys(lock.packages)).toContain(`node_modules/@img/sharp-${platform}`);
    }
  });
});

describe('git status after the hub has run', () => {
  // What the README says the hub writes: builds, the embedded database, Astro's cache, the publisher's
  // releases, generated content, test results and local settings.
  /** The paths git ignores, of `paths` (which need not exist). */
  const ignoredOf = (paths: string[]) => spawnSync('git', ['check-ignore', '--no-index', '--stdin'], { input: paths.join('\n'), encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  const written = ['dist/client/index.html', 'dist-b/server/entry.mjs', 'data/PG_VERSION', '.astro/content.d.ts', 'releases/current', 'generated/content/groups/a.md', 'test-results/.last-run.json', 'playwright-report/index.html', '.env', '.env.production'];

  it('shows none of what it writes', () => {
    const ignored = ignoredOf(written);
    expect(written.filter((file) => !ignored.includes(file))).toEqual([]);
  });

  it('still shows the content, the code and the example settings', () => {
    const kept = ['content/groups/wisbech-health-walks.md', 'src/rules/clock.ts', '.env.example', 'package-lock.json'];
    expect(ignoredOf(kept)).toEqual([]);
  });
});
