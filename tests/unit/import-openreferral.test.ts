/**
 * Importing Open Referral UK / HSDS 3.0 feeds with `npm run import`: our own export comes back whole
 * (same ids, kinds and facts), a council's feed is placed through a mapping it can edit, a live API is
 * followed page by page, and every kind of bad input gets one clear sentence per problem, no stack
 * trace, and nothing written. The standards' own example feeds are in tests/fixtures/openreferral/examples/.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContent, formatProblem } from '../../src/content-model/check';
import { collections } from '../../src/content-model/collections';
import { readContent } from '../../src/content-model/read';
import { mapDirectory } from '../../src/openreferral/map';
import { envelope } from '../../src/openreferral/query';
import { copyOfContent } from '../support/content-fixture';
import { filesUnder, runImport, runImportAsync } from '../support/import';
import { directoryContent } from '../support/openreferral';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-feeds-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** Every group and asset of the demo, hidden and closed ones too, as the open data file publishes them. */
const exported = mapDirectory(directoryContent()).services.map(({ service }) => service);
const exportFile = path.join(scratch, 'services.json');
fs.writeFileSync(exportFile, JSON.stringify(envelope(exported, 1, exported.length)));

/** The demo content with no groups or assets: where a council's first import lands. */
function emptyDirectory() {
  const content = copyOfContent();
  for (const folder of ['groups', 'assets']) fs.rmSync(path.join(content.root, folder), { recursive: true, force: true });
  return content;
}

/** Fields the Open Referral mapping carries, for each kind; the rest (image, sensitive, visible dates, editor's note, related groups) it does not. */
const carried = {
  groups: ['name', 'summary', 'categories', 'audiences', 'areas', 'venue', 'address', 'location', 'schedule', 'scheduleNote', 'cost', 'ages', 'accessibility', 'languages', 'contact', 'organisation', 'status', 'lastReviewed'],
  assets: ['name', 'block', 'summary', 'area', 'address', 'location', 'howToUse', 'categories', 'accessibility', 'contact', 'lastReviewed'],
} as const;

function listings(root: string) {
  return new Map(
    readContent(root).entries
      .filter((entry) => entry.collection === 'groups' || entry.collection === 'assets')
      .map((entry) => [`${entry.collection}/${entry.id}`, { data: collections[entry.collection].schema.parse(entry.data) as Record<string, unknown>, body: entry.body.trim() }]),
  );
}

const noStackTrace = (output: string) => expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('our own export, imported into an empty directory', () => {
  it('brings back every group and asset with the same id, kind and field values, and a second import changes nothing', () => {
    const content = emptyDirectory();
    try {
      const first = runImport(content.root, exportFile);
      expect(first.status, first.output).toBe(0);
      expect(first.output).toContain(`Added ${exported.length}, changed 0, unchanged 0`);
      expect(checkContent(content.root).problems.map(formatProblem)).toEqual([]);

      const before = listings('content');
      const after = listings(content.root);
      expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
      const differences: string[] = [];
      for (const [key, original] of before) {
        const imported = after.get(key)!;
        for (const field of carried[key.split('/')[0] as 'groups' | 'assets']) {
          if (JSON.stringify(imported.data[field]) !== JSON.stringify(original.data[field])) differences.push(`${key} ${field}: ${JSON.stringify(original.data[field])} → ${JSON.stringify(imported.data[field])}`);
        }
        if (imported.body !== original.body) differences.push(`${key} description`);
      }
      expect(differences).toEqual([]);
      // The facts the old import lost, counted: paid groups, closures.
      const count = (map: typeof before, test: (data: Record<string, unknown>) => boolean) => [...map].filter(([key, { data }]) => key.startsWith('groups/') && test(data)).length;
      expect(count(after, (data) => (data.cost as { type: string }).type === 'paid')).toBe(count(before, (data) => (data.cost as { type: string }).type === 'paid'));
      expect(count(after, (data) => data.status === 'temporarily-closed')).toBeGreaterThan(0);

      const written = filesUnder(content.root);
      const second = runImport(content.root, exportFile);
      expect(second.output).toContain(`Added 0, changed 0, unchanged ${exported.length}, left alone 0`);
      expect(filesUnder(content.root)).toEqual(written);
    } finally {
      content.remove();
    }
  });

  it('imported over the demo directory it came from, finds every listing unchanged, keeping what it cannot carry', () => {
    const content = copyOfContent();
    try {
      const before = filesUnder(content.root);
      const result = runImport(content.root, exportFile, '--overwrite');
      expect(result.output).toContain(`Added 0, changed 0, unchanged ${exported.length}, left alone 0`);
      expect(filesUnder(content.root)).toEqual(before);
      // A change in the feed replaces the listing's facts, and keeps the image, visible dates and related groups the feed cannot say.
      const edited = exported.map((service) => (service.name === 'Wisbech Health Walks' ? { ...service, minimum_age: 18 } : service));
      const file = path.join(scratch, 'edited.json');
      fs.writeFileSync(file, JSON.stringify(edited));
      content.edit('groups/wisbech-health-walks.md', (text) => text.replace('lastReviewed:', 'visibleFrom: 2026-01-01\nlastReviewed:'));
      const changed = runImport(content.root, file, '--overwrite');
      expect(changed.output).toMatch(/changed: .*wisbech-health-walks\.md \(ages\)/);
      const written = fs.readFileSync(path.join(content.root, 'groups', 'wisbech-health-walks.md'), 'utf8');
      expect(written).toContain('min: 18');
      expect(written).toContain('visibleFrom: 2026-01-01');
    } finally {
      content.remove();
    }
  });

  it('says in a dry run what it would add and writes nothing', () => {
    const content = emptyDirectory();
    try {
      const before = filesUnder(content.root);
      const dry = runImport(content.root, exportFile, '--dry-run');
      expect(dry.output).toMatch(/would add: .*groups\/wisbech-health-walks\.md/);
      expect(dry.output).toContain(`Dry run, nothing written: would add ${exported.length}`);
      expect(filesUnder(content.root)).toEqual(before);
    } finally {
      content.remove();
    }
  });
});

describe('a council’s own feed', () => {
  const service = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
    id,
    name,
    status: 'active',
    description: 'A friendly group that meets every week. Everyone is welcome to come along.',
    assured_date: '2026-10-01',
    attributes: [{ id: `${id}-a`, taxonomy_term: { id: `${id}-t`, name: 'Arts & crafts groups' } }],
    service_at_locations: [{ location: { id: `${id}-l`, location_type: 'physical', latitude: 52.66, longitude: 0.16, addresses: [{ address_1: '1 High Street', city: 'Wisbech', postal_code: 'PE13 1AA', country: 'GB', address_type: 'physical' }] } }],
    cost_options: [{ id: `${id}-c`, option: 'Adults', amount: 3, amount_description: 'a session' }],
    contacts: [{ id: `${id}-p`, phones: [{ id: `${id}-n`, number: '01632 960555' }] }],
    languages: [{ id: `${id}-g`, name: 'Polish', code: 'pl' }],
    ...extra,
  });

  it('writes a mapping template with the terms it cannot place, then imports once it is filled in, reading towns and costs', () => {
    const content = copyOfContent();
    try {
      const feed = path.join(content.root, 'council.json');
      fs.writeFileSync(feed, JSON.stringify({ total_items: 1, total_pages: 1, page_number: 1, contents: [service('11111111-1111-4111-8111-111111111111', 'Wisbech Knit Club')] }));
      const before = filesUnder(content.root).filter(([file]) => !String(file).endsWith('.mapping.yaml'));
      const first = runImport(content.root, feed);
      expect(first.status).toBe(1);
      expect(first.output).toContain('service "Wisbech Knit Club" (id 11111111-1111-4111-8111-111111111111): attributes[].taxonomy_term: "Arts & crafts groups" is not mapped to a category or audience');
      expect(first.output).toContain('nothing was written');
      noStackTrace(first.output);
      expect(filesUnder(content.root).filter(([file]) => !String(file).endsWith('.mapping.yaml'))).toEqual(before);
      const mappingFile = path.join(content.root, 'council.mapping.yaml');
      expect(fs.readFileSync(mappingFile, 'utf8')).toContain('Arts & crafts groups: ""');

      // Asked for suggestions, it proposes ours by name; a person checks and keeps it.
      runImport(content.root, feed, '--write-mapping');
      expect(fs.readFileSync(mappingFile, 'utf8')).toMatch(/Arts & crafts groups: arts-and-crafts/);
      const second = runImport(content.root, feed);
      expect(second.status, second.output).toBe(0);
      expect(second.output).toContain('Added 1');
      const file = fs.readFileSync(path.join(content.root, 'groups', 'wisbech-knit-club.md'), 'utf8');
      expect(file).toContain('areas:\n  - wisbech');
      expect(file).toContain('type: paid');
      expect(file).toContain('details: Adults £3 a session');
      expect(file).toContain('- pl');
      expect(file).toContain('phone: 01632 960555');
      expect(checkContent(content.root).problems.map(formatProblem)).toEqual([]);
      expect(runImport(content.root, feed).output).toContain('Added 0, changed 0, unchanged 1');
    } finally {
      content.remove();
    }
  });

  it('refuses two services whose names give the same id, naming both, until the mapping gives one its own id', () => {
    const content = copyOfContent();
    try {
      const feed = path.join(content.root, 'twins.json');
      fs.writeFileSync(feed, JSON.stringify([service('aaaaaaaa-1111-4111-8111-111111111111', 'Wisbech Knit Club'), service('bbbbbbbb-1111-4111-8111-111111111111', 'Wisbech Knit Club')]));
      fs.writeFileSync(path.join(content.root, 'twins.mapping.yaml'), 'terms:\n  Arts & crafts groups: arts-and-crafts\n');
      const before = filesUnder(content.root);
      const result = runImport(content.root, feed);
      expect(result.status).toBe(1);
      expect(result.output).toContain('service "Wisbech Knit Club" (id bbbbbbbb-1111-4111-8111-111111111111): id: "wisbech-knit-club" is also the id of service "Wisbech Knit Club" (id aaaaaaaa-1111-4111-8111-111111111111). Set the id to give one of them under "ids"');
      expect(filesUnder(content.root)).toEqual(before);
      fs.appendFileSync(path.join(content.root, 'twins.mapping.yaml'), 'ids:\n  bbbbbbbb-1111-4111-8111-111111111111: wisbech-knit-club-tuesdays\n');
      expect(runImport(content.root, feed).output).toContain('Added 2');
    } finally {
      content.remove();
    }
  });

  it('tells of a feed with no cost rather than making it free', () => {
    const content = copyOfContent();
    try {
      const feed = path.join(content.root, 'nocost.json');
      fs.writeFileSync(feed, JSON.stringify([service('cccccccc-1111-4111-8111-111111111111', 'Wisbech Knit Club', { cost_options: undefined })]));
      fs.writeFileSync(path.join(content.root, 'nocost.mapping.yaml'), 'terms:\n  Arts & crafts groups: arts-and-crafts\n');
      const result = runImport(content.root, feed);
      expect(result.output).toContain('Note: No cost given (cost_options or fees), so shown as free until cost is set in the CMS (1 service): service "Wisbech Knit Club"');
      expect(fs.readFileSync(path.join(content.root, 'groups', 'wisbech-knit-club.md'), 'utf8')).not.toContain('cost:');
    } finally {
      content.remove();
    }
  });
});

describe('bad input: one clear sentence per problem, no stack trace, nothing written', () => {
  const cases: [string, string, RegExp][] = [
    ['bad JSON', '{"contents": [{"name": "Tea"', /broken\.json is not valid JSON: .* at line 1, column \d+/],
    ['JSON that is not a feed', '{"grants": []}', /broken\.json is not an Open Referral feed: expected a list of services, a page of them \(an object with "contents"\)/],
    ['a list of taxonomy terms', JSON.stringify({ contents: [{ id: 'x', name: 'Food', taxonomy: 'ours', term: 'Food' }] }), /"contents" item 1 is a taxonomy term, not a service/],
  ];
  for (const [label, text, message] of cases) {
    it(label, () => {
      const content = copyOfContent();
      try {
        fs.writeFileSync(path.join(content.root, 'broken.json'), text);
        const before = filesUnder(content.root);
        const result = runImport(content.root, path.join(content.root, 'broken.json'));
        expect(result.status).not.toBe(0);
        expect(result.output).toMatch(message);
        expect(result.output.trim().split('\n')).toHaveLength(1);
        noStackTrace(result.output);
        expect(filesUnder(content.root)).toEqual(before);
      } finally {
        content.remove();
      }
    });
  }

  it('a missing file', () => {
    const result = runImport('content', path.join(scratch, 'no-such-feed.json'));
    expect(result.status).toBe(2);
    expect(result.output).toMatch(/no-such-feed\.json: there is no such file/);
    noStackTrace(result.output);
  });
});

describe('the standards’ own example feeds', () => {
  const examples = path.resolve('tests/fixtures/openreferral/examples');
  const files = fs.readdirSync(examples, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.json'));

  // Each import runs without blocking this worker: a minute of imports in a row on a busy machine would
  // stop it answering vitest ("Timeout calling onTaskUpdate") and fail the run with every test passed.
  it('are each answered in plain sentences, never a stack trace, and write no content', async () => {
    const content = copyOfContent();
    try {
      const before = filesUnder(content.root);
      for (const file of files) {
        const copy = path.join(scratch, file.replace('/', '-'));
        fs.copyFileSync(path.join(examples, file), copy);
        const result = await runImportAsync(content.root, copy);
        noStackTrace(result.output);
        expect(result.output, file).not.toContain('Array must contain');
        expect(result.output, file).toMatch(/nothing was written|not an Open Referral feed|not a service|API’s root/);
      }
      expect(filesUnder(content.root)).toEqual(before);
    } finally {
      content.remove();
    }
  });

  it('refuses the deliberately odd values of the UK example by name and field, and takes the rest with --skip-invalid', () => {
    const content = copyOfContent();
    try {
      const feed = path.join(content.root, 'uk-service.json');
      fs.copyFileSync(path.join(examples, 'ukprofile/service_full.json'), feed);
      fs.writeFileSync(path.join(content.root, 'uk-service.mapping.yaml'), [
        'terms:\n  name: mental-health',
        'towns:\n  "The service is available to all residents of the MyCity area. We provide the service in our offices or via video conferencing to any who can provide evidence of their residency.": march',
        'accessibility:\n  "The building is equipped with induction loops for hearing aids. Wheelchair access is possible on all levels.": [hearing-loop, step-free-access]',
      ].join('\n'));
      const result = runImport(content.root, feed, '--skip-invalid');
      const record = 'service "Community Counselling" (id ac148810-d857-441c-9679-408f346de14b)';
      expect(result.output).toContain(`${record}: location.latitude: must be at most 90, not 100`);
      expect(result.output).toContain(`${record}: location.addresses[].postal_code: "ABC 1234" must be a UK postcode`);
      expect(result.output).toContain('1 record with problems left out (--skip-invalid); importing the other 0');
      noStackTrace(result.output);
    } finally {
      content.remove();
    }
  });
});

describe('a live Open Referral API', () => {
  let server: http.Server;
  let base: string;
  const requests: string[] = [];
  beforeAll(async () => {
    // Pages of 50 that give each service in brief, as many APIs' lists do, and each in full at /services/{id}.
    server = http.createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      requests.push(url.pathname + url.search);
      const one = /^\/api\/services\/([^/]+)$/.exec(url.pathname);
      const send = (body: unknown) => response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      if (one) return send(exported.find((service) => service.id === one[1]));
      if (url.pathname !== '/api/services') return response.writeHead(404).end();
      const page = Number(url.searchParams.get('page') ?? 1);
      const size = Math.min(50, Number(url.searchParams.get('per_page') ?? 50));
      const brief = exported.map(({ id, name, description, status }) => ({ id, name, description, status }));
      send(envelope(brief, page, size));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is followed page by page to total_pages, each brief service read in full, and imports our directory whole', async () => {
    const content = emptyDirectory();
    try {
      const result = await runImportAsync(content.root, base);
      expect(result.status, result.output).toBe(0);
      expect(result.output).toContain(`Read page ${Math.ceil(exported.length / 50)} of ${Math.ceil(exported.length / 50)}`);
      expect(result.output).toContain(`Added ${exported.length}`);
      expect(listings(content.root).size).toBe(exported.length);
    } finally {
      content.remove();
    }
  });
});
