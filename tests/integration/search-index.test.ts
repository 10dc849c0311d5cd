import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { indexSite } from '../../scripts/search-index.mjs';
import { indexRelease } from '../../src/publishing/build';

/** A built site's client folder in small: a home page, two listings Pagefind indexes, and the events file the build writes. */
function builtSite(whatsOn: string | undefined): string {
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-search-index-'));
  const page = (file: string, html: string) => {
    fs.mkdirSync(path.dirname(path.join(site, file)), { recursive: true });
    fs.writeFileSync(path.join(site, file), `<!DOCTYPE html><html lang="en-GB"><head><title>Hub</title></head><body>${html}</body></html>`);
  };
  page('index.html', '<h1>Fenland Community Hub</h1>');
  page('groups/wisbech-health-walks/index.html', '<main data-pagefind-body><h1>Wisbech Health Walks</h1><p>Gentle walks <span data-pagefind-filter="area">Wisbech</span></p></main>');
  page('groups/chatteris-library/index.html', '<main data-pagefind-body><h1>Chatteris Library</h1><p>Books and a warm space <span data-pagefind-filter="area">Chatteris</span></p></main>');
  if (whatsOn !== undefined) {
    fs.mkdirSync(path.join(site, 'search'));
    fs.writeFileSync(path.join(site, 'search', 'whats-on.json'), whatsOn);
  }
  return site;
}

const sites: string[] = [];
afterEach(() => {
  for (const site of sites.splice(0)) fs.rmSync(site, { recursive: true, force: true });
});
const site = (whatsOn?: string) => {
  const dir = builtSite(whatsOn);
  sites.push(dir);
  return dir;
};

const event = { url: '/whats-on/knit-and-natter/', content: 'Knit and natter at Wisbech library', meta: { title: 'Knit and natter' }, filters: { area: ['Wisbech'] } };
const entry = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'pagefind', 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };

describe('the search index for a static host, written after the build', () => {
  it('holds the listings and the events, in the one index of the home page’s language', async () => {
    const dir = site(JSON.stringify([event]));
    // Pagefind counts the pages it read (the home page too), and indexes the two marked data-pagefind-body, then the event.
    expect(await indexSite(dir)).toEqual({ pages: 3, records: 1 });
    // "en-GB" lower-cased as Pagefind keys the pages: an index of its own would never be searched.
    expect(entry(dir).languages).toEqual({ 'en-gb': expect.objectContaining({ page_count: 3 }) });
    expect(fs.readdirSync(path.join(dir, 'pagefind'))).toEqual(expect.arrayContaining(['pagefind.js', 'pagefind-worker.js', 'wasm.en-gb.pagefind']));
  });

  it('is of the pages alone in a build without the events file', async () => {
    const dir = site();
    expect(await indexSite(dir)).toEqual({ pages: 3, records: 0 });
    expect(entry(dir).languages['en-gb']?.page_count).toBe(2);
  });

  it('replaces an earlier index in the same folder, leaving none of its files', async () => {
    const dir = site();
    fs.mkdirSync(path.join(dir, 'pagefind', 'fragment'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'pagefind', 'fragment', 'en-gb_stale.pf_fragment'), 'stale');
    await indexSite(dir);
    expect(fs.existsSync(path.join(dir, 'pagefind', 'fragment', 'en-gb_stale.pf_fragment'))).toBe(false);
  });

  it('stops, naming the file, when the events file cannot be read', async () => {
    const dir = site('[{"url": "/whats-on/knit-and-natter/",');
    await expect(indexSite(dir)).rejects.toThrow(`Could not read ${path.join(dir, 'search', 'whats-on.json')}`);
    expect(fs.existsSync(path.join(dir, 'pagefind'))).toBe(false);
  });

  it('stops, saying so, when there is no build where it was pointed', async () => {
    await expect(indexSite(path.join(os.tmpdir(), 'hub-no-such-build', 'client'))).rejects.toThrow(/There are no built pages to index in .*hub-no-such-build/);
  });
});

describe('a publish whose search index could not be written', () => {
  it('fails at the build, saying what the indexing said, and the release has no index', async () => {
    const dir = site('not json');
    const outcome = await indexRelease(path.resolve('scripts/search-index.mjs'), dir, process.cwd(), process.env);
    expect(outcome).toMatchObject({ ok: false, stage: 'build', problems: [{ file: '(build)', field: '(search index)', message: expect.stringMatching(/^The search index was not written: Could not read .*whats-on\.json: Unexpected token/) }] });
    expect(fs.existsSync(path.join(dir, 'pagefind'))).toBe(false);
  });

  it('goes on when it was written', async () => {
    const dir = site(JSON.stringify([event]));
    expect(await indexRelease(path.resolve('scripts/search-index.mjs'), dir, process.cwd(), process.env)).toEqual({ ok: true });
    expect(entry(dir).languages['en-gb']?.page_count).toBe(3);
  });
});
