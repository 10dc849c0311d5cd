/**
 * Bulk import from a spreadsheet: checked whole before anything is written, every problem of every row
 * named by row, name and column with a hint, existing entries kept unless overwriting is asked for,
 * and importing the same file twice changes nothing. (Open Referral feeds: import-openreferral.test.ts.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent, formatProblem } from '../../src/content-model/check';
import { entryFromRow, type ImportedEntry, slugify } from '../../src/import/rows';
import { copyOfContent } from '../support/content-fixture';

const template = fs.readFileSync('templates/import-template.csv', 'utf8');

import { filesUnder, runImport } from '../support/import';

describe('rows', () => {
  it('makes ids from names', () => {
    expect(slugify('Café & Chat: Wisbech St Mary')).toBe('cafe-and-chat-wisbech-st-mary');
  });

  it('reads lists, sessions, numbers and the contact columns into a group', () => {
    const entry = entryFromRow({ row: 2, cells: { kind: 'group', name: 'Tea Club', summary: 'Tea and a chat on Tuesdays.', categories: 'social-groups; company-and-friendship', areas: 'march', schedule: 'tuesday 9:30-11:00 fortnightly', min_age: '18', email: 'tea@example.org', last_reviewed: '2026-11-01' } }).entry as ImportedEntry;
    expect(entry).toMatchObject({ kind: 'groups', id: 'tea-club' });
    expect(entry.data).toMatchObject({
      categories: ['social-groups', 'company-and-friendship'],
      schedule: [{ day: 'tuesday', opens: '09:30', closes: '11:00', frequency: 'fortnightly' }],
      ages: { min: 18 },
      contact: { email: 'tea@example.org' },
    });
    expect(entry.data).not.toHaveProperty('address');
  });

  it('refuses a row that is neither a group nor an asset, or a session it cannot read, saying how to fix it', () => {
    expect(entryFromRow({ row: 4, cells: { kind: 'event', name: 'X' } }).problems).toEqual([{ row: 4, record: 'row 4 (X)', column: 'kind', message: '"event" must be group or asset', hint: 'Write group or asset, or run the import with --kind group' }]);
    const read = entryFromRow({ row: 5, cells: { kind: 'group', name: 'X', schedule: 'most tuesdays' } });
    expect(read.problems).toEqual([{ row: 5, record: 'row 5 (X)', column: 'schedule', message: '"most tuesdays" cannot be read', hint: 'Write each session like "monday 10:00-12:00 weekly", separated by semicolons' }]);
    // The rest of the row is still read, so its other problems are found in the same run.
    expect(read.entry?.id).toBe('x');
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
      expect(failed.output).toContain('row 3 (Whittlesey Board Games Night): areas: "atlantis" is not in areas');
      expect(failed.output).toContain('row 4 (Chatteris Seed Swap Shelf): postcode: "not a postcode" must be a UK postcode, e.g. PE13 1AB');
      expect(failed.output).toContain('nothing was written');
      expect(filesUnder(content.root)).toEqual(before);

      const first = runImport(content.root, 'templates/import-template.csv');
      expect(first.output).toContain('Added 3, changed 0, unchanged 0, left alone 0 of 3 entries');
      expect(fs.existsSync(path.join(content.root, 'groups', 'manea-knit-and-natter.md'))).toBe(true);
      expect(fs.existsSync(path.join(content.root, 'assets', 'chatteris-seed-swap-shelf.md'))).toBe(true);
      fs.rmSync(broken);
      expect(checkContent(content.root).problems.map(formatProblem)).toEqual([]);

      const afterFirst = filesUnder(content.root);
      const second = runImport(content.root, 'templates/import-template.csv');
      expect(second.output).toContain('Added 0, changed 0, unchanged 3, left alone 0 of 3 entries');
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
      expect(runImport(content.root, 'templates/import-template.csv').output).toContain('left alone (differs in summary; --overwrite to replace)');
      expect(fs.readFileSync(file, 'utf8')).toBe(edited);
      expect(runImport(content.root, 'templates/import-template.csv', '--overwrite', '--dry-run').output).toMatch(/would change: .*manea-knit-and-natter\.md \(summary\)/);
      expect(fs.readFileSync(file, 'utf8')).toBe(edited);
      expect(runImport(content.root, 'templates/import-template.csv', '--overwrite').output).toContain('changed:');
      expect(fs.readFileSync(file, 'utf8')).not.toBe(edited);
    } finally {
      content.remove();
    }
  });

  it('lists every problem of every row in one run, in words with a hint, and writes nothing', () => {
    const content = copyOfContent();
    try {
      const file = path.join(content.root, 'many-problems.csv');
      fs.writeFileSync(file, [
        'kind,name,summary,categories,areas,schedule,email,cost,last_reviewed',
        'event,Bingo Night,Bingo for everyone in the village hall.,social-groups,march,,,,2026-11-01',
        'group,Tea Club,Tea.,,atlantis,most tuesdays,not-an-email,pricey,2026-02-31',
        'group,Walk Group,A weekly walk around the town park for all.,social-grups,march,monday 10:00-11:00,,free,2026-11-01',
      ].join('\n'));
      const before = filesUnder(content.root);
      const result = runImport(content.root, file);
      expect(result.status).toBe(1);
      const lines = result.output.trim().split('\n').filter((line) => line.startsWith('row '));
      expect(lines).toEqual([
        'row 2 (Bingo Night): kind: "event" must be group or asset. Write group or asset, or run the import with --kind group',
        'row 3 (Tea Club): schedule: "most tuesdays" cannot be read. Write each session like "monday 10:00-12:00 weekly", separated by semicolons',
        'row 3 (Tea Club): summary: is too short: at least 10 characters, this has 4. Write one or two sentences, 10 to 300 characters',
        'row 3 (Tea Club): categories: needs at least one. List category ids from content/taxonomy/categories, separated by semicolons',
        'row 3 (Tea Club): cost: "pricey" must be one of: free, low-cost, paid',
        'row 3 (Tea Club): email: "not-an-email" is not an email address, e.g. name@example.org',
        'row 3 (Tea Club): last_reviewed: "2026-02-31" is not a real date written as YYYY-MM-DD. Give the date the details were last checked, as YYYY-MM-DD',
        'row 3 (Tea Club): areas: "atlantis" is not in areas. List area ids from content/areas, separated by semicolons',
        'row 4 (Walk Group): categories: "social-grups" is not in categories. Did you mean "social-groups" (Social groups and clubs)?',
      ]);
      expect(result.output).toContain('9 problems in');
      expect(result.output).not.toContain('Array must contain');
      expect(result.output).not.toMatch(/\n\s+at /);
      expect(filesUnder(content.root)).toEqual(before);
    } finally {
      content.remove();
    }
  });
});
