/**
 * The build keeps the content store out of the server bundle (src/integrations/content-store.ts relies
 * on an Astro internal): each collection is a file beside the chunk that reads it, and no bundled
 * module holds the content itself. If an Astro upgrade changes the internal, this fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { client } from './pages';

const serverDir = path.join(path.dirname(client), 'server');
const modules = () => fs.readdirSync(serverDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.mjs'));
// A group's summary, as its content file says it: in the store, never in the bundle's code.
const summary = 'Emergency food parcels for anyone in Fenland who cannot afford food right now.';

test('the content store is written by collection beside the server bundle, not bundled into it', () => {
  const stores = fs.readdirSync(serverDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith(path.join('content-store', 'groups.json')));
  expect(stores, 'one groups file in dist/server').toHaveLength(1);
  expect(fs.readFileSync(path.join(serverDir, stores[0]!), 'utf8')).toContain(summary);
  const bundled = modules().filter((file) => fs.readFileSync(path.join(serverDir, file), 'utf8').includes(summary));
  expect(bundled, 'server modules holding a group\'s content').toEqual([]);
});
