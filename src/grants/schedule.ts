/**
 * After the award, pure: when a funded project reports (its fund's schedule of progress reports until
 * the project ends, then a final report), when each report's link and reminder are emailed, and
 * whether an offer or a report is due or overdue on a day, for the staff's "due and overdue" list.
 */

/** How often a funded project reports its progress while it runs. */
export const progressIntervals = ['none', 'monthly', 'quarterly', 'six-monthly'] as const;
export type ProgressInterval = (typeof progressIntervals)[number];

const intervalMonths: Record<Exclude<ProgressInterval, 'none'>, number> = { monthly: 1, quarterly: 3, 'six-monthly': 6 };

/** A fund's reporting schedule, as its content sets it (`reporting` in src/schemas/fund.ts). */
export interface ReportingSchedule {
  progress: ProgressInterval;
  /** The final report is due this many weeks after the project's end. */
  finalReportWeeks: number;
}

/** A fund that says nothing has only the final report, two weeks after the project ends, as before schedules. */
export const defaultSchedule: ReportingSchedule = { progress: 'none', finalReportWeeks: 2 };

const dayMilliseconds = 24 * 60 * 60 * 1000;
const weekMilliseconds = 7 * dayMilliseconds;

/** Without a planned end still to come, a project is taken to run 12 weeks from its award, the usual small grant. */
export const assumedProjectWeeks = 12;
/** A report's link is emailed this many days before it is due, and it shows as due on the staff list from then. */
export const noticeDays = 14;
/** A progress report still missing this many days after it was due gets a reminder. */
export const reminderDaysAfterDue = 7;
/** The final report's second reminder, this many weeks after its first (2 and 6 weeks after the end by default). */
export const finalSecondReminderWeeks = 4;
/** An offer not accepted this many days after it was made shows as overdue. */
export const acceptanceDays = 28;
/** No schedule asks for more progress reports than this (monthly for two years). */
export const maxProgressReports = 24;

/**
 * The project's end: its planned end day (`YYYY-MM-DD` from the application's timeline answers) at
 * 09:00 UTC, or 12 weeks from `now` when there is none or it has passed already.
 */
export function projectEnd(plannedEnd: unknown, now: Date): Date {
  const end = typeof plannedEnd === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(plannedEnd) ? new Date(`${plannedEnd}T09:00:00Z`) : undefined;
  return end && !Number.isNaN(end.getTime()) && end > now ? end : new Date(now.getTime() + assumedProjectWeeks * weekMilliseconds);
}

/** `date` plus whole calendar months, on the same day of the month or the month's last day (31 January + 1 month = 28 or 29 February). */
export function addMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay), date.getUTCHours(), date.getUTCMinutes()));
}

/**
 * When progress reports are due: every interval from the day the offer was accepted, while that is
 * before the project's end (the final report covers the last stretch). None for a fund without them.
 */
export function progressDueDates(schedule: ReportingSchedule, acceptedAt: Date, end: Date): Date[] {
  if (schedule.progress === 'none') return [];
  const months = intervalMonths[schedule.progress];
  const start = new Date(Date.UTC(acceptedAt.getUTCFullYear(), acceptedAt.getUTCMonth(), acceptedAt.getUTCDate(), 9));
  const dates: Date[] = [];
  for (let number = 1; number <= maxProgressReports; number++) {
    const due = addMonths(start, months * number);
    if (due >= end) break;
    dates.push(due);
  }
  return dates;
}

/** When the final report is due: the fund's weeks after the project's end. */
export const finalDueDate = (schedule: ReportingSchedule, end: Date): Date => new Date(end.getTime() + schedule.finalReportWeeks * weekMilliseconds);

/** When a progress report's link goes (a fortnight before it is due, never before `now`) and its reminder (a week after). */
export function progressEmailDates(dueAt: Date, now: Date): { link: Date; reminder: Date } {
  const notice = new Date(dueAt.getTime() - noticeDays * dayMilliseconds);
  return { link: notice > now ? notice : now, reminder: new Date(dueAt.getTime() + reminderDaysAfterDue * dayMilliseconds) };
}

/** The final report's reminders: when it is due and four weeks later (the link itself goes with the award). */
export const finalReminderDates = (dueAt: Date): Date[] => [dueAt, new Date(dueAt.getTime() + finalSecondReminderWeeks * weekMilliseconds)];

export type Standing = 'upcoming' | 'due' | 'overdue' | 'received';

/** Where a report stands on `now`: received, overdue once past its due moment, due from its notice, otherwise still to come. */
export function reportStanding(report: { dueAt: Date | null; receivedAt: Date | null }, now: Date): Standing {
  if (report.receivedAt) return 'received';
  if (!report.dueAt) return 'upcoming';
  if (now > report.dueAt) return 'overdue';
  return now.getTime() >= report.dueAt.getTime() - noticeDays * dayMilliseconds ? 'due' : 'upcoming';
}

/** When an offer should have been accepted by. */
export const acceptanceDueDate = (offeredAt: Date): Date => new Date(offeredAt.getTime() + acceptanceDays * dayMilliseconds);

/** Where an offer stands: accepted, overdue after four weeks, due until then. */
export function offerStanding(offer: { offeredAt: Date; acceptedAt: Date | null }, now: Date): Exclude<Standing, 'upcoming'> {
  if (offer.acceptedAt) return 'received';
  return now > acceptanceDueDate(offer.offeredAt) ? 'overdue' : 'due';
}

/** The fund's standard conditions and the decision's own, as the group reads them: one list, the fund's first, blank lines dropped. */
export function grantConditions(fundConditions: readonly string[], decisionConditions: string): string[] {
  return [...fundConditions, ...decisionConditions.split('\n')].map((line) => line.trim()).filter(Boolean);
}
