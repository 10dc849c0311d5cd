/**
 * A group's own calendar file (iCalendar, RFC 5545, as Google Calendar, Outlook and most booking
 * sites export it) → event entries for `npm run import -- events.ics --group <id>`. Read with ical.js;
 * each event's UID is kept (`calendarUid`), so the same file imported again finds the same entries
 * and changes nothing. Only what the event schema can say is taken: a repeat the plain repeat fields
 * cannot hold, an event over several days or one with no place is refused in words, naming the line
 * and the calendar field, and then nothing is written. Pure: the script reads and writes the files.
 */
import ICAL from 'ical.js';
import { slugFrom, summaryOf } from '../moderation/entries';
import { londonTimezoneId } from '../whats-on/recurrence';
import type { ImportProblem } from './messages';
import type { ImportedEntry } from './rows';

/** What the content already has that a calendar's events are placed on. */
export interface CalendarOurs {
  /** The group whose calendar it is, with the areas it serves (an event's areas when its place says none). */
  group: { id: string; areas: string[] };
  /** Places on the asset map: a LOCATION naming one becomes the event's venue. */
  assets: { id: string; name: string; area?: string }[];
  areas: { id: string; name: string }[];
  /** Events in the content: ids taken, and which calendar UID each came from. */
  events: { id: string; calendarUid?: string }[];
}

export interface CalendarImport {
  entries: ImportedEntry[];
  problems: ImportProblem[];
  /** Events left out on purpose (cancelled in the calendar), said once each. */
  notices: string[];
}

/** The file is not an iCalendar file at all: said in one sentence. */
export class CalendarError extends Error {}

/** Where each event field comes from in the calendar, so a problem names what the person can see. */
const fieldNames: Record<string, string> = {
  title: 'SUMMARY',
  summary: 'DESCRIPTION',
  groups: '--group',
  venue: 'LOCATION',
  address: 'LOCATION',
  areas: 'LOCATION',
  date: 'DTSTART',
  allDay: 'DTSTART',
  starts: 'DTSTART',
  ends: 'DTEND',
  repeat: 'RRULE',
  cancelled: 'EXDATE',
  moved: 'RECURRENCE-ID',
  contact: 'URL',
  calendarUid: 'UID',
};

const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const weekdayCodes = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const ukPostcode = /\b([A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})\b/i;
const twoDigits = (n: number) => String(n).padStart(2, '0');
const key = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');

/** A calendar time as a UK day and (unless it is a date) a UK wall-clock time; a floating time is taken as UK time already. */
function ukTime(time: ICAL.Time): { day: string; time?: string } {
  let local = time;
  if (!time.isDate && time.zone && time.zone !== ICAL.Timezone.localTimezone) {
    local = time.convertToZone(ICAL.TimezoneService.get(londonTimezoneId)!);
  }
  const day = `${local.year}-${twoDigits(local.month)}-${twoDigits(local.day)}`;
  return time.isDate ? { day } : { day, time: `${twoDigits(local.hour)}:${twoDigits(local.minute)}` };
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The line each VEVENT begins on, in the order ical.js reads them. */
function eventLines(text: string): number[] {
  return text.split(/\r?\n/).flatMap((line, index) => (/^BEGIN:VEVENT\s*$/i.test(line) ? [index + 1] : []));
}

/** The nth such weekday of its month (1 to 5), and whether it is the last. */
function weekdayPosition(day: string): { nth: number; last: boolean; code: string } {
  const date = new Date(`${day}T00:00:00Z`);
  const last = new Date(date.getTime() + 7 * 86_400_000).getUTCMonth() !== date.getUTCMonth();
  return { nth: Math.ceil(date.getUTCDate() / 7), last, code: weekdayCodes[date.getUTCDay()]! };
}

/** The RRULE as the event schema's plain repeat fields, or the reason it cannot be one. */
function repeatOf(rule: ICAL.Recur, first: string): { repeat: Record<string, unknown> } | { problem: string } {
  const parts = rule.parts as Record<string, (string | number)[] | undefined>;
  const allowed = new Set(['BYDAY', 'BYMONTHDAY']);
  const other = Object.keys(parts).filter((part) => !allowed.has(part) && parts[part]?.length);
  const written = rule.toString();
  if (other.length) return { problem: `"${written}" uses ${other.join(', ')}, which the hub's repeat fields cannot hold. Make it a simpler rule (daily, weekly on some days, or monthly on a date or a weekday), or add those dates as events of their own` };
  const interval = rule.interval || 1;
  if (interval > 52) return { problem: `"${written}" repeats every ${interval}: the hub repeats every 1 to 52 days, weeks or months` };
  const byDay = (parts.BYDAY ?? []).map(String);
  const byMonthDay = (parts.BYMONTHDAY ?? []).map(Number);
  const repeat: Record<string, unknown> = {};
  const position = weekdayPosition(first);
  if (rule.freq === 'DAILY') {
    if (byMonthDay.length) return { problem: `"${written}" repeats daily on dates of the month, which the hub cannot show` };
    if (byDay.length) {
      // "Every weekday" is the same as weekly on those days.
      if (interval !== 1 || byDay.some((day) => !/^(MO|TU|WE|TH|FR|SA|SU)$/.test(day))) return { problem: `"${written}" repeats daily on some days, which the hub can only show as weekly on those days: write it as FREQ=WEEKLY;BYDAY=…` };
      Object.assign(repeat, { frequency: 'weekly', weekdays: byDay.map((day) => weekdays[weekdayCodes.indexOf(day)]) });
    } else repeat.frequency = 'daily';
  } else if (rule.freq === 'WEEKLY') {
    if (byMonthDay.length) return { problem: `"${written}" repeats weekly on dates of the month, which the hub cannot show` };
    if (byDay.some((day) => !/^(MO|TU|WE|TH|FR|SA|SU)$/.test(day))) return { problem: `"${written}" has numbered weekdays in a weekly rule, which the hub cannot show` };
    repeat.frequency = 'weekly';
    if (byDay.length) {
      if (!byDay.includes(position.code)) return { problem: `"${written}" does not repeat on the weekday of its first date (${first}): start it on one of its days` };
      // The day of the first date alone is what an empty list means.
      if (!(byDay.length === 1 && byDay[0] === position.code)) repeat.weekdays = byDay.map((day) => weekdays[weekdayCodes.indexOf(day)]);
    }
  } else if (rule.freq === 'MONTHLY') {
    repeat.frequency = 'monthly';
    if (byDay.length && byMonthDay.length) return { problem: `"${written}" names both dates and weekdays of the month, which the hub cannot show` };
    if (byMonthDay.length) {
      if (byMonthDay.length > 1 || byMonthDay[0] !== Number(first.slice(8, 10))) return { problem: `"${written}" must repeat on the date of its first day (${first}) alone: the hub repeats monthly on one date` };
      repeat.monthlyOn = 'date';
    } else if (byDay.length) {
      const match = /^(-?\d)(MO|TU|WE|TH|FR|SA|SU)$/.exec(byDay[0]!);
      if (byDay.length > 1 || !match || match[2] !== position.code) return { problem: `"${written}" must repeat on the weekday of its first date (${first}), once a month: the hub repeats monthly on one weekday` };
      const nth = Number(match[1]);
      if (nth === -1 && position.last) repeat.monthlyOn = 'last-weekday';
      else if (nth === position.nth && nth < 5) repeat.monthlyOn = 'weekday';
      else return { problem: `"${written}" does not fall on its first date (${first}), which is the ${position.last ? 'last' : `number ${position.nth}`} ${weekdays[weekdayCodes.indexOf(position.code)]} of its month` };
    } else repeat.monthlyOn = 'date';
  } else return { problem: `"${written}" repeats ${String(rule.freq).toLowerCase()}: the hub repeats events daily, weekly or monthly, so add a ${String(rule.freq).toLowerCase()} event as one event each time` };
  if (interval > 1) repeat.interval = interval;
  if (rule.count && rule.until) return { problem: `"${written}" has both COUNT and UNTIL: give one or the other` };
  if (rule.count) {
    if (rule.count > 500) return { problem: `"${written}" happens ${rule.count} times: at most 500` };
    repeat.count = rule.count;
  }
  if (rule.until) {
    // UNTIL may be the moment after the last day ends (as the hub writes it): the day of the second before.
    const until = rule.until.isDate ? ukTime(rule.until).day : ukTime(ICAL.Time.fromJSDate(new Date(rule.until.toJSDate().getTime() - 1000), true)).day;
    repeat.until = until;
  }
  return { repeat };
}

/** A place on the asset map named by LOCATION, or an address with a postcode in it, and the areas it is in. */
function placeOf(location: string, ours: CalendarOurs): { venue?: string; address?: Record<string, string>; areas: string[] } | undefined {
  const parts = location.split(/\s*,\s*|\n/).map((part) => part.trim()).filter(Boolean);
  const asset = ours.assets.find((candidate) => key(location) === key(candidate.name) || key(parts[0] ?? '') === key(candidate.name));
  const areasNamed = ours.areas.filter((area) => parts.some((part) => key(part.replace(ukPostcode, '')) === key(area.name))).map((area) => area.id);
  if (asset) return { venue: asset.id, areas: asset.area ? [asset.area] : areasNamed.length ? areasNamed : ours.group.areas };
  const postcode = ukPostcode.exec(location)?.[1];
  if (!postcode) return undefined;
  const withoutPostcode = parts.map((part) => part.replace(ukPostcode, '').trim()).filter(Boolean);
  const town = ours.areas.find((area) => withoutPostcode.some((part) => key(part) === key(area.name)))?.name ?? withoutPostcode.at(-1);
  const line1 = withoutPostcode.filter((part) => part !== town).join(', ');
  if (!line1 || !town) return undefined;
  return { address: { line1, town, postcode: postcode.toUpperCase().replace(/^(.+?)\s?(\d[A-Z]{2})$/, '$1 $2') }, areas: areasNamed.length ? areasNamed : ours.group.areas };
}

const textOf = (component: ICAL.Component, name: string) => {
  const value = component.getFirstPropertyValue(name);
  return typeof value === 'string' ? value.trim() : '';
};

/**
 * The events of a calendar file as entries for the events collection, with every problem found: the
 * plan (src/import/plan.ts) then checks them against the schema and the content, as for a spreadsheet.
 */
export function entriesFromCalendar(text: string, ours: CalendarOurs): CalendarImport {
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (error) {
    throw new CalendarError(`cannot be read as an iCalendar file: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (calendar.name !== 'vcalendar') throw new CalendarError('is not an iCalendar file: it does not begin with BEGIN:VCALENDAR');
  for (const zone of calendar.getAllSubcomponents('vtimezone')) {
    const id = textOf(zone, 'tzid');
    if (id && !ICAL.TimezoneService.has(id)) ICAL.TimezoneService.register(new ICAL.Timezone(zone), id);
  }
  const lines = eventLines(text);
  const components = calendar.getAllSubcomponents('vevent').map((component, index) => ({ component, line: lines[index] ?? 0 }));
  const result: CalendarImport = { entries: [], problems: [], notices: [] };
  const byUid = new Map<string, { master?: (typeof components)[number]; exceptions: (typeof components)[number][] }>();
  for (const item of components) {
    const uid = textOf(item.component, 'uid');
    const title = textOf(item.component, 'summary') || '(no title)';
    if (!uid) {
      result.problems.push({ row: item.line, record: `event "${title}" at line ${item.line}`, column: 'UID', message: 'is missing: every event in a calendar file needs one (RFC 5545)', hint: 'Export the calendar again from the program that keeps it' });
      continue;
    }
    const group = byUid.get(uid) ?? { exceptions: [] };
    if (item.component.hasProperty('recurrence-id')) group.exceptions.push(item);
    else if (group.master) result.problems.push({ row: item.line, record: `event "${title}" at line ${item.line}`, column: 'UID', message: `"${uid}" is also the UID of the event at line ${group.master.line}` });
    else group.master = item;
    byUid.set(uid, group);
  }
  const taken = new Set(ours.events.map((event) => event.id));
  const byCalendarUid = new Map(ours.events.filter((event) => event.calendarUid).map((event) => [event.calendarUid!, event.id]));

  for (const [uid, { master, exceptions }] of byUid) {
    if (!master) {
      const first = exceptions[0]!;
      result.problems.push({ row: first.line, record: `event "${textOf(first.component, 'summary')}" at line ${first.line}`, column: 'RECURRENCE-ID', message: `changes one date of the event "${uid}", which is not in the file`, hint: 'Export the whole calendar, not one changed date' });
      continue;
    }
    const { component, line } = master;
    const title = textOf(component, 'summary');
    const record = `event "${title || '(no title)'}" at line ${line}`;
    const problem = (column: string, message: string, hint?: string) => result.problems.push({ row: line, record, column, message, hint });
    if (textOf(component, 'status').toUpperCase() === 'CANCELLED') {
      result.notices.push(`${record} is cancelled in the calendar, so it is left out`);
      continue;
    }
    const event = new ICAL.Event(component);
    const start = event.startDate ? ukTime(event.startDate) : undefined;
    if (!start) {
      problem('DTSTART', 'is missing: the hub needs the day it happens');
      continue;
    }
    // No kind, cost or booking: a calendar does not say them, so an entry imported again keeps what an editor set.
    const data: Record<string, unknown> = { title, summary: '', groups: [ours.group.id] };
    const description = textOf(component, 'description').replace(/\r\n?/g, '\n');
    if (description) data.summary = summaryOf(description);
    else problem('DESCRIPTION', 'is missing: the hub needs one or two sentences saying what it is and for whom (10 to 300 characters)', 'Add a description to the event in your calendar');
    const body = description && description.replace(/\s+/g, ' ').trim() !== data.summary ? description : '';

    const location = textOf(component, 'location');
    const place = location ? placeOf(location, ours) : undefined;
    if (!place) {
      problem('LOCATION', location ? `"${location}" is neither a place on the asset map nor an address with a postcode` : 'is missing: the hub needs where it happens', 'Use the name of a place on the asset map, or an address like "Church Hall, High Street, March, PE15 8AA"');
    } else {
      if (place.venue) data.venue = place.venue;
      if (place.address) data.address = place.address;
      data.areas = place.areas;
    }

    data.date = start.day;
    const end = event.endDate ? ukTime(event.endDate) : undefined;
    if (event.startDate.isDate) {
      data.allDay = true;
      if (end && end.day > nextDay(start.day)) problem('DTEND', `it lasts from ${start.day} to the day before ${end.day}: the hub shows events within one day`, 'Add an event for each day');
    } else {
      data.starts = start.time;
      if (!end || !end.time || end.time === start.time) problem('DTEND', 'is missing or the same as the start: the hub needs an end time');
      else if (end.day !== start.day) problem('DTEND', `it ends on another day (${end.day}) than it starts (${start.day}): the hub shows events within one day`, 'Add an event for each day');
      else data.ends = end.time;
    }

    const rules = component.getAllProperties('rrule');
    if (rules.length > 1) problem('RRULE', 'appears more than once: the hub repeats an event by one rule');
    else if (rules.length === 1) {
      const read = repeatOf(rules[0]!.getFirstValue() as ICAL.Recur, start.day);
      if ('problem' in read) problem('RRULE', read.problem);
      else data.repeat = read.repeat;
    }
    if (component.hasProperty('rdate')) problem('RDATE', 'adds dates outside the repeat rule, which the hub cannot show', 'Add those dates as events of their own');

    const cancelled = component.getAllProperties('exdate').flatMap((property) => property.getValues() as ICAL.Time[]).map((time) => ukTime(time).day);
    const moved: Record<string, unknown>[] = [];
    for (const exception of exceptions) {
      const from = ukTime(exception.component.getFirstPropertyValue('recurrence-id') as ICAL.Time).day;
      if (textOf(exception.component, 'status').toUpperCase() === 'CANCELLED') {
        cancelled.push(from);
        continue;
      }
      const changed = new ICAL.Event(exception.component);
      const to = ukTime(changed.startDate);
      const ends = changed.endDate ? ukTime(changed.endDate) : undefined;
      moved.push({
        from,
        to: to.day,
        ...(to.time && to.time !== data.starts ? { starts: to.time } : {}),
        ...(ends?.time && ends.time !== data.ends ? { ends: ends.time } : {}),
      });
    }
    if (cancelled.length) data.cancelled = [...new Set(cancelled)].sort();
    if (moved.length) data.moved = moved.sort((a, b) => String(a.from).localeCompare(String(b.from)));
    if ((cancelled.length || moved.length) && !data.repeat && !rules.length) problem(cancelled.length ? 'EXDATE' : 'RECURRENCE-ID', 'changes dates of an event that does not repeat');

    const url = textOf(component, 'url');
    if (url) {
      if (URL.canParse(url) && /^https?:$/.test(new URL(url).protocol)) data.contact = { website: url };
      else problem('URL', `"${url}" is not a web address starting https://`);
    }
    data.calendarUid = uid;

    const id = byCalendarUid.get(uid) ?? freeId(slugFrom(title || uid), taken);
    taken.add(id);
    result.entries.push({ row: line, record, kind: 'events', id, data, body, fieldNames, keeps: ['editorNote', 'audiences', 'accessibility', 'funds', 'cost', 'booking', 'forWhom', 'places', 'kind'] });
  }
  return result;
}

/** `slug`, or `slug-2`, `slug-3`… when the id is taken. */
function freeId(slug: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? slug : `${slug}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
