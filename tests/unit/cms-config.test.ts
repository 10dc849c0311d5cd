/**
 * The CMS config is generated from the schemas: these tests fail when a schema field has no CMS
 * field or the other way round, when a widget, requirement or default disagrees with the schema,
 * and when what the CMS saves would not pass `npm run check`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'astro/zod';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cmsConfig, type DecapCollection } from '../../src/cms/config';
import { unwrap } from '../../src/cms/fields';
import type { DecapField } from '../../src/cms/labels';
import { imagesWithoutAlt, withoutBlanks } from '../../src/cms/tidy';
import { checkContent, formatProblem } from '../../src/content-model/check';
import { collections, settingsFile } from '../../src/content-model/collections';
import { readContent } from '../../src/content-model/read';
import { referenceTarget } from '../../src/schemas/fields';
import { copyOfContent } from '../support/content-fixture';

const config = cmsConfig({ areas: [{ id: 'march', name: 'March' }] });
const collection = (name: string) => config.collections.find((c) => c.name === name)!;

/** Every field path a schema defines, e.g. `address.postcode`, `schedule[].day`. */
function schemaPaths(schema: z.ZodTypeAny, prefix = ''): string[] {
  const { schema: inner } = unwrap(schema);
  const def = inner._def as { typeName: string; type?: z.ZodTypeAny };
  if (referenceTarget(inner)) return [];
  if (def.typeName === 'ZodObject') {
    return Object.entries((inner as z.AnyZodObject).shape as Record<string, z.ZodTypeAny>).flatMap(([key, child]) => {
      const here = prefix ? `${prefix}.${key}` : key;
      return [here, ...schemaPaths(child, here)];
    });
  }
  if (def.typeName === 'ZodArray') return schemaPaths(def.type!, `${prefix}[]`);
  return [];
}

/** Every field path the CMS offers. */
function cmsPaths(fields: DecapField[], prefix = ''): string[] {
  return fields.flatMap((field) => {
    const here = prefix ? `${prefix}.${field.name}` : field.name;
    if (field.widget === 'list' && field.fields) return [here, ...cmsPaths(field.fields, `${here}[]`)];
    return [here, ...(field.fields ? cmsPaths(field.fields, here) : [])];
  });
}

/** The CMS fields of each collection (taxonomy lists: the fields of one item, less its id). */
function fieldsOf(name: string): DecapField[] {
  if (name === 'settings') return collection('settings').files![0].fields;
  const definition = collections[name as keyof typeof collections];
  if (definition.format === 'yaml-list') return collection('taxonomy').files!.find((f) => f.name === name)!.fields[0].fields!.filter((f) => f.name !== 'id');
  return collection(name).fields!.filter((f) => f.name !== 'body');
}

const schemas: [string, z.ZodTypeAny][] = [...Object.entries(collections).map(([name, d]) => [name, d.schema] as [string, z.ZodTypeAny]), ['settings', settingsFile.schema]];

function findField(fields: DecapField[], dotted: string): DecapField {
  const [head, ...rest] = dotted.split('.');
  const field = fields.find((f) => f.name === head)!;
  return rest.length ? findField(field.fields ?? [], rest.join('.')) : field;
}

describe('the CMS config matches the schemas', () => {
  it.each(schemas)('%s: every schema field has a CMS field and every CMS field a schema field', (name, schema) => {
    expect(cmsPaths(fieldsOf(name)).sort()).toEqual(schemaPaths(schema).sort());
  });

  it('has a collection for every kind of content, with taxonomy and settings as files', () => {
    expect(config.collections.map((c) => c.name)).toEqual(['groups', 'assets', 'funds', 'stories', 'events', 'volunteering', 'pages', 'areas', 'contacts', 'taxonomy', 'settings']);
    expect(collection('taxonomy').files!.map((f) => f.file)).toEqual([
      'content/taxonomy/categories.yaml',
      'content/taxonomy/audiences.yaml',
      'content/taxonomy/accessibility.yaml',
      'content/taxonomy/languages.yaml',
    ]);
  });

  it('says which fields are required, as the schema does', () => {
    const groups = fieldsOf('groups');
    expect(findField(groups, 'name').required).toBeUndefined();
    expect(findField(groups, 'venue').required).toBe(false);
    expect(findField(groups, 'lastReviewed').required).toBeUndefined();
    // Inside an optional address, the CMS leaves the lines optional and the hint says when they are needed.
    expect(findField(groups, 'address.postcode')).toMatchObject({ required: false, hint: 'Postcode (needed when this part is filled in)' });
    expect(findField(fieldsOf('funds'), 'criteria').fields!.find((f) => f.name === 'name')!.required).toBeUndefined();
  });

  it('uses a relation to the right collection for every reference', () => {
    const groups = fieldsOf('groups');
    expect(findField(groups, 'areas')).toMatchObject({ widget: 'relation', collection: 'areas', value_field: '{{slug}}', multiple: true, min: 1 });
    expect(findField(groups, 'venue')).toMatchObject({ widget: 'relation', collection: 'assets' });
    expect(findField(groups, 'venue')).not.toHaveProperty('multiple');
    expect(findField(groups, 'categories')).toMatchObject({ widget: 'relation', collection: 'taxonomy', file: 'categories', value_field: 'items.*.id', min: 1 });
    expect(findField(fieldsOf('stories'), 'fund')).toMatchObject({ widget: 'relation', collection: 'funds', search_fields: ['name'] });
    expect(findField(fieldsOf('categories'), 'parent')).toMatchObject({ widget: 'relation', collection: 'taxonomy', file: 'categories' });
  });

  it('uses selects for fixed lists, numbers with bounds, dates, text areas and an image with alt text', () => {
    const assets = fieldsOf('assets');
    expect(findField(assets, 'block').options!.map((o) => o.value)).toEqual(['skills', 'associations', 'institutions', 'environment', 'economy', 'culture']);
    expect(findField(fieldsOf('funds'), 'whoCanApply')).toMatchObject({ widget: 'select', multiple: true, min: 1 });
    expect(findField(fieldsOf('groups'), 'ages.max')).toMatchObject({ widget: 'number', value_type: 'int', min: 0, max: 120 });
    expect(findField(fieldsOf('funds'), 'stages')).toMatchObject({ widget: 'number', min: 1, max: 2, default: 1 });
    expect(findField(fieldsOf('funds'), 'closes')).toMatchObject({ widget: 'datetime', format: 'YYYY-MM-DD', time_format: false, required: false });
    expect(findField(fieldsOf('groups'), 'summary').widget).toBe('text');
    expect(findField(fieldsOf('stories'), 'image').fields).toMatchObject([{ name: 'src', widget: 'image' }, { name: 'alt', widget: 'string' }]);
    expect(findField(fieldsOf('funds'), 'paysFor')).toMatchObject({ widget: 'list', field: { widget: 'string' } });
    expect(findField(fieldsOf('settings'), 'brandColour').pattern![0]).toBe('^#[0-9a-f]{6}$');
  });

  it('takes hints and defaults from the schema', () => {
    expect(findField(fieldsOf('groups'), 'sensitive')).toMatchObject({ widget: 'boolean', default: false, hint: 'Shows the quick exit button (e.g. domestic abuse support)' });
    expect(findField(fieldsOf('groups'), 'cost.type').default).toBe('free');
    expect(findField(fieldsOf('groups'), 'languages').default).toEqual(['en']);
    expect(findField(fieldsOf('groups'), 'status').default).toBe('active');
  });

  it('lists, sorts and filters groups and assets, makes file names from names and stores media in public/uploads', () => {
    const groups = collection('groups') as DecapCollection;
    expect(groups).toMatchObject({ folder: 'content/groups', extension: 'md', slug: '{{slug}}', identifier_field: 'name', sortable_fields: ['name', 'lastReviewed'] });
    // Decap keeps an entry when `new RegExp(pattern).test(String(value))`, and an (Immutable) list reads `List [ "a", "b" ]`.
    const shown = (filter: { pattern: string | boolean } | undefined, value: unknown) =>
      new RegExp(String(filter!.pattern)).test(Array.isArray(value) ? `List [ ${value.map((item) => JSON.stringify(item)).join(', ')} ]` : String(value));
    const filter = (name: string, label: string) => (collection(name) as DecapCollection).view_filters!.find((candidate) => candidate.label === label);
    expect(shown(filter('groups', 'March'), ['wisbech', 'march'])).toBe(true);
    expect(shown(filter('groups', 'March'), ['wisbech', 'march-north'])).toBe(false);
    expect(shown(filter('stories', 'March'), ['march'])).toBe(true);
    expect(shown(filter('assets', 'March'), 'march')).toBe(true);
    expect(shown(filter('assets', 'March'), 'wisbech')).toBe(false);
    expect(shown(filter('assets', 'Culture'), 'culture')).toBe(true);
    expect(collection('stories')).toMatchObject({ extension: 'mdx', identifier_field: 'title' });
    expect(config).toMatchObject({ publish_mode: 'editorial_workflow', media_folder: 'public/uploads', public_folder: '/uploads' });
  });
});

describe('the git host the CMS commits to', () => {
  it('comes from the environment', () => {
    const env = { CMS_BACKEND: 'gitea', CMS_REPO: 'council/hub', CMS_API_ROOT: 'https://git.example.org/api/v1', CMS_APP_ID: 'abc', CMS_BRANCH: 'live' };
    // Gitea through Decap's forgejo backend, the one of the two with the editorial workflow.
    expect(cmsConfig({ areas: [], env }).backend).toEqual({ name: 'forgejo', repo: 'council/hub', branch: 'live', api_root: 'https://git.example.org/api/v1', app_id: 'abc', auth_type: 'pkce' });
    expect(cmsConfig({ areas: [], env: { CMS_OPEN_AUTHORING: 'true' } }).backend).toMatchObject({ name: 'github', open_authoring: true });
  });

  it('uses decap-server only when asked (npm run cms)', () => {
    expect(cmsConfig({ areas: [] })).not.toHaveProperty('local_backend');
    expect(cmsConfig({ areas: [], localBackend: 'http://localhost:8081/api/v1' }).local_backend).toEqual({ url: 'http://localhost:8081/api/v1' });
  });
});

describe('what the CMS saves passes npm run check', () => {
  it('keeps every field of every demo entry, so saving one unchanged loses nothing', () => {
    for (const entry of readContent('content').entries) {
      const fields = fieldsOf(entry.collection);
      const names = new Set(fields.map((f) => f.name));
      for (const key of Object.keys(entry.data as object)) if (key !== 'id') expect(names, `${entry.file}: ${key}`).toContain(key);
      expect(withoutBlanks(fields, entry.data as Record<string, unknown>)).toEqual(entry.data);
    }
  });

  it('drops the blanks Decap writes for fields left empty, and the result passes the check', () => {
    const content = copyOfContent();
    try {
      // As Decap saves a new group: cleared optional fields as "", an untouched address as blanks.
      const saved = {
        name: 'Manea Knit and Natter',
        summary: 'A friendly knitting and crochet group for all abilities.',
        image: { src: '', alt: '' },
        categories: ['arts-and-crafts'],
        audiences: [],
        areas: ['manea'],
        venue: '',
        address: { line1: '', line2: '', town: '', postcode: '' },
        location: { lat: null, lng: null },
        schedule: [{ day: 'tuesday', opens: '10:00', closes: '12:00', frequency: 'weekly', note: '' }],
        scheduleNote: '',
        cost: { type: 'free', details: '' },
        ages: {},
        accessibility: [],
        languages: ['en'],
        contact: { email: 'knit.manea@example.org', phone: '', website: '' },
        organisation: { type: 'community-group', registeredNumber: '' },
        status: 'active',
        visibleFrom: '',
        visibleTo: '',
        lastReviewed: '2026-11-20',
        sensitive: false,
      };
      expect(imagesWithoutAlt(fieldsOf('groups'), saved)).toEqual([]);
      const tidy = withoutBlanks(fieldsOf('groups'), saved);
      expect(tidy).not.toHaveProperty('address');
      expect(tidy).not.toHaveProperty('visibleFrom');
      expect(tidy.contact).toEqual({ email: 'knit.manea@example.org' });
      fs.writeFileSync(path.join(content.root, 'groups', 'manea-knit-and-natter.md'), `---\n${stringify(tidy)}---\nWe knit.\n`);
      expect(checkContent(content.root).problems.map(formatProblem)).toEqual([]);

      // Without the tidying, the same entry fails: the test can fail.
      fs.writeFileSync(path.join(content.root, 'groups', 'manea-knit-and-natter.md'), `---\n${stringify(saved)}---\nWe knit.\n`);
      expect(checkContent(content.root).problems.length).toBeGreaterThan(0);
    } finally {
      content.remove();
    }
  });

  it('saves a one-off event whose repeat was left untouched, and a repeating one, so that both pass the check', () => {
    const content = copyOfContent();
    try {
      const events = fieldsOf('events');
      // As Decap saves a new event: an untouched repeat holds blanks and an empty list of weekdays.
      const saved = {
        kind: 'event', title: 'Manea seed swap', summary: 'Bring seeds to swap, or take some home.', groups: ['manea-village-hub'], venue: 'manea-village-hall',
        address: { line1: '', line2: '', town: '', postcode: '' }, areas: ['manea'], funds: [], audiences: [], accessibility: [], cost: { type: 'free', details: '' },
        date: '2027-03-20', allDay: false, starts: '10:00', ends: '12:00',
        repeat: { frequency: '', interval: null, weekdays: [], monthlyOn: '', until: '', count: null },
        cancelled: [], moved: [], booking: { required: false, how: '', url: '' }, forWhom: '', places: null, contact: { email: 'seeds.manea@example.org', phone: '', website: '' },
      };
      const tidy = withoutBlanks(events, saved);
      expect(tidy).not.toHaveProperty('repeat');
      fs.writeFileSync(path.join(content.root, 'events', 'manea-seed-swap.md'), `---\n${stringify(tidy)}---\nSeeds.\n`);
      expect(checkContent(content.root).problems.map(formatProblem)).toEqual([]);

      // Repeating fortnightly on Saturdays with a cancelled date: the repeat's fields are plain, no RRULE text.
      expect(findField(events, 'repeat.frequency')).toMatchObject({ widget: 'select', options: [{ value: 'daily' }, { value: 'weekly' }, { value: 'monthly' }] });
      expect(findField(events, 'repeat.weekdays')).toMatchObject({ widget: 'select', multiple: true });
      expect(findField(events, 'cancelled')).toMatchObject({ widget: 'list', field: { widget: 'datetime', format: 'YYYY-MM-DD' } });
      const repeating = { ...saved, repeat: { frequency: 'weekly', interval: 2, weekdays: ['saturday'], monthlyOn: '', until: '2027-05-01', count: null }, cancelled: ['2027-04-03'] };
      fs.writeFileSync(path.join(content.root, 'events', 'manea-seed-swap.md'), `---\n${stringify(withoutBlanks(events, repeating))}---\nSeeds.\n`);
      expect(checkContent(content.root).problems.map(formatProblem)).toEqual([]);

      // Without the tidying, the untouched repeat fails: the test can fail.
      fs.writeFileSync(path.join(content.root, 'events', 'manea-seed-swap.md'), `---\n${stringify(saved)}---\nSeeds.\n`);
      expect(checkContent(content.root).problems.map(formatProblem).join('\n')).toMatch(/manea-seed-swap\.md: repeat\.frequency/);
    } finally {
      content.remove();
    }
  });

  it('refuses to save a picture chosen without its alternative text, which the check would refuse', () => {
    const content = copyOfContent();
    try {
      const file = path.join(content.root, 'groups', 'manea-village-hub.md');
      const [, frontmatter, body] = fs.readFileSync(file, 'utf8').split(/^---$/m);
      const group = parse(frontmatter!) as Record<string, unknown>;
      const withoutAlt = { ...group, image: { src: '/uploads/knitting.jpg', alt: ' ' } };
      expect(imagesWithoutAlt(fieldsOf('groups'), withoutAlt)).toEqual([{ path: ['image'], label: 'Image' }]);
      expect(imagesWithoutAlt(fieldsOf('groups'), { ...group, image: { src: '/uploads/knitting.jpg', alt: 'Two people knitting' } })).toEqual([]);
      // What would be saved without the refusal: the blank alt text dropped, and the check fails on it.
      fs.writeFileSync(file, `---\n${stringify(withoutBlanks(fieldsOf('groups'), { ...withoutAlt, image: { src: '/uploads/knitting.jpg', alt: '' } }))}---${body}`);
      expect(checkContent(content.root).problems.map(formatProblem).join('\n')).toMatch(/manea-village-hub\.md.*image/);
    } finally {
      content.remove();
    }
  });
});
