/**
 * The rules for managing staff accounts, shared by the console and `npm run staff` so both apply the
 * same checks: where an account stands, whether a link to set a password still works, which role
 * changes and disables are allowed (the console is never left without an administrator), which fund
 * rounds a panel member can be given, and the emails that carry the links. Pure.
 */
import type { Translate } from '../i18n';
import { fundRound } from '../rules/fund-status';
import { passwordLinkDays } from './policy';
import type { StaffRole } from './roles';

// --- Where an account stands ------------------------------------------------------------------

/** invited: no password set yet; active: can sign in; disabled: cannot, whatever its password. */
export type AccountStatus = 'invited' | 'active' | 'disabled';

export function accountStatus(account: { disabled: boolean; hasPassword: boolean }): AccountStatus {
  if (account.disabled) return 'disabled';
  return account.hasPassword ? 'active' : 'invited';
}

// --- Links to set a password ------------------------------------------------------------------

/** invitation: the first password of a new account; reset: a new password for an existing one. */
export type PasswordLinkPurpose = 'invitation' | 'reset';

/** When a link made at `madeAt` stops working. */
export const passwordLinkExpiry = (madeAt: Date): Date => new Date(madeAt.getTime() + passwordLinkDays * 24 * 60 * 60_000);

export interface PasswordLinkTimes {
  expiresAt: Date;
  usedAt: Date | null;
  /** When a newer link replaced it or the account was disabled. */
  withdrawnAt: Date | null;
}

export type PasswordLinkState = 'usable' | 'used' | 'withdrawn' | 'disabled' | 'expired';

/** Whether a link sets a password at `now`; otherwise why not, the reason a person can act on first. */
export function passwordLinkState(link: PasswordLinkTimes, accountDisabled: boolean, now: Date): PasswordLinkState {
  if (link.usedAt) return 'used';
  if (link.withdrawnAt) return 'withdrawn';
  if (accountDisabled) return 'disabled';
  if (now.getTime() >= link.expiresAt.getTime()) return 'expired';
  return 'usable';
}

// --- What cannot be done, and why ---------------------------------------------------------------

export type AccountProblem =
  | { problem: 'no-account'; email: string }
  | { problem: 'account-exists'; email: string }
  | { problem: 'same-role'; email: string }
  | { problem: 'last-admin' }
  | { problem: 'already-disabled'; email: string }
  | { problem: 'not-disabled'; email: string }
  | { problem: 'link-for-disabled'; email: string }
  | { problem: 'not-panel'; email: string }
  | { problem: 'unknown-fund'; fundId: string; funds: string[] }
  | { problem: 'unknown-round'; fundId: string; round: string; rounds: string[] };

/** The problem in words, for the console's error summary and the command line alike. */
export function describeAccountProblem(problem: AccountProblem, t: Translate): string {
  switch (problem.problem) {
    case 'unknown-fund':
      return t('staff.accounts.problem.unknown-fund', { fund: problem.fundId, funds: problem.funds.join(', ') || t('staff.accounts.problem.none') });
    case 'unknown-round':
      return t('staff.accounts.problem.unknown-round', { fund: problem.fundId, round: problem.round, rounds: problem.rounds.join(', ') || t('staff.accounts.problem.none') });
    case 'last-admin':
      return t('staff.accounts.problem.last-admin');
    default:
      return t(`staff.accounts.problem.${problem.problem}`, { email: problem.email });
  }
}

// --- Roles and disabling ----------------------------------------------------------------------

export type AccountChange = { role: StaffRole } | { disabled: boolean };

export interface AccountStanding {
  id: string;
  email: string;
  role: StaffRole;
  disabled: boolean;
}

/**
 * Whether `change` may be made to `target`. `signInAdmins` are the ids of the administrators who can
 * sign in now (enabled, with a password): a change that would leave none of them is refused, so an
 * administrator cannot demote or disable the last one, themselves included.
 */
export function accountChangeProblem(target: AccountStanding, change: AccountChange, signInAdmins: readonly string[]): AccountProblem | undefined {
  const othersLeft = signInAdmins.filter((id) => id !== target.id).length;
  const losesAdmin = target.role === 'admin' && !target.disabled && othersLeft === 0;
  if ('role' in change) {
    if (change.role === target.role) return { problem: 'same-role', email: target.email };
    if (change.role !== 'admin' && losesAdmin) return { problem: 'last-admin' };
    return undefined;
  }
  if (change.disabled) {
    if (target.disabled) return { problem: 'already-disabled', email: target.email };
    if (losesAdmin) return { problem: 'last-admin' };
    return undefined;
  }
  return target.disabled ? undefined : { problem: 'not-disabled', email: target.email };
}

// --- Panel rounds -----------------------------------------------------------------------------

/** A fund as the content defines it now. */
export interface FundInContent {
  id: string;
  name: string;
  /** The round it takes applications in now (see `fundRound`). */
  round: string;
}

export interface RoundChoice {
  fundId: string;
  round: string;
}

export interface AssignableRound extends RoundChoice {
  fundName: string;
}

/** The funds in the content, as `FundInContent`, from their entries (an Astro collection or the files read by the command line). */
export function fundsInContent(entries: readonly { id: string; data: { name: string; opens?: Date } }[]): FundInContent[] {
  return entries.map((entry) => ({ id: entry.id, name: entry.data.name, round: fundRound(entry.data) }));
}

/**
 * The rounds a panel member can be given: each fund's current round in the content, and any earlier
 * round of a fund still in the content that applications were sent in (they may still need scoring).
 * By fund name, newest round first.
 */
export function assignableRounds(funds: readonly FundInContent[], roundsWithApplications: readonly RoundChoice[]): AssignableRound[] {
  const rounds = funds.flatMap((fund) => {
    const earlier = roundsWithApplications.filter((choice) => choice.fundId === fund.id).map((choice) => choice.round);
    return [...new Set([fund.round, ...earlier])].map((round) => ({ fundId: fund.id, fundName: fund.name, round }));
  });
  // "rolling" sorts after the digits of a day, so it comes first among a fund's rounds, with the newest days next.
  return rounds.sort((a, b) => a.fundName.localeCompare(b.fundName) || b.round.localeCompare(a.round));
}

/** Whether `account` can be given `choice`: a panel member, and a fund and round that exist. */
export function assignmentProblem(
  account: { email: string; role: StaffRole },
  choice: RoundChoice,
  funds: readonly FundInContent[],
  roundsWithApplications: readonly RoundChoice[],
): AccountProblem | undefined {
  if (account.role !== 'panel') return { problem: 'not-panel', email: account.email };
  if (!funds.some((fund) => fund.id === choice.fundId)) return { problem: 'unknown-fund', fundId: choice.fundId, funds: funds.map((fund) => fund.id).sort() };
  const rounds = assignableRounds(funds, roundsWithApplications).filter((known) => known.fundId === choice.fundId).map((known) => known.round);
  if (!rounds.includes(choice.round)) return { problem: 'unknown-round', fundId: choice.fundId, round: choice.round, rounds };
  return undefined;
}

// --- The emails -------------------------------------------------------------------------------

const linkTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' });

/** When a link stops working, as the email and the console say it: "8 December 2026 at 14:05" (UK time). */
export const formatLinkExpiry = (expiresAt: Date): string => linkTime.format(expiresAt);

/** The email that carries a link to set a password: an invitation, or a new password for an existing account. */
export function passwordLinkEmail(
  { purpose, role, link, expiresAt, siteName }: { purpose: PasswordLinkPurpose; role: StaffRole; link: string; expiresAt: Date; siteName: string },
  t: Translate,
): { subject: string; text: string } {
  const values = { site: siteName, role: t(`staff.role.${role}`), link, date: formatLinkExpiry(expiresAt), days: passwordLinkDays };
  return purpose === 'invitation'
    ? { subject: t('staff.accounts.email.invitationSubject', values), text: t('staff.accounts.email.invitationText', values) }
    : { subject: t('staff.accounts.email.resetSubject', values), text: t('staff.accounts.email.resetText', values) };
}
