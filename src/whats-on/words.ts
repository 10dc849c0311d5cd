/** An event's dates and times in words, as GOV.UK writes them: "Tuesday 9 December 2026, 10am to 11am". */
import type { Translate } from '../i18n';
import { formatDayWithWeekday, formatTime } from '../rules/dates';
import type { Occurrence } from './recurrence';

/** "10am to 11am", or "All day". */
export function timeRange(occurrence: Pick<Occurrence, 'starts' | 'ends'>, t: Translate): string {
  return occurrence.starts && occurrence.ends ? t('whatsOn.timeRange', { from: formatTime(occurrence.starts), to: formatTime(occurrence.ends) }) : t('whatsOn.allDay');
}

/** "Tuesday 9 December 2026, 10am to 11am". */
export function dayAndTime(occurrence: Occurrence, t: Translate): string {
  return `${formatDayWithWeekday(occurrence.day)}, ${timeRange(occurrence, t)}`;
}

/** "2027-03-18T09:30:00+00:00": the wall-clock time with the UK's offset that day, for schema.org and <time>. */
export function localIso(occurrence: Occurrence, edge: 'start' | 'end'): string {
  const moment = occurrence[edge];
  const clock = edge === 'start' ? occurrence.starts : occurrence.ends;
  if (!clock) return (edge === 'start' ? occurrence.day : new Date(occurrence.day.getTime() + 86_400_000)).toISOString().slice(0, 10);
  const day = edge === 'end' && clock <= (occurrence.starts ?? '') ? new Date(occurrence.day.getTime() + 86_400_000) : occurrence.day;
  const wall = Date.parse(`${day.toISOString().slice(0, 10)}T${clock}:00Z`);
  const offset = Math.round((wall - moment.getTime()) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${day.toISOString().slice(0, 10)}T${clock}:00${sign}${hours}:${minutes}`;
}
