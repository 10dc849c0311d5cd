/**
 * When an event happens. An event's plain fields (a first date, times or all day, how it repeats,
 * cancelled and moved dates) become iCalendar components (RFC 5545: DTSTART, RRULE, EXDATE and a
 * RECURRENCE-ID for each moved date), and its dates are read back from those same components by
 * ical.js, so the page, the .ics file and the feeds can never disagree. Times are wall-clock times in
 * Europe/London, right across the clock changes. Pure: no store, no request, no Astro.
 */
import ICAL from 'ical.js';

/** The days as iCalendar writes them, Monday first. */
const weekdayCodes = { monday: 'MO', tuesday: 'TU', wednesday: 'WE', thursday: 'TH', friday: 'FR', saturday: 'SA', sunday: 'SU' } as const;
type Weekday = keyof typeof weekdayCodes;

export interface Repeat {
  frequency: 'daily' | 'weekly' | 'monthly';
  /** Every how many days, weeks or months; 1 when left out. */
  interval?: number;
  weekdays: Weekday[];
  /** The same date each month when left out. */
  monthlyOn?: 'date' | 'weekday' | 'last-weekday';
  until?: Date;
  count?: number;
}

/** What an event's content says about when it happens (dates are calendar days at UTC midnight, as content dates are). */
export interface Schedule {
  date: Date;
  allDay: boolean;
  starts?: string;
  ends?: string;
  repeat?: Repeat;
  cancelled: Date[];
  moved: { from: Date; to: Date; starts?: string; ends?: string }[];
}

/** One time an event happens. */
export interface Occurrence {
  /** The UK calendar day, at UTC midnight like content dates. */
  day: Date;
  /** Wall-clock times in the UK, "09:30"; none when all day. */
  starts?: string;
  ends?: string;
  /** The moments it starts and ends. */
  start: Date;
  end: Date;
  /** Moved from another day or time. */
  moved: boolean;
}

export const londonTimezoneId = 'Europe/London';

/** Europe/London's rules since 1996 (BST from the last Sunday of March to the last Sunday of October), as calendar files carry them. */
export const londonTimezone = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/London',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19810329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19961027T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/** The VTIMEZONE component, registered with ical.js once so TZID=Europe/London resolves. */
export const londonComponent = new ICAL.Component(ICAL.parse(londonTimezone) as unknown[]);
const london = new ICAL.Timezone(londonComponent);
if (!ICAL.TimezoneService.has(londonTimezoneId)) ICAL.TimezoneService.register(london, londonTimezoneId);

const dayParts = (day: Date) => ({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() });
const timeParts = (time: string) => ({ hour: Number(time.slice(0, 2)), minute: Number(time.slice(3, 5)) });
const twoDigits = (n: number) => String(n).padStart(2, '0');

/** A day (and, unless all day, a London time) as an ical.js time. */
function icalTime(day: Date, time?: string): ICAL.Time {
  if (time === undefined) return ICAL.Time.fromData({ ...dayParts(day), isDate: true });
  return ICAL.Time.fromData({ ...dayParts(day), ...timeParts(time), second: 0 }, london);
}

/** The moment a London wall-clock time on a day begins. */
export function londonMoment(day: Date, time = '00:00'): Date {
  return new Date(ICAL.Time.fromData({ ...dayParts(day), ...timeParts(time), second: 0 }, london).toUnixTime() * 1000);
}

const nextDay = (day: Date) => new Date(day.getTime() + 86_400_000);

/** The nth weekday of the month a day falls on: 1 to 4, or -1 for the last (a fifth is always the last). */
function weekdayPosition(day: Date, last: boolean): number {
  if (last) return -1;
  const nth = Math.ceil(day.getUTCDate() / 7);
  return nth === 5 ? -1 : nth;
}
const weekdayCode = (day: Date) => Object.values(weekdayCodes)[(day.getUTCDay() + 6) % 7];

/** The RRULE value for a repeat starting on `first`, e.g. "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU". */
export function recurrenceRule(repeat: Repeat, first: Date, allDay: boolean): string {
  const parts = [`FREQ=${repeat.frequency.toUpperCase()}`];
  if (repeat.interval && repeat.interval > 1) parts.push(`INTERVAL=${repeat.interval}`);
  if (repeat.frequency === 'weekly' && repeat.weekdays.length) parts.push(`BYDAY=${repeat.weekdays.map((day) => weekdayCodes[day]).join(',')}`);
  if (repeat.frequency === 'monthly') {
    if (!repeat.monthlyOn || repeat.monthlyOn === 'date') parts.push(`BYMONTHDAY=${first.getUTCDate()}`);
    else parts.push(`BYDAY=${weekdayPosition(first, repeat.monthlyOn === 'last-weekday')}${weekdayCode(first)}`);
  }
  if (repeat.count) parts.push(`COUNT=${repeat.count}`);
  if (repeat.until) {
    const { year, month, day } = dayParts(repeat.until);
    // With a time zone on DTSTART, UNTIL is in UTC (RFC 5545 §3.3.10): the end of that UK day.
    parts.push(
      allDay
        ? `UNTIL=${year}${twoDigits(month)}${twoDigits(day)}`
        : `UNTIL=${londonMoment(nextDay(repeat.until)).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '').replace(/Z$/, '')}Z`,
    );
  }
  return parts.join(';');
}

/** Sets a DATE or DATE-TIME property, with its TZID when it has a time. */
function setTime(component: ICAL.Component, name: string, value: ICAL.Time, add = false): void {
  const property = add ? component.addPropertyWithValue(name, value) : component.updatePropertyWithValue(name, value);
  if (!value.isDate) property.setParameter('tzid', londonTimezoneId);
}

/**
 * The VEVENTs for a schedule: the event itself (with its RRULE and EXDATEs when it repeats) and one
 * per moved date. Only the timing; calendar.ts adds what it is and where.
 */
export function scheduleComponents(schedule: Schedule, uid: string): ICAL.Component[] {
  const startTime = schedule.allDay ? undefined : schedule.starts;
  const endTime = schedule.allDay ? undefined : schedule.ends;
  const event = new ICAL.Component('vevent');
  event.updatePropertyWithValue('uid', uid);
  setTime(event, 'dtstart', icalTime(schedule.date, startTime));
  // An all-day event ends at the start of the next day, which is not included (RFC 5545 §3.6.1).
  setTime(event, 'dtend', schedule.allDay ? icalTime(nextDay(schedule.date)) : icalTime(schedule.date, endTime));
  if (!schedule.repeat) return [event];
  event.updatePropertyWithValue('rrule', ICAL.Recur.fromString(recurrenceRule(schedule.repeat, schedule.date, schedule.allDay)));
  for (const day of schedule.cancelled) setTime(event, 'exdate', icalTime(day, startTime), true);
  const moves = schedule.moved.map((move) => {
    const moved = new ICAL.Component('vevent');
    moved.updatePropertyWithValue('uid', uid);
    setTime(moved, 'recurrence-id', icalTime(move.from, startTime));
    setTime(moved, 'dtstart', icalTime(move.to, schedule.allDay ? undefined : (move.starts ?? startTime)));
    setTime(moved, 'dtend', schedule.allDay ? icalTime(nextDay(move.to)) : icalTime(move.to, move.ends ?? endTime));
    return moved;
  });
  return [event, ...moves];
}

const asDay = (time: ICAL.Time) => new Date(Date.UTC(time.year, time.month - 1, time.day));
const asClock = (time: ICAL.Time) => `${twoDigits(time.hour)}:${twoDigits(time.minute)}`;
const asMoment = (time: ICAL.Time) => (time.isDate ? londonMoment(asDay(time)) : new Date(time.toUnixTime() * 1000));

/** At most this many dates are read from a rule per call, so an endless daily rule stays cheap. */
const stepLimit = 2000;

/**
 * The times an event happens, in order, ending after `after` (so one under way counts), up to `limit`
 * of them, read from its calendar components: the master VEVENT and its moved dates.
 */
export function occurrencesOf(components: ICAL.Component[], { after = new Date(0), limit = 10 } = {}): Occurrence[] {
  const [master, ...exceptions] = components;
  const event = new ICAL.Event(master, { exceptions });
  const found: Occurrence[] = [];
  const iterator = event.iterator();
  // A moved date can move later than the next ones, so read a little further than asked, then sort.
  let steps = 0;
  let moves = 0;
  for (let next = iterator.next(); next && steps < stepLimit && found.length < limit + moves; next = iterator.next(), steps++) {
    const details = event.getOccurrenceDetails(next);
    const isMoved = details.item !== event;
    if (isMoved) moves++;
    const end = asMoment(details.endDate);
    if (end <= after) continue;
    found.push({
      day: asDay(details.startDate),
      ...(details.startDate.isDate ? {} : { starts: asClock(details.startDate), ends: asClock(details.endDate) }),
      start: asMoment(details.startDate),
      end,
      moved: isMoved,
    });
    if (!event.isRecurring()) break;
  }
  return found.sort((a, b) => a.start.getTime() - b.start.getTime()).slice(0, limit);
}

const isoDay = (day: Date) => day.toISOString().slice(0, 10);

/**
 * Cancelled and moved dates that are not dates the event would happen on, for the schema to
 * name: a typo there would otherwise be quietly ignored by every calendar.
 */
export function occurrenceProblems(schedule: Schedule): { path: (string | number)[]; message: string }[] {
  if (!schedule.repeat || (!schedule.cancelled.length && !schedule.moved.length)) return [];
  const plain = { ...schedule, cancelled: [], moved: [] };
  const wanted = [...schedule.cancelled, ...schedule.moved.map((move) => move.from)];
  const last = new Date(Math.max(...wanted.map((day) => day.getTime())));
  const due = new Set<string>();
  const components = scheduleComponents(plain, 'check');
  const event = new ICAL.Event(components[0]);
  const iterator = event.iterator();
  for (let next = iterator.next(), steps = 0; next && steps < stepLimit; next = iterator.next(), steps++) {
    const day = asDay(next);
    if (day > last) break;
    due.add(isoDay(day));
  }
  const notDue = (day: Date) => `${isoDay(day)} is not a day this event is due to happen`;
  return [
    ...schedule.cancelled.flatMap((day, index) => (due.has(isoDay(day)) ? [] : [{ path: ['cancelled', index], message: notDue(day) }])),
    ...schedule.moved.flatMap((move, index) => (due.has(isoDay(move.from)) ? [] : [{ path: ['moved', index, 'from'], message: notDue(move.from) }])),
  ];
}
