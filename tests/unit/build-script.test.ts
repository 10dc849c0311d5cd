import { describe, expect, it } from 'vitest';
import { astroOutDir } from '../../scripts/build.mjs';

const cwd = '/srv/hub';

describe('the whole build indexes the folder astro build wrote', () => {
  it('dist by default, in the folder the build runs in', () => {
    expect(astroOutDir([], cwd)).toBe('/srv/hub/dist');
    expect(astroOutDir(['--silent', '--force'], cwd)).toBe('/srv/hub/dist');
  });

  it('the --outDir given, as --outDir X or --outDir=X, among the other options', () => {
    expect(astroOutDir(['--outDir', 'generated/bench/site-1000'], cwd)).toBe('/srv/hub/generated/bench/site-1000');
    expect(astroOutDir(['--config', 'generated/bench/astro.config.mjs', '--outDir=/tmp/site'], cwd)).toBe('/tmp/site');
  });

  it('relative to --root, itself relative to where the build runs, as Astro resolves them', () => {
    expect(astroOutDir(['--root', 'generated/bench/bare-100'], cwd)).toBe('/srv/hub/generated/bench/bare-100/dist');
    expect(astroOutDir(['--root=/srv/other', '--outDir', 'out'], cwd)).toBe('/srv/other/out');
    expect(astroOutDir(['--outDir', '/tmp/site', '--root', 'elsewhere'], cwd)).toBe('/tmp/site');
  });

  it('dist when --outDir is given no value, as Astro ignores it then', () => {
    expect(astroOutDir(['--outDir'], cwd)).toBe('/srv/hub/dist');
    expect(astroOutDir(['--root', 'site', '--outDir'], cwd)).toBe('/srv/hub/site/dist');
  });
});
