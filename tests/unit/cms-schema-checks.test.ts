import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import fs from 'node:fs';
import { cmsConfig } from '../../src/cms/config';
import { entryProblems, problemFor, schemaOf } from '../../src/cms/schema-checks';

const config = cmsConfig({ areas: [] });
const fieldsOf = (collection: string) => config.collections.find((c) => c.name === collection)!.fields!;

/** A demo entry as Decap holds it while it is edited: its front matter, with the fields the editor left empty as "". */
function asEdited(file: string, blanks: Record<string, unknown> = {}): Record<string, unknown> {
  const data = parse(/^---\n([\s\S]*?)\n---/.exec(fs.readFileSync(file, 'utf8'))![1]) as Record<string, unknown>;
  for (const [key, value] of Object.entries(data)) if (value instanceof Date) data[key] = value.toISOString().slice(0, 10);
  return { ...blanks, ...data, body: 'About it.' };
}

function problemOn(collection: string, data: Record<string, unknown>, name: string, label: string, value: unknown) {
  return problemFor(entryProblems(schemaOf(collection)!, fieldsOf(collection), data), data, { name, label, value });
}

describe('the schemas’ checks in the CMS, shown on the field as the editor saves', () => {
  const fund = asEdited('content/funds/active-together.md', { funderThreeSixtyGivingPrefix: '', apply: { method: 'form', url: '' } });

  it('finds nothing wrong with a demo fund as the CMS holds it, blanks and all', () => {
    expect(entryProblems(schemaOf('funds')!, fieldsOf('funds'), fund)).toEqual([]);
  });

  it('puts a fund that closes before it opens on the closing date, in the words of npm run check', () => {
    const broken = { ...fund, opens: '2027-03-27' };
    expect(problemOn('funds', broken, 'closes', 'Closes', fund.closes)).toBe('Closes must not be before opens');
    expect(problemOn('funds', broken, 'opens', 'Opens', '2027-03-27')).toBeUndefined();
  });

  it('puts a letter’s unknown merge field on that letter, found by its place in the entry', () => {
    const broken = { ...fund, letters: { funded: '', declined: 'Dear {{name}}, you get {{amount}} nothing at all.' } };
    expect(problemOn('funds', broken, 'declined', 'Declined', broken.letters.declined)).toBe('Declined uses {{amount}}, which this letter cannot fill in: use only {{name}}, {{group}}');
    expect(problemOn('funds', broken, 'funded', 'Funded', '')).toBeUndefined();
  });

  it('finds a rule inside a list by the item’s own value: a session that ends before it starts', () => {
    const group = asEdited('content/groups/wisbech-health-walks.md', { scheduleNote: '', visibleFrom: '' });
    const schedule = [{ day: 'monday', opens: '10:00', closes: '11:00' }, { day: 'friday', opens: '14:00', closes: '13:00' }];
    const broken = { ...group, schedule };
    expect(problemOn('groups', broken, 'closes', 'Closes', '13:00')).toBe('Closes must be after the start time');
    expect(problemOn('groups', broken, 'closes', 'Closes', '11:00')).toBeUndefined();
  });

  it('leaves collections it has no schema for alone', () => {
    expect(schemaOf('taxonomy')).toBeUndefined();
    expect(schemaOf('settings')).toBeUndefined();
  });
});
