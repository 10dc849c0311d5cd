/**
 * Bulk import: a spreadsheet or Open Referral feed is checked whole before anything is written,
 * problems name the row and column, existing entries are kept unless overwriting is asked for,
 * and importing the same file twice changes nothing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent, formatProblem } from '../../src/content-model/check';
import { rowsFromServices, servicesOf } from '../../src/import/openreferral';
import { applyPlan, formatRowProblem, planImport } from '../../src/import/plan';
import { entryFromRow, type ImportedEntry, slugify } from '../../src/import/rows';
import { copyOfContent } from '../support/content-fixture';

const template = fs.readFileSync('templates/import-template.csv', 'utf8');

/** Runs `npm run import` as a person would, against a copy of the content. */
function runImport(root: string, file: string, ...args: string[]) {
  try {
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', file, ...args], { env: { ...process.env, CONTENT_DIR: root }, encoding: 'utf8', stdio: 'pipe' });
    return { status: 0, output: stdout };
  } catch (error) {
    const failure = error as { status: number; stdout: string; stderr: string };
    return { status: failure.status, output: failure.stdout + failure.stderr };
  }
}

const filesUnder = (root: string) => fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).sort().map((file) => [file, fs.statSync(path.join(root, file)).mtimeMs]);

describe('rows', () => {
  it('makes ids from names', () => {
    expect(slugify('Café & Chat: Wisbech St Mary')).toBe('cafe-and-chat-wisbech-st-mary');
  });

  it('reads lists, sessions, numbers and the contact columns into a group', () => {
    const entry = entryFromRow({ row: 2, cells: { kind: 'group', name: 'Tea Club', summary: 'Tea and a chat on Tuesdays.', categories: 'social-groups; company-and-friendship', areas: 'march', schedule: 'tuesday 9:30-11:00 fortnightly', min_age: '18', email: 'tea@example.org', last_reviewed: '2026-11-01' } }) as ImportedEntry;
    expect(entry).toMatchObject({ kind: 'groups', id: 'tea-club' });
    expect(entry.data).toMatchObject({
      categories: ['social-groups', 'company-and-friendship'],
      schedule: [{ day: 'tuesday', opens: '09:30', closes: '11:00', frequency: 'fortnightly' }],
      ages: { min: 18 },
      contact: { email: 'tea@example.org' },
    });
    expect(entry.data).not.toHaveProperty('address');
  });

  it('refuses a row that is neither a group nor an asset, or a session it cannot read', () => {
    expect(entryFromRow({ row: 4, cells: { kind: 'event', name: 'X' } })).toEqual([{ row: 4, column: 'kind', message: '"event" must be group or asset' }]);
    expect(entryFromRow({ row: 5, cells: { kind: 'group', name: 'X', schedule: 'most tuesdays' } })).toEqual([{ row: 5, column: 'schedule', message: '"most tuesdays" must look like "monday 10:00-12:00 weekly"' }]);
  });
});

describe('the template CSV', () => {
  it('with one invalid row writes nothing and reports that row; fixed, it writes every row; again, it changes nothing', () => {
    const content = copyOfContent();
    try {
      const broken = path.join(content.root, 'broken.csv');
      // Row 3 gets an area that does not exist and a postcode that is not one; row 2's description two
      // paragraphs, a line break inside its cell, which does not change the rows after it.
      fs.writeFileSync(broken, template
        .replace('We meet in Manea Village Hall. Bring', 'We meet in Manea Village Hall.\n\nBring')
        .replace(',whittlesey,,,,everyone', ',atlantis,,,,everyone')
        .replace(',Chatteris,PE16 6AX,', ',Chatteris,not a postcode,'));
      const before = filesUnder(content.root);
      const failed = runImport(content.root, broken);
      expect(failed.status).toBe(1);
      expect(failed.output).toContain('row 3: areas: "atlantis" is not in areas');
      expect(failed.output).toContain('row 4: postcode: must be a UK postcode, e.g. PE13 1AB');
      expect(failed.output).toContain('nothing was written');
      expect(filesUnder(content.root)).toEqual(before);

      const first = runImport(content.root, 'templates/import-template.csv');
      expect(first.output).toContain('Wrote 3, unchanged 0, kept 0 of 3 entries');
      expect(fs.existsSync(path.join(content.root, 'groups', 'manea-knit-and-natter.md'))).toBe(true);
      expect(fs.existsSync(path.join(content.root, 'assets', 'chatteris-seed-swap-shelf.md'))).toBe(true);
      fs.rmSync(broken);
      expect(checkContent(content.root).problems.map(formatProblem)).toEqual([]);

      const afterFirst = filesUnder(content.root);
      const second = runImport(content.root, 'templates/import-template.csv');
      expect(second.output).toContain('Wrote 0, unchanged 3, kept 0 of 3 entries');
      expect(filesUnder(content.root)).toEqual(afterFirst);
    } finally {
      content.remove();
    }
  });

  it('keeps an existing entry with other content unless --overwrite is given', () => {
    const content = copyOfContent();
    try {
      runImport(content.root, 'templates/import-template.csv');
      const file = path.join(content.root, 'groups', 'manea-knit-and-natter.md');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('tea and biscuits', 'tea, coffee and biscuits'));
      const edited = fs.readFileSync(file, 'utf8');
      expect(runImport(content.root, 'templates/import-template.csv').output).toContain('kept (exists with other content; --overwrite to replace)');
      expect(fs.readFileSync(file, 'utf8')).toBe(edited);
      expect(runImport(content.root, 'templates/import-template.csv', '--overwrite').output).toContain('replaced:');
      expect(fs.readFileSync(file, 'utf8')).not.toBe(edited);
    } finally {
      content.remove();
    }
  });
});

describe('Open Referral feeds', () => {
  const feed = {
    total_items: 2,
    content: [
      {
        id: 'a1',
        name: 'March Men’s Shed',
        description: 'A workshop where men share skills and make things together. Tools provided.',
        email: 'shed.march@example.org',
        url: 'https://shed.example.org',
        assured_date: '2026-10-01',
        phones: [{ number: '01632 960777' }],
        service_taxonomys: [{ taxonomy_term: { name: 'Social groups' } }],
        service_at_locations: [{ location: { latitude: 52.55, longitude: 0.09, physical_addresses: [{ address_1: 'Station Road', city: 'March', postal_code: 'PE15 8AA' }] } }],
      },
      { id: 'a2', name: 'Somewhere Else Club', description: 'A club that meets online for people across the county.', service_at_locations: [{ location: { physical_addresses: [{ address_1: '1 Bridge Street', city: 'Peterborough', postal_code: 'PE1 1AA' }] } }] },
    ],
  };
  const known = { categories: new Map([['social groups', 'social-groups']]), areas: new Map([['march', 'march']]) };

  it('matches categories and areas by name and reports what it cannot place', () => {
    const entries = rowsFromServices(servicesOf(feed), known, {}).map((row) => entryFromRow(row));
    const content = copyOfContent();
    try {
      const plan = planImport(entries.filter((e): e is ImportedEntry => !Array.isArray(e)), content.root);
      expect(plan.problems.map(formatRowProblem)).toEqual(['row 2: categories: Array must contain at least 1 element(s)', 'row 2: areas: Array must contain at least 1 element(s)', 'row 2: last_reviewed: is required']);
      const first = entries[0] as ImportedEntry;
      expect(first.data).toMatchObject({ name: 'March Men’s Shed', summary: 'A workshop where men share skills and make things together.', areas: ['march'], categories: ['social-groups'], lastReviewed: '2026-10-01', contact: { phone: '01632 960777', website: 'https://shed.example.org' } });
    } finally {
      content.remove();
    }
  });

  it('fills what the feed does not say from the options, then writes entries that pass the check', () => {
    const content = copyOfContent();
    try {
      const entries = rowsFromServices(servicesOf(feed), known, { category: 'social-groups', area: 'march', reviewed: '2026-11-01' }).map((row) => entryFromRow(row) as ImportedEntry);
      const plan = planImport(entries, content.root);
      expect(plan.problems).toEqual([]);
      applyPlan(plan);
      expect(plan.writes).toHaveLength(2);
      expect(checkContent(content.root).problems.map(formatProblem)).toEqual([]);
    } finally {
      content.remove();
    }
  });
});
