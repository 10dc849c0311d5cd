/**
 * A group's calendar file into the events collection (`npm run import -- events.ics --group <id>`):
 * every event checked and planned before anything is written, problems named by line and calendar
 * field in words, the repeat rules the plain repeat fields can hold mapped and the others refused,
 * and the same file imported twice changing nothing, matched by each event's UID.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkContent, formatProblem } from '../../src/content-model/check';
import { entriesFromCalendar, type CalendarOurs } from '../../src/import/calendar';
import { copyOfContent } from '../support/content-fixture';
import { filesUnder, runImport } from '../support/import';

const fixture = 'tests/fixtures/calendar/march-timebank.ics';
const calendarText = fs.readFileSync(fixture, 'utf8');
const ours: CalendarOurs = {
  group: { id: 'march-timebank', areas: ['march'] },
  assets: [{ id: 'march-library', name: 'March Library', area: 'march' }],
  areas: [{ id: 'march', name: 'March' }, { id: 'chatteris', name: 'Chatteris' }],
  events: [],
};

/** A calendar holding one event with these lines (DTSTART and the rest), in UK time. */
function oneEvent(...lines: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', 'BEGIN:VEVENT', 'UID:one@example.org', 'SUMMARY:Coffee morning', 'DESCRIPTION:Coffee and a chat for anyone.', 'LOCATION:March Library', ...lines, 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
}
const repeatOf = (...lines: string[]) => {
  const read = entriesFromCalendar(oneEvent(...lines), ours);
  return read.problems.length ? read.problems.map((problem) => `${problem.column}: ${problem.message}`) : read.entries[0]!.data.repeat;
};
const frontMatter = (file: string) => parse(/^---\n([\s\S]*?)\n---/.exec(fs.readFileSync(file, 'utf8'))![1]!) as Record<string, unknown>;

describe('a calendar’s repeat rules as the plain repeat fields', () => {
  const first = ['DTSTART;TZID=Europe/London:20270112T100000', 'DTEND;TZID=Europe/London:20270112T113000'];

  it('maps weekly, fortnightly, every weekday, monthly on a date, on the second and on the last weekday', () => {
    expect(repeatOf(...first, 'RRULE:FREQ=WEEKLY')).toEqual({ frequency: 'weekly' });
    expect(repeatOf(...first, 'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU')).toEqual({ frequency: 'weekly', interval: 2 });
    expect(repeatOf(...first, 'RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR')).toEqual({ frequency: 'weekly', weekdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] });
    expect(repeatOf(...first, 'RRULE:FREQ=MONTHLY;BYMONTHDAY=12;COUNT=10')).toEqual({ frequency: 'monthly', monthlyOn: 'date', count: 10 });
    expect(repeatOf(...first, 'RRULE:FREQ=MONTHLY;BYDAY=2TU')).toEqual({ frequency: 'monthly', monthlyOn: 'weekday' });
    expect(repeatOf('DTSTART;TZID=Europe/London:20270129T100000', 'DTEND;TZID=Europe/London:20270129T110000', 'RRULE:FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20271231')).toEqual({ frequency: 'monthly', monthlyOn: 'last-weekday', until: '2027-12-31' });
  });

  it('refuses, in words, what the repeat fields cannot hold', () => {
    expect(repeatOf(...first, 'RRULE:FREQ=YEARLY')).toEqual(['RRULE: "FREQ=YEARLY" repeats yearly: the hub repeats events daily, weekly or monthly, so add a yearly event as one event each time']);
    expect(repeatOf(...first, 'RRULE:FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2')).toEqual([expect.stringMatching(/^RRULE: "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2" uses BYSETPOS, which the hub's repeat fields cannot hold/)]);
    expect(repeatOf(...first, 'RRULE:FREQ=MONTHLY;BYDAY=3TU')).toEqual(['RRULE: "FREQ=MONTHLY;BYDAY=3TU" does not fall on its first date (2027-01-12), which is the number 2 tuesday of its month']);
    expect(repeatOf(...first, 'RRULE:FREQ=WEEKLY;BYDAY=WE')).toEqual(['RRULE: "FREQ=WEEKLY;BYDAY=WE" does not repeat on the weekday of its first date (2027-01-12): start it on one of its days']);
    expect(repeatOf(...first, 'RRULE:FREQ=WEEKLY', 'RDATE;TZID=Europe/London:20270301T100000')).toEqual(['RDATE: adds dates outside the repeat rule, which the hub cannot show']);
  });
});

describe('npm run import -- events.ics --group <id>', () => {
  it('adds each event of a group’s calendar, in UK time, with its place, moved and cancelled dates; the cancelled event is left out; again, it changes nothing', () => {
    const content = copyOfContent();
    try {
      const first = runImport(content.root, fixture, '--group', 'march-timebank');
      expect(first.status).toBe(0);
      expect(first.output).toContain('Note: event "Quiz night" at line 64 is cancelled in the calendar, so it is left out');
      expect(first.output).toContain('Added 3, changed 0, unchanged 0, left alone 0 of 3 entries');
      expect(checkContent(content.root).problems.map(formatProblem)).toEqual([]);

      const repair = frontMatter(path.join(content.root, 'events', 'timebank-repair-cafe.md'));
      expect(repair).toMatchObject({
        title: 'Timebank repair cafe', groups: ['march-timebank'], venue: 'march-library', areas: ['march'], starts: '10:00', ends: '12:30',
        repeat: { frequency: 'weekly', until: '2027-06-26' }, cancelled: ['2027-03-27'], moved: [{ from: '2027-04-10', to: '2027-04-11', starts: '14:00', ends: '16:30' }],
        contact: { website: 'https://march-timebank.example.org/repair' }, calendarUid: 'repair-cafe-2027@march-timebank.example.org',
      });
      // 17:00 UTC in June is 18:00 in the UK.
      expect(frontMatter(path.join(content.root, 'events', 'skills-swap-evening.md'))).toMatchObject({
        starts: '18:00', ends: '20:00', repeat: { frequency: 'monthly', monthlyOn: 'weekday', count: 6 },
        address: { line1: 'St Wendreda\'s Church Hall, Church Street', town: 'March', postcode: 'PE15 8AA' },
      });
      expect(frontMatter(path.join(content.root, 'events', 'timebank-summer-fun-day.md'))).toMatchObject({ allDay: true, address: { postcode: 'PE15 8LD' } });

      const afterFirst = filesUnder(content.root);
      const second = runImport(content.root, fixture, '--group', 'march-timebank');
      expect(second.output).toContain('Added 0, changed 0, unchanged 3, left alone 0 of 3 entries');
      expect(filesUnder(content.root)).toEqual(afterFirst);
    } finally {
      content.remove();
    }
  });

  it('finds an event again by its UID when its title changes, and replaces it only with --overwrite', () => {
    const content = copyOfContent();
    try {
      runImport(content.root, fixture, '--group', 'march-timebank');
      const renamed = path.join(content.root, 'renamed.ics');
      fs.writeFileSync(renamed, calendarText.replace('SUMMARY:Skills swap evening', 'SUMMARY:Skills swap night'));
      const kept = runImport(content.root, renamed, '--group', 'march-timebank');
      expect(kept.output).toMatch(/left alone \(differs in title; --overwrite to replace\): .*events\/skills-swap-evening\.md/);
      expect(kept.output).toContain('Added 0, changed 0, unchanged 2, left alone 1 of 3 entries');
      const replaced = runImport(content.root, renamed, '--group', 'march-timebank', '--overwrite');
      expect(replaced.output).toContain('Added 0, changed 1, unchanged 2');
      expect(frontMatter(path.join(content.root, 'events', 'skills-swap-evening.md')).title).toBe('Skills swap night');
    } finally {
      content.remove();
    }
  });

  it('lists every problem of a bad file by line and calendar field, in words, and writes nothing', () => {
    const content = copyOfContent();
    try {
      const bad = path.join(content.root, 'bad.ics');
      fs.writeFileSync(bad, calendarText
        .replace('RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=6', 'RRULE:FREQ=YEARLY;COUNT=6')
        .replace('DTEND;VALUE=DATE:20270718', 'DTEND;VALUE=DATE:20270720')
        .replace('LOCATION:March Library\r\nURL', 'LOCATION:The usual place\r\nURL'));
      const before = filesUnder(content.root);
      const failed = runImport(content.root, bad, '--group', 'march-timebank');
      expect(failed.status).toBe(1);
      const lines = failed.output.split('\n').filter((line) => line.startsWith('event '));
      expect(lines).toEqual([
        'event "Timebank repair cafe" at line 23: LOCATION: "The usual place" is neither a place on the asset map nor an address with a postcode. Use the name of a place on the asset map, or an address like "Church Hall, High Street, March, PE15 8AA"',
        'event "Skills swap evening" at line 45: RRULE: "FREQ=YEARLY;COUNT=6" repeats yearly: the hub repeats events daily, weekly or monthly, so add a yearly event as one event each time',
        'event "Timebank summer fun day" at line 55: DTEND: it lasts from 2027-07-17 to the day before 2027-07-20: the hub shows events within one day. Add an event for each day',
      ]);
      expect(failed.output).toContain('3 problems in');
      expect(failed.output).toContain('nothing was written');
      expect(filesUnder(content.root)).toEqual(before);
    } finally {
      content.remove();
    }
  });

  it('asks whose events they are, and names a group that does not exist', () => {
    const content = copyOfContent();
    try {
      expect(runImport(content.root, fixture).output).toContain('say whose events they are with --group <group id>');
      const unknown = runImport(content.root, fixture, '--group', 'march-timebnak');
      expect(unknown.status).toBe(2);
      expect(unknown.output).toContain('--group march-timebnak: there is no such group');
    } finally {
      content.remove();
    }
  });
});
