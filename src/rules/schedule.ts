/**
 * When a group meets, read from its schedule: whether it is meeting at a moment ("open now") and
 * whether it meets in the coming week, in UK local time (Europe/London, so summer time counts).
 * A session records its day and times and how often it runs, but not which weeks: a fortnightly
 * or monthly session is known to fall on its day of the week, not on a particular date, so it
 * counts for "on a day" and never for "open now" or "this week", which promise a date.
 */
import type { days } from '../schemas/fields';

export type Day = (typeof days)[number];

/** One regular session, as the schemas define it (`session` in src/schemas/fields.ts). */
export interface Session {
  day: Day;
  /** 24-hour "HH:MM". */
  opens: string;
  closes: string;
  frequency: 'weekly' | 'fortnightly' | 'monthly';
}

/** Whether a session runs on a date: known for a weekly one, "unknown" for another on its day, whose weeks are not recorded. */
export type Runs = 'yes' | 'no' | 'unknown';

const ukParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'long',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A moment as a UK clock shows it. */
export interface UkTime {
  day: Day;
  /** 24-hour "HH:MM". */
  time: string;
}

/** A moment as a UK clock shows it: the day of the week and the time; read once per search, as it costs more than the rules. */
export function ukClock(moment: Date): UkTime {
  const part = Object.fromEntries(ukParts.formatToParts(moment).map(({ type, value }) => [type, value]));
  return { day: part.weekday.toLowerCase() as Day, time: `${part.hour}:${part.minute}` };
}

/** Whether a session runs on a day of the week. */
export function runsOn(session: Session, day: Day): Runs {
  if (session.day !== day) return 'no';
  return session.frequency === 'weekly' ? 'yes' : 'unknown';
}

/** Whether any session is known to be running at a UK time: on its day, from its start up to (not including) its end. */
export function isOpenAt(sessions: readonly Session[], { day, time }: UkTime): boolean {
  return sessions.some((session) => runsOn(session, day) === 'yes' && session.opens <= time && time < session.closes);
}

/**
 * Whether any session is known to run in the seven days from a UK time: later today (not yet
 * ended) or on any of the next six days, which a weekly session on another day always does.
 */
export function meetsWithinAWeek(sessions: readonly Session[], { day: today, time }: UkTime): boolean {
  return sessions.some((session) => runsOn(session, session.day) === 'yes' && (session.day !== today || time < session.closes));
}
