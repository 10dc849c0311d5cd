/**
 * What's on: an event's plain fields become iCalendar components, and its dates are read back from
 * them, so the page, the .ics file and the feeds agree. Times are UK wall-clock times across the
 * clock changes; cancelled dates are left out and moved ones appear where they moved to.
 */
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { checkContent, formatProblem } from '../../src/content-model/check';
import { calendarFile } from '../../src/whats-on/calendar';
import { eventMatches, whatsOnFiltersFrom } from '../../src/whats-on/filters';
import { londonMoment, occurrencesOf, recurrenceRule, type Schedule, scheduleComponents } from '../../src/whats-on/recurrence';
import { firstWithin, roleIsOpen, windowDays } from '../../src/whats-on/status';
import { localIso } from '../../src/whats-on/words';
import { copyOfContent } from '../support/content-fixture';

const day = (text: string) => new Date(`${text}T00:00:00Z`);
const days = (list: { day: Date }[]) => list.map((occurrence) => occurrence.day.toISOString().slice(0, 10));
const weekly = (overrides: Partial<Schedule> = {}): Schedule => ({
  date: day('2027-03-16'),
  allDay: false,
  starts: '09:30',
  ends: '11:00',
  repeat: { frequency: 'weekly', interval: 1, weekdays: [], monthlyOn: 'date', until: day('2027-04-13') },
  cancelled: [],
  moved: [],
  ...overrides,
});
const datesOf = (schedule: Schedule, options?: { after?: Date; limit?: number }) => occurrencesOf(scheduleComponents(schedule, 'test'), options);

describe('the dates of a repeating event', () => {
  it('follow the rule from the first date to the last', () => {
    expect(days(datesOf(weekly()))).toEqual(['2027-03-16', '2027-03-23', '2027-03-30', '2027-04-06', '2027-04-13']);
  });

  it('leave out a cancelled date', () => {
    expect(days(datesOf(weekly({ cancelled: [day('2027-03-23')] })))).toEqual(['2027-03-16', '2027-03-30', '2027-04-06', '2027-04-13']);
  });

  it('show a moved date on its new day and time, in order', () => {
    const dates = datesOf(weekly({ moved: [{ from: day('2027-03-23'), to: day('2027-04-07'), starts: '14:00', ends: '15:00' }] }));
    expect(days(dates)).toEqual(['2027-03-16', '2027-03-30', '2027-04-06', '2027-04-07', '2027-04-13']);
    expect(dates[3]).toMatchObject({ starts: '14:00', ends: '15:00', moved: true });
  });

  it('keep the UK wall-clock time across the change to British Summer Time (28 March 2027)', () => {
    const [before, , after] = datesOf(weekly());
    expect(before.start.toISOString()).toBe('2027-03-16T09:30:00.000Z'); // GMT
    expect(after.start.toISOString()).toBe('2027-03-30T08:30:00.000Z'); // BST: 9:30am is 08:30 UTC
    expect(after.starts).toBe('09:30');
    expect(localIso(after, 'start')).toBe('2027-03-30T09:30:00+01:00');
    expect(localIso(before, 'end')).toBe('2027-03-16T11:00:00+00:00');
  });

  it('start from now: a date under way still counts, one that has ended does not', () => {
    const during = new Date('2027-03-23T10:00:00Z');
    expect(days(datesOf(weekly(), { after: during, limit: 2 }))).toEqual(['2027-03-23', '2027-03-30']);
    const afterwards = new Date('2027-03-23T11:00:01Z');
    expect(days(datesOf(weekly(), { after: afterwards, limit: 1 }))).toEqual(['2027-03-30']);
  });

  it('repeat by count, every other week, on several weekdays', () => {
    const schedule = weekly({ date: day('2027-01-05'), repeat: { frequency: 'weekly', interval: 2, weekdays: ['tuesday', 'thursday'], monthlyOn: 'date', count: 4 } });
    expect(days(datesOf(schedule))).toEqual(['2027-01-05', '2027-01-07', '2027-01-19', '2027-01-21']);
  });

  it('repeat monthly on a date, on the nth weekday, or on the last weekday', () => {
    const monthly = (monthlyOn: 'date' | 'weekday' | 'last-weekday', first: string) =>
      days(datesOf(weekly({ date: day(first), repeat: { frequency: 'monthly', interval: 1, weekdays: [], monthlyOn, count: 3 } })));
    expect(monthly('date', '2027-01-14')).toEqual(['2027-01-14', '2027-02-14', '2027-03-14']);
    expect(monthly('weekday', '2026-12-15')).toEqual(['2026-12-15', '2027-01-19', '2027-02-16']); // third Tuesday
    expect(monthly('last-weekday', '2027-01-28')).toEqual(['2027-01-28', '2027-02-25', '2027-03-25']); // last Thursday
  });

  it('repeat daily, all day, ending on the until date', () => {
    const schedule = weekly({ allDay: true, starts: undefined, ends: undefined, date: day('2027-02-15'), repeat: { frequency: 'daily', interval: 1, weekdays: [], monthlyOn: 'date', until: day('2027-02-17') } });
    const dates = datesOf(schedule);
    expect(days(dates)).toEqual(['2027-02-15', '2027-02-16', '2027-02-17']);
    expect(dates[0]).toMatchObject({ start: londonMoment(day('2027-02-15')), end: londonMoment(day('2027-02-16')) });
    expect(dates[0].starts).toBeUndefined();
  });

  it('are written as plain RRULEs', () => {
    expect(recurrenceRule({ frequency: 'weekly', interval: 2, weekdays: ['tuesday'], monthlyOn: 'date', count: 8 }, day('2027-01-05'), false)).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=8');
    // UNTIL in UTC at the end of that UK day (RFC 5545 §3.3.10): midnight BST is 23:00 UTC.
    expect(recurrenceRule({ frequency: 'monthly', interval: 1, weekdays: [], monthlyOn: 'weekday', until: day('2027-04-13') }, day('2026-12-15'), false)).toBe('FREQ=MONTHLY;BYDAY=3TU;UNTIL=20270413T230000Z');
  });
});

describe('an event as an iCalendar file', () => {
  const file = calendarFile({
    productId: '-//Fenland District Council//Community Hub//EN',
    name: 'Health walk',
    stamp: new Date('2026-12-06T12:00:00Z'),
    items: [{ ...weekly({ cancelled: [day('2027-03-23')], moved: [{ from: day('2027-03-30'), to: day('2027-03-31') }] }), uid: 'walk@hub.example.org', title: 'Health walk, with tea; all welcome', summary: 'A gentle walk.', location: 'Wisbech Park, Park Lane, Wisbech, PE13 1AB', url: 'https://hub.example.org/whats-on/walk/' }],
  });

  it('is valid RFC 5545 text: CRLF lines of at most 75 octets, escaped text, a VTIMEZONE for its TZID', () => {
    expect(file.endsWith('\r\n')).toBe(true);
    for (const line of file.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(file).toContain('SUMMARY:Health walk\\, with tea\\; all welcome');
    expect(file).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/London');
    expect(file).toContain('DTSTART;TZID=Europe/London:20270316T093000');
    expect(file).toContain('EXDATE;TZID=Europe/London:20270323T093000');
    expect(file).toContain('RECURRENCE-ID;TZID=Europe/London:20270330T093000');
  });

  it('reads back, in a calendar parser, as the dates the page shows', () => {
    const calendar = new ICAL.Component(ICAL.parse(file) as unknown[]);
    const [master, ...exceptions] = calendar.getAllSubcomponents('vevent');
    expect(master.getFirstPropertyValue('location')).toBe('Wisbech Park, Park Lane, Wisbech, PE13 1AB');
    const event = new ICAL.Event(master, { exceptions });
    const iterator = event.iterator();
    const starts: string[] = [];
    for (let next = iterator.next(); next; next = iterator.next()) starts.push(event.getOccurrenceDetails(next).startDate.toString());
    expect(starts).toEqual(['2027-03-16T09:30:00', '2027-03-31T09:30:00', '2027-04-06T09:30:00', '2027-04-13T09:30:00']);
  });
});

describe('a long or cancelled event as an iCalendar file', () => {
  const long = 'A long description with a price of £5 (£3 for carers), '.repeat(6);
  const file = calendarFile({
    productId: '-//Test//EN', name: 'Concert', stamp: new Date('2026-12-06T12:00:00Z'),
    items: [{ ...weekly({ repeat: undefined }), uid: 'concert@hub.example.org', title: 'Concert', summary: long, url: 'https://hub.example.org/whats-on/concert/', status: 'cancelled' }],
  });

  it('folds every line, continuation lines too, at 75 octets with the leading space, never inside a character', () => {
    const lines = file.split('\r\n');
    expect(lines.filter((line) => line.startsWith(' ')).length).toBeGreaterThan(3);
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const calendar = new ICAL.Component(ICAL.parse(file) as unknown[]);
    expect(calendar.getFirstSubcomponent('vevent')!.getFirstPropertyValue('description')).toBe(`${long}\n\nhttps://hub.example.org/whats-on/concert/`);
  });

  it('says STATUS:CANCELLED when the event is cancelled', () => {
    expect(file).toContain('STATUS:CANCELLED');
  });
});

describe('a calendar of many events', () => {
  it('carries the time zone once and every event, all-day ones as dates', () => {
    const allDay = { ...weekly({ allDay: true, starts: undefined, ends: undefined, repeat: undefined, date: day('2027-01-16') }), uid: 'bear@hub.example.org', title: 'Straw Bear', summary: 'A festival.', url: 'https://hub.example.org/whats-on/bear/' };
    const walk = { ...weekly(), uid: 'walk@hub.example.org', title: 'Walk', summary: 'A walk.', url: 'https://hub.example.org/whats-on/walk/' };
    const file = calendarFile({ productId: '-//Test//EN', name: 'Everything', stamp: new Date('2026-12-06T12:00:00Z'), items: [allDay, walk] });
    expect(file.match(/BEGIN:VTIMEZONE/g)).toHaveLength(1);
    expect(file).toContain('DTSTART;VALUE=DATE:20270116');
    expect(file).toContain('DTEND;VALUE=DATE:20270117');
    const calendar = new ICAL.Component(ICAL.parse(file) as unknown[]);
    expect(calendar.getAllSubcomponents('vevent').map((event) => event.getFirstPropertyValue('uid'))).toEqual(['bear@hub.example.org', 'walk@hub.example.org']);
  });
});

describe('the windows residents choose from', () => {
  const wednesday = day('2026-12-09');
  it('run from today: the week to Sunday, the weekend Saturday and Sunday, and the next 30 days', () => {
    expect(windowDays('today', wednesday)).toEqual({ first: wednesday, last: wednesday });
    expect(windowDays('week', wednesday)).toEqual({ first: wednesday, last: day('2026-12-13') });
    expect(windowDays('weekend', wednesday)).toEqual({ first: day('2026-12-12'), last: day('2026-12-13') });
    expect(windowDays('month', wednesday)).toEqual({ first: wednesday, last: day('2027-01-08') });
  });

  it('on a Sunday, this weekend is what is left of it', () => {
    expect(windowDays('weekend', day('2026-12-13'))).toEqual({ first: day('2026-12-13'), last: day('2026-12-13') });
  });

  it('find an event at its first date inside the window', () => {
    const dates = datesOf(weekly({ date: day('2026-12-08'), repeat: { frequency: 'weekly', interval: 1, weekdays: ['tuesday', 'saturday'], monthlyOn: 'date', count: 6 } }));
    expect(firstWithin(dates, windowDays('weekend', wednesday))?.day).toEqual(day('2026-12-12'));
    expect(firstWithin(dates, windowDays('today', wednesday))).toBeUndefined();
  });
});

describe('filters and roles', () => {
  const event = { kind: 'training', areas: ['march'], audiences: ['families'], accessibility: ['step-free-access'], cost: { type: 'free' }, groups: ['march-timebank'], funds: [], venue: 'march-library' };
  it('match by kind, area, cost, children and step-free access, from the address', () => {
    const matches = (query: string) => eventMatches(event, whatsOnFiltersFrom(new URLSearchParams(query)));
    expect(matches('kind=training&area=march&area=wisbech&free=yes&children=yes&accessible=yes')).toBe(true);
    expect(matches('kind=event')).toBe(false);
    expect(matches('area=wisbech')).toBe(false);
    expect(matches('group=wisbech-health-walks')).toBe(false);
    expect(whatsOnFiltersFrom(new URLSearchParams('when=nonsense')).when).toBe('month');
  });

  it('a role is open until the end of its closing day', () => {
    expect(roleIsOpen({ closes: day('2027-02-26') }, day('2027-02-26'))).toBe(true);
    expect(roleIsOpen({ closes: day('2027-02-26') }, day('2027-02-27'))).toBe(false);
    expect(roleIsOpen({}, day('2030-01-01'))).toBe(true);
  });
});

describe('npm run check names the file and field of a broken event', () => {
  let fixture: ReturnType<typeof copyOfContent> | undefined;
  afterEach(() => fixture?.remove());
  const problemsAfter = (file: string, change: (text: string) => string) => {
    fixture = copyOfContent();
    fixture.edit(file, change);
    return checkContent(fixture.root).problems.map(formatProblem);
  };

  it('a cancelled date the event was never due on', () => {
    const problems = problemsAfter('events/wisbech-tuesday-health-walk.md', (text) => text.replace('- 2026-12-29', '- 2026-12-30'));
    expect(problems).toEqual([expect.stringMatching(/events\/wisbech-tuesday-health-walk\.md: cancelled\[0\]: 2026-12-30 is not a day this event is due to happen$/)]);
  });

  it('a moved date the event was never due on', () => {
    const problems = problemsAfter('events/march-thursday-health-walk.md', (text) => text.replace('- from: 2027-01-28', '- from: 2027-01-27'));
    expect(problems).toEqual([expect.stringMatching(/march-thursday-health-walk\.md: moved\[0\]\.from: 2027-01-27 is not a day/)]);
  });

  it('an end time before the start, and a missing start time', () => {
    expect(problemsAfter('events/first-aid-for-volunteers-march.md', (text) => text.replace('ends: "16:30"', 'ends: "08:00"'))).toEqual([
      expect.stringMatching(/first-aid-for-volunteers-march\.md: ends: must be after the start time$/),
    ]);
    expect(problemsAfter('events/first-aid-for-volunteers-march.md', (text) => text.replace(/^starts: .*\n/m, ''))).toEqual([
      expect.stringMatching(/first-aid-for-volunteers-march\.md: starts: is required unless the event runs all day$/),
    ]);
  });

  it('a repeat frequency that is not offered, and a volunteering role without how to apply', () => {
    expect(problemsAfter('events/wisbech-tuesday-health-walk.md', (text) => text.replace('frequency: weekly', 'frequency: yearly'))).toEqual([
      expect.stringMatching(/wisbech-tuesday-health-walk\.md: repeat\.frequency: Invalid enum value/),
    ]);
    expect(problemsAfter('volunteering/chatteris-health-walk-leader.md', (text) => text.replace(/^howToApply: .*\n/m, ''))).toEqual([
      expect.stringMatching(/volunteering\/chatteris-health-walk-leader\.md: howToApply: is required$/),
    ]);
  });
});

describe('dates kept per day', () => {
  it('gives, at every moment of a day, the dates reading the rule afresh gives', async () => {
    const { upcomingReader } = await import('../../src/whats-on/upcoming');
    const read = upcomingReader<string>();
    const daily = weekly({ repeat: { frequency: 'daily', weekdays: [], count: 100 }, cancelled: [day('2027-03-18')] });
    const components = () => scheduleComponents(daily, 'daily');
    for (const moment of ['2027-03-17T00:00:00Z', '2027-03-17T09:45:00Z', '2027-03-17T11:00:00Z', '2027-03-17T23:59:00Z', '2027-04-30T10:00:00Z', '2027-08-01T10:00:00Z']) {
      for (const limit of [1, 6, 14, 40, 50]) {
        expect(read('daily', components, new Date(moment), limit), `${moment}, ${limit}`).toEqual(datesOf(daily, { after: new Date(moment), limit }));
      }
    }
  });
});
