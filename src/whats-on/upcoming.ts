/**
 * An event's dates still to come, kept per UK day: reading dates out of a repeat rule is the costly
 * part, so each event's dates from the start of a day are read once that day, and each request then
 * picks out, from those few, the ones that have not yet ended at its moment. Pure: the caller keeps
 * the reader (one per server) and says which event it is by a key of its choosing.
 */
import type ICAL from 'ical.js';
import { ukToday } from '../rules/dates';
import { type Occurrence, londonMoment, occurrencesOf } from './recurrence';

/** Enough dates to cover the longest window (31 days) of an event on every day, and the next beyond it. */
export const datesKept = 40;

/** Reads an event's dates after `now` (one under way counts), at most `limit`, from what was kept for its key today. */
export type UpcomingReader<K> = (key: K, components: () => ICAL.Component[], now: Date, limit?: number) => Occurrence[];

export function upcomingReader<K>(): UpcomingReader<K> {
  const parts = new Map<K, ICAL.Component[]>();
  const kept = new Map<K, { day: number; dates: Occurrence[] }>();
  return (key, components, now, limit = datesKept) => {
    let found = parts.get(key);
    if (!found) parts.set(key, (found = components()));
    if (limit > datesKept) return occurrencesOf(found, { after: now, limit });
    const today = ukToday(now);
    let day = kept.get(key);
    if (day?.day !== today.getTime()) kept.set(key, (day = { day: today.getTime(), dates: occurrencesOf(found, { after: londonMoment(today), limit: datesKept }) }));
    const dates = day.dates.filter((date) => date.end > now);
    // Fewer left than asked for, of a full day's worth (an event many times a day): read on from now.
    if (dates.length < limit && day.dates.length === datesKept) return occurrencesOf(found, { after: now, limit });
    return dates.slice(0, limit);
  };
}
