import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkContent } from '../../src/content-model/check';

const out = path.join(os.tmpdir(), `hub-generated-${process.pid}`);
afterEach(() => fs.rmSync(out, { recursive: true, force: true }));

describe('the scale generator', () => {
  it('writes the asked-for number of entries, all valid, the same every time', () => {
    const generate = () =>
      spawnSync('npx', ['tsx', 'scripts/generate-content.ts', '--groups', '40', '--assets', '12', '--stories', '6', '--out', out], { encoding: 'utf8' });
    expect(generate().status).toBe(0);
    const count = (folder: string) => fs.readdirSync(path.join(out, folder)).length;
    expect([count('groups'), count('assets'), count('stories')]).toEqual([40, 12, 6]);
    expect(checkContent(out).problems).toEqual([]);

    const first = fs.readFileSync(path.join(out, 'groups', 'generated-group-7.md'), 'utf8');
    generate();
    expect(fs.readFileSync(path.join(out, 'groups', 'generated-group-7.md'), 'utf8')).toBe(first);
  });
});
