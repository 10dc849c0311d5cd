import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { copyOfContent } from '../support/content-fixture';

const outDir = 'generated/test-broken-build';
let fixture: ReturnType<typeof copyOfContent> | undefined;
afterEach(() => {
  fixture?.remove();
  fs.rmSync(outDir, { recursive: true, force: true });
});

describe('building with broken content', () => {
  it('fails, names the file and field, and writes nothing, not even a search index', () => {
    fixture = copyOfContent();
    fixture.edit('groups/wisbech-health-walks.md', (text) => text.replace(/^areas:\n\s+- wisbech$/m, 'areas:\n  - wisbeck'));
    fs.rmSync(outDir, { recursive: true, force: true });

    // The whole build (npm run build): astro build, then the search index only if it succeeded.
    const build = spawnSync(process.execPath, ['scripts/build.mjs', '--outDir', outDir], {
      env: { ...process.env, CONTENT_DIR: fixture.root, ASTRO_TELEMETRY_DISABLED: '1' },
      encoding: 'utf8',
    });

    expect(build.status).not.toBe(0);
    expect(build.stdout + build.stderr).not.toContain('Indexing the built pages for search');
    expect(build.stdout + build.stderr).toMatch(/groups\/wisbech-health-walks\.md: areas\[0\]: refers to "wisbeck", which is not in areas/);
    expect(fs.existsSync(outDir)).toBe(false);
  });
});
