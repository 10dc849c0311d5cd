/**
 * Events, courses and volunteering roles in search: found while still on, by the moment of the
 * search (not the build), with the date filter and ranked next date first among themselves.
 */
import { describe, expect, it } from 'vitest';
import { searchPage } from '../../src/search/results';
import type { SearchDocument } from '../../src/search/text-search';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const schedule = (uid: string, date: string, extra: Partial<NonNullable<SearchDocument['schedule']>> = {}): NonNullable<SearchDocument['schedule']> => ({
  uid, date: day(date), allDay: false, starts: '10:00', ends: '12:00', cancelled: [], moved: [], ...extra,
});
const event = (id: string, title: string, plan: NonNullable<SearchDocument['schedule']>): SearchDocument => ({
  href: `/whats-on/${id}/`, title, summary: '', kind: 'Event', keywords: 'first aid', facets: { type: ['Event'], area: ['March'] }, schedule: plan,
});

// Wednesday 10 March 2027 is the day of the searches.
const documents: SearchDocument[] = [
  { href: '/groups/first-aid-group/', title: 'First aid group', summary: '', kind: 'Group', keywords: '', facets: { type: ['Group'] }, listing: true },
  event('past', 'First aid refresher', schedule('past', '2027-03-01')),
  event('later-today', 'First aid taster', schedule('later-today', '2027-03-10', { starts: '14:00', ends: '15:00' })),
  event('saturday', 'Emergency first aid', schedule('saturday', '2027-03-13')),
  event('next-month', 'First aid at work', schedule('next-month', '2027-04-20')),
  // Weekly on Wednesdays, this week's cancelled: next on the 17th.
  event('weekly', 'First aid drop-in', schedule('weekly', '2027-03-03', { repeat: { frequency: 'weekly', weekdays: [] }, cancelled: [day('2027-03-10')] })),
  { href: '/volunteer/open/', title: 'First aid volunteer', summary: '', kind: 'Volunteering role', keywords: '', facets: { type: ['Volunteering role'] }, closes: day('2027-03-10') },
  { href: '/volunteer/closed/', title: 'First aid steward', summary: '', kind: 'Volunteering role', keywords: '', facets: { type: ['Volunteering role'] }, closes: day('2027-03-09') },
];
const names = { today: 'Today', week: 'This week', weekend: 'This weekend', month: 'Next 30 days' };
const ask = (now: string, selection = {}, sort: 'relevance' | 'name' = 'relevance') =>
  searchPage(documents, {
    query: 'first aid', areaNames: [], selection, sort, page: 1, perPage: 20,
    when: { at: { day: 'wednesday', time: now.slice(11, 16) }, names: { now: 'Open now', week: 'This week' } },
    dates: { now: new Date(now), names },
  });
const hrefs = (answer: ReturnType<typeof ask>) => answer.page.items.map((item) => item.href);

describe("what's on in search", () => {
  it('leaves out events whose last date has ended and roles that have closed, and ranks events next date first', () => {
    const answer = ask('2027-03-10T12:00:00Z');
    expect(hrefs(answer).filter((href) => href.startsWith('/whats-on/'))).toEqual(['/whats-on/later-today/', '/whats-on/saturday/', '/whats-on/weekly/', '/whats-on/next-month/']);
    expect(hrefs(answer)).toContain('/volunteer/open/');
    expect(hrefs(answer)).not.toContain('/volunteer/closed/');
    expect(hrefs(answer)).not.toContain('/whats-on/past/');
    expect(answer.page.items.find((item) => item.href === '/whats-on/weekly/')!.next!.day).toEqual(day('2027-03-17'));
  });

  it('drops an event the minute it ends, and a role the day after it closes', () => {
    const evening = ask('2027-03-10T15:01:00Z');
    expect(hrefs(evening)).not.toContain('/whats-on/later-today/');
    const tomorrow = ask('2027-03-11T09:00:00Z');
    expect(hrefs(tomorrow)).not.toContain('/volunteer/open/');
  });

  it('counts and filters by date window, in the order of the windows', () => {
    const answer = ask('2027-03-10T12:00:00Z');
    expect([...answer.counts.date]).toEqual([['Today', 1], ['This week', 2], ['This weekend', 1], ['Next 30 days', 3]]);
    expect(hrefs(ask('2027-03-10T12:00:00Z', { date: ['This weekend'] }))).toEqual(['/whats-on/saturday/']);
    // A day later, the taster has happened; Saturday is still this week and this weekend.
    expect([...ask('2027-03-11T12:00:00Z').counts.date]).toEqual([['This week', 1], ['This weekend', 1], ['Next 30 days', 2]]);
  });

  it('keeps the A to Z order when sorted by name', () => {
    const titles = ask('2027-03-10T12:00:00Z', {}, 'name').page.items.map((item) => item.title);
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, 'en-GB')));
  });
});

describe("what's on in search, warmed", () => {
  it('reads the day’s dates ahead, and a search then finds the same', async () => {
    const { prepareDates } = await import('../../src/search/dates');
    const fresh = documents.map((document) => ({ ...document }));
    await prepareDates(fresh, new Date('2027-03-12T09:00:00Z'), 2);
    const answer = searchPage(fresh, {
      query: 'first aid', areaNames: [], selection: {}, sort: 'relevance', page: 1, perPage: 20,
      when: { at: { day: 'friday', time: '09:00' }, names: { now: 'Open now', week: 'This week' } },
      dates: { now: new Date('2027-03-12T09:00:00Z'), names },
    });
    expect(answer.page.items.filter((item) => item.next).map((item) => item.href)).toEqual(['/whats-on/saturday/', '/whats-on/weekly/', '/whats-on/next-month/']);
  });
});
