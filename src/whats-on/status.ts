/**
 * What's on, on a given day: the windows residents choose from (today, this week, this weekend,
 * the next 30 days), whether an event has happened and whether a volunteering role is still open.
 * Days are UK calendar days at UTC midnight (rules/dates.ts); "now" is always passed in.
 */
import type { Occurrence } from './recurrence';

export const windows = ['today', 'week', 'weekend', 'month'] as const;
export type Window = (typeof windows)[number];

const addDays = (day: Date, n: number) => new Date(day.getTime() + n * 86_400_000);

/** The first and last day of a window, from today: the week runs to Sunday, the weekend is the coming Saturday and Sunday (or what is left of it). */
export function windowDays(window: Window, today: Date): { first: Date; last: Date } {
  const weekday = (today.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  switch (window) {
    case 'today':
      return { first: today, last: today };
    case 'week':
      return { first: today, last: addDays(today, 6 - weekday) };
    case 'weekend':
      return { first: weekday >= 5 ? today : addDays(today, 5 - weekday), last: addDays(today, 6 - weekday) };
    case 'month':
      return { first: today, last: addDays(today, 30) };
  }
}

/** The first occurrence (of those still to come) that falls within the days, if any. */
export function firstWithin(occurrences: Occurrence[], { first, last }: { first: Date; last: Date }): Occurrence | undefined {
  return occurrences.find((occurrence) => occurrence.day >= first && occurrence.day <= last);
}

/** A role takes applications until the end of its closing day; without one it is always open. */
export function roleIsOpen(role: { closes?: Date }, today: Date): boolean {
  return !role.closes || role.closes >= today;
}
