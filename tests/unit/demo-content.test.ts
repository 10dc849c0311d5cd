/** The demo content is what a newcomer sees first: enough of it, spread over Fenland, and no real contact details. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readContent } from '../../src/content-model/read';
import { fundStatus } from '../../src/rules/fund-status';
import { eventSchema } from '../../src/schemas/event';
import { fundSchema } from '../../src/schemas/fund';

const { entries } = readContent('content');
const data = (collection: string): Record<string, any>[] => entries.filter((entry) => entry.collection === collection).map((entry) => ({ id: entry.id, ...(entry.data as Record<string, any>) }));
const groups = data('groups');
const areas = data('areas');
// The demo funds' dates were written for this day; a later day shifts which are open.
const demoDay = new Date('2026-11-23T00:00:00Z');

describe('the demo content', () => {
  it('has at least 80 groups, in all four towns and at least 12 villages', () => {
    expect(groups.length).toBeGreaterThanOrEqual(80);
    const served = new Set(groups.flatMap((group) => group.areas as string[]));
    const kindOf = new Map(areas.map((area) => [area.id, area.kind]));
    expect([...served].filter((id) => kindOf.get(id) === 'town').sort()).toEqual(['chatteris', 'march', 'whittlesey', 'wisbech']);
    expect([...served].filter((id) => kindOf.get(id) === 'village').length).toBeGreaterThanOrEqual(12);
  });

  it('has at least 48 assets, at least 8 in each ABCD building block', () => {
    const assets = data('assets');
    expect(assets.length).toBeGreaterThanOrEqual(48);
    for (const block of ['skills', 'associations', 'institutions', 'environment', 'economy', 'culture']) {
      expect(assets.filter((asset) => asset.block === block).length, block).toBeGreaterThanOrEqual(8);
    }
  });

  it('has the eight funds from the seeds, open, closing soon, closed and rolling on the demo day', () => {
    const funds = data('funds');
    expect(funds.map((fund) => fund.id)).toEqual(expect.arrayContaining([
      'healthy-fenland-fund', 'cambridgeshire-communities-innovation-fund', 'cultivating-communities-small-grants', 'active-together',
      'community-building-improvement', 'small-sparks', 'police-and-crime-community-grants', 'armed-forces-covenant-grants',
    ]));
    const statuses = new Set(funds.map((fund) => fundStatus(fundSchema.parse(fund), demoDay)));
    expect([...statuses]).toEqual(expect.arrayContaining(['open', 'closing-soon', 'closed', 'rolling']));
    expect(funds.find((fund) => fund.id === 'cambridgeshire-communities-innovation-fund')?.stages).toBe(2);
  });

  it('has at least 10 stories and every community role as contacts', () => {
    expect(data('stories').length).toBeGreaterThanOrEqual(10);
    expect(new Set(data('contacts').map((contact) => contact.role))).toEqual(new Set(['community-worker', 'enabler', 'connector', 'officer']));
  });

  /** Events as the site reads them, with defaults and dates. */
  const parsedEvents = () => entries.filter((entry) => entry.collection === 'events').map((entry) => eventSchema.parse(entry.data));

  it('has at least 40 events over three months and 15 volunteering roles, over the four towns and at least eight villages', () => {
    const events = parsedEvents();
    const first = Math.min(...events.map((event) => event.date.getTime()));
    const withinThreeMonths = events.filter((event) => event.date.getTime() - first <= 92 * 86_400_000);
    expect(withinThreeMonths.length).toBeGreaterThanOrEqual(40);
    expect(data('volunteering').length).toBeGreaterThanOrEqual(15);
    const places = new Set([...events, ...data('volunteering')].flatMap((item) => item.areas as string[]));
    const kinds = new Map(areas.map((area) => [area.id, area.kind]));
    expect([...places].filter((id) => kinds.get(id) === 'town').sort()).toEqual(['chatteris', 'march', 'whittlesey', 'wisbech']);
    expect([...places].filter((id) => kinds.get(id) === 'village').length).toBeGreaterThanOrEqual(8);
  });

  it('has health walks, pop-up hubs, peer-learning for funded groups, first aid, safeguarding and grant training, and repeats with a cancelled date', () => {
    const events = parsedEvents();
    const titled = (pattern: RegExp) => events.filter((event) => pattern.test(event.title));
    expect(titled(/health walk/i).length).toBeGreaterThanOrEqual(3);
    expect(titled(/pop-up/i).length).toBeGreaterThanOrEqual(5);
    expect(events.filter((event) => event.funds.length > 0 && /peer-learning/i.test(`${event.title} ${event.summary}`)).length).toBeGreaterThanOrEqual(2);
    const training = events.filter((event) => event.kind === 'training');
    for (const topic of [/first aid/i, /safeguarding/i, /applying for a grant/i]) expect(training.some((event) => topic.test(event.title)), String(topic)).toBe(true);
    expect(training.some((event) => /first aid/i.test(event.title) && event.date.getUTCMonth() === 2)).toBe(true);
    expect(events.filter((event) => event.repeat && event.cancelled.length > 0).length).toBeGreaterThanOrEqual(2);
    expect(data('volunteering').some((role) => /walk leader/i.test(role.title) && role.areas.includes('chatteris'))).toBe(true);
  });

  it('gives every area a community worker', () => {
    expect(areas.filter((area) => !area.communityWorker).map((area) => area.id)).toEqual([]);
  });

  it('uses only reserved email addresses and phone numbers', () => {
    const files = fs.readdirSync('content', { recursive: true, encoding: 'utf8' }).filter((file) => /\.(md|mdx|ya?ml)$/.test(file));
    const text = files.map((file) => fs.readFileSync(path.join('content', file), 'utf8')).join('\n');
    const emails = text.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? [];
    expect(emails.length).toBeGreaterThan(100);
    expect(emails.filter((email) => !/@([\w-]+\.)*example\.(org|com)$/.test(email))).toEqual([]);
    // UK numbers with an area or mobile code; national helplines such as 116 123 and 999 are allowed.
    const phones = text.match(/\b0\d{3,4} ?\d{3} ?\d{3,4}\b/g) ?? [];
    expect(phones.length).toBeGreaterThan(100);
    expect(phones.filter((phone) => !/^01632 ?960\d{3}$/.test(phone))).toEqual([]);
  });
});
