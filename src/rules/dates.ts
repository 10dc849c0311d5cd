/**
 * Dates in content are calendar days, parsed as UTC midnight. "Today" is the calendar
 * day in the UK, turned into the same form, so the two compare cleanly.
 */
import { currentTime } from './clock';

const ukDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The UK calendar day of a moment, as UTC midnight. */
export function ukToday(now: Date = currentTime()): Date {
  return new Date(`${ukDay.format(now)}T00:00:00Z`);
}

/** Whole days from one calendar day to another (negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / 86_400_000);
}

const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "23 November 2026", the GOV.UK style. */
export function formatDate(date: Date): string {
  return longDate.format(date);
}

/** "2026-11-23", for `<time datetime>`. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** "14:00" → "2pm", "09:30" → "9:30am", "12:00" → "midday", "00:00" → "midnight": GOV.UK's style for times. */
export function formatTime(time: string): string {
  const [hours, minutes] = time.split(':').map(Number);
  if (minutes === 0 && hours === 12) return 'midday';
  if (minutes === 0 && (hours === 0 || hours === 24)) return 'midnight';
  const hour = hours % 12 === 0 ? 12 : hours % 12;
  return `${hour}${minutes === 0 ? '' : `:${String(minutes).padStart(2, '0')}`}${hours < 12 ? 'am' : 'pm'}`;
}

const weekdayDate = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "Tuesday 9 December 2026", for the dates of events. */
export function formatDayWithWeekday(date: Date): string {
  return weekdayDate.format(date).replace(',', '');
}
