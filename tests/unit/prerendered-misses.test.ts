import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { prerenderedMiss } from '../../server/prerendered-misses.mjs';

// A build's client folder: a file, a page, the 404 page.
const client = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-client-'));
beforeAll(() => {
  fs.writeFileSync(path.join(client, 'feed.xml'), '<feed/>');
  fs.writeFileSync(path.join(client, 'index.html'), '<!doctype html>');
  fs.writeFileSync(path.join(client, '404.html'), '<!doctype html>');
  fs.mkdirSync(path.join(client, 'groups'));
  fs.writeFileSync(path.join(client, 'groups', 'index.html'), '<!doctype html>');
});

describe('addresses of prerendered pages that Astro would answer with a 500', () => {
  it('sends a file asked for with a slash after it, or with dot segments, to the file', () => {
    expect(prerenderedMiss(client, '/feed.xml/')).toEqual({ redirect: '/feed.xml' });
    expect(prerenderedMiss(client, '/feed.xml/?q=1')).toEqual({ redirect: '/feed.xml?q=1' });
    expect(prerenderedMiss(client, '/groups/../feed.xml/.')).toEqual({ redirect: '/feed.xml' });
  });

  it('sends dot segments that land on a page to the page', () => {
    expect(prerenderedMiss(client, '/%2e%2e')).toEqual({ redirect: '/' });
    expect(prerenderedMiss(client, '/groups/%2e/')).toEqual({ redirect: '/groups/' });
  });

  it('answers the 404 page’s own address with the 404 page', () => {
    expect(prerenderedMiss(client, '/404')).toEqual({ notFound: true });
    expect(prerenderedMiss(client, '/404/')).toEqual({ notFound: true });
  });

  it('leaves every other address to Astro', () => {
    for (const target of ['/', '/feed.xml', '/groups/', '/groups', '/search/?q=lunch', '/%ZZ/', `/${'a'.repeat(5000)}/`, '/../../etc/passwd/', '/does-not-exist/']) {
      expect(prerenderedMiss(client, target), target).toBeUndefined();
    }
  });
});
