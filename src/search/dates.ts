/**
 * What's on in search: an event or course is found until its last date has ended, with its next
 * date and the date filters it falls in (today, this week, this weekend, the next 30 days, as on
 * /whats-on/); a volunteering role until the end of its closing day. All of it is worked out per
 * search from the moment passed in (the one clock), never from the build's day.
 *
 * Reading dates out of a repeat rule is the costly part, so each event's dates from the start of a UK
 * day onwards are read once that day and kept beside the document; a search then only picks out,
 * from those few, the ones that have not yet ended.
 */
import type ICAL from 'ical.js';
import { ukToday } from '../rules/dates';
import { type Occurrence, londonMoment, occurrencesOf, scheduleComponents } from '../whats-on/recurrence';
import { type Window, firstWithin, roleIsOpen, windowDays, windows } from '../whats-on/status';
import type { SearchDocument } from './text-search';

/** Enough dates to cover the longest window (31 days) of an event on every day, and the next beyond it. */
const datesKept = 40;

const components = new WeakMap<SearchDocument, ICAL.Component[]>();
const kept = new WeakMap<SearchDocument, { day: number; dates: Occurrence[] }>();

/** An event's dates that end after the start of `today`, read once per document and day. */
function datesFrom(document: SearchDocument, today: Date): Occurrence[] {
  const known = kept.get(document);
  if (known?.day === today.getTime()) return known.dates;
  let parts = components.get(document);
  if (!parts) components.set(document, (parts = scheduleComponents(document.schedule!, document.schedule!.uid)));
  const dates = occurrencesOf(parts, { after: londonMoment(today), limit: datesKept });
  kept.set(document, { day: today.getTime(), dates });
  return dates;
}

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
  let dates = datesFrom(document, today).filter((date) => date.end > now);
  // Every date kept has ended already today (an event many times a day): read on from now.
  if (dates.length === 0 && kept.get(document)!.dates.length === datesKept) dates = occurrencesOf(components.get(document)!, { after: now, limit: datesKept });
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
    for (const document of events.slice(start, start + batch)) datesFrom(document, today);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
