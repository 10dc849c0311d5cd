/**
 * What's on in search: an event or course is found until its last date has ended, with its next
 * date and the date filters it falls in (today, this week, this weekend, the next 30 days, as on
 * /whats-on/); a volunteering role until the end of its closing day. All of it is worked out per
 * search from the moment passed in (the one clock), never from the build's day.
 *
 * Reading dates out of a repeat rule is the costly part, so each event's dates from the start of a UK
 * day onwards are read once that day and kept for its document (src/whats-on/upcoming.ts); a search
 * then only picks out, from those few, the ones that have not yet ended.
 */
import { ukToday } from '../rules/dates';
import { type Occurrence, londonMoment, scheduleComponents } from '../whats-on/recurrence';
import { upcomingReader } from '../whats-on/upcoming';
import { type Window, firstWithin, roleIsOpen, windowDays, windows } from '../whats-on/status';
import type { SearchDocument } from './text-search';

const reader = upcomingReader<SearchDocument>();
/** An event's dates after `now`, enough for every window, kept per document and UK day. */
const datesFrom = (document: SearchDocument, now: Date) => reader(document, () => scheduleComponents(document.schedule!, document.schedule!.uid), now);

export interface WhatsOnNow {
  /** The next date not yet ended (one under way counts). */
  next: Occurrence;
  /** The windows it has a date in. */
  windows: Window[];
}

/**
 * Whether search still offers a document at `now`: anything but an event or a role always; an event
 * with its next date and windows while one is to come; a role while it is open. Undefined once gone.
 */
export function stillOn(document: SearchDocument, now: Date, today = ukToday(now)): WhatsOnNow | true | undefined {
  if (document.closes) return roleIsOpen({ closes: document.closes }, today) ? true : undefined;
  if (!document.schedule) return true;
  const dates = datesFrom(document, now);
  const next = dates[0];
  if (!next) return undefined;
  return { next, windows: windows.filter((window) => firstWithin(dates, windowDays(window, today))) };
}

/**
 * Reads today's dates of every event before the first search needs them, a batch at a time with a
 * pause between, so a server warming a newly published release keeps answering meanwhile (with
 * thousands of events the first search of a day would otherwise read them all in one go).
 */
export async function prepareDates(documents: readonly SearchDocument[], now: Date, batch = 100): Promise<void> {
  const today = ukToday(now);
  const events = documents.filter((document) => document.schedule);
  for (let start = 0; start < events.length; start += batch) {
    for (const document of events.slice(start, start + batch)) datesFrom(document, londonMoment(today));
    await new Promise((resolve) => setImmediate(resolve));
  }
}
