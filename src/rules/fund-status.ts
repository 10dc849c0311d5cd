import { daysBetween, isoDay } from './dates';

export type FundStatus = 'open' | 'closing-soon' | 'opens-soon' | 'not-open-yet' | 'closed' | 'rolling';

/** A fund closes "soon" within this many days, and "opens soon" within the same window. */
export const soonDays = 14;

interface FundDates {
  opens?: Date;
  closes?: Date;
  rolling: boolean;
}

/** Where a fund stands on a given day. The closing day itself is still open. */
export function fundStatus({ opens, closes, rolling }: FundDates, today: Date): FundStatus {
  if (opens && daysBetween(today, opens) > 0) {
    return daysBetween(today, opens) <= soonDays ? 'opens-soon' : 'not-open-yet';
  }
  if (rolling) return 'rolling';
  if (!closes || daysBetween(today, closes) < 0) return 'closed';
  return daysBetween(today, closes) <= soonDays ? 'closing-soon' : 'open';
}

/** Whether applications are accepted on that day. */
export function acceptsApplications(status: FundStatus): boolean {
  return status === 'open' || status === 'closing-soon' || status === 'rolling';
}

/**
 * The round an application is sent in, and a panel member is assigned: the day the fund opened, or
 * "rolling" for a fund with no opening day. A fund opening again on a new day starts a new round.
 */
export function fundRound({ opens }: { opens?: Date }): string {
  return opens ? isoDay(opens) : 'rolling';
}
