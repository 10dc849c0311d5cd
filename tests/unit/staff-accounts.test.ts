import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n';
import { fundRound } from '../../src/rules/fund-status';
import {
  accountChangeProblem,
  accountStatus,
  assignableRounds,
  assignmentProblem,
  describeAccountProblem,
  passwordLinkEmail,
  passwordLinkExpiry,
  passwordLinkState,
  type AccountStanding,
  type FundInContent,
} from '../../src/staff/accounts';

const t = translator('en');
const now = new Date('2026-11-24T10:00:00Z');
const day = 24 * 60 * 60_000;
const account = (id: string, role: AccountStanding['role'], disabled = false): AccountStanding => ({ id, email: `${id}@example.org`, role, disabled });

describe('where a staff account stands', () => {
  it('is invited until a password is set, active after, and disabled whatever its password', () => {
    expect(accountStatus({ disabled: false, hasPassword: false })).toBe('invited');
    expect(accountStatus({ disabled: false, hasPassword: true })).toBe('active');
    expect(accountStatus({ disabled: true, hasPassword: true })).toBe('disabled');
    expect(accountStatus({ disabled: true, hasPassword: false })).toBe('disabled');
  });
});

describe('a link to set a password', () => {
  const made = passwordLinkExpiry(now);
  const open = { expiresAt: made, usedAt: null, withdrawnAt: null };

  it('works for seven days from when it was made', () => {
    expect(made.getTime() - now.getTime()).toBe(7 * day);
    expect(passwordLinkState(open, false, new Date(made.getTime() - 1))).toBe('usable');
    expect(passwordLinkState(open, false, made)).toBe('expired');
  });

  it('works once: used, it says so even after it would have expired', () => {
    const used = { ...open, usedAt: new Date(now.getTime() + day) };
    expect(passwordLinkState(used, false, new Date(now.getTime() + 2 * day))).toBe('used');
    expect(passwordLinkState(used, false, new Date(now.getTime() + 30 * day))).toBe('used');
  });

  it('stops working when a newer link replaces it or the account is disabled', () => {
    expect(passwordLinkState({ ...open, withdrawnAt: now }, false, now)).toBe('withdrawn');
    expect(passwordLinkState(open, true, now)).toBe('disabled');
  });
});

describe('changing a role or disabling an account', () => {
  const admin = account('admin', 'admin');
  const other = account('other-admin', 'admin');
  const officer = account('officer', 'officer');

  it('lets an administrator step down or be disabled while another can sign in', () => {
    expect(accountChangeProblem(admin, { role: 'officer' }, [admin.id, other.id])).toBeUndefined();
    expect(accountChangeProblem(admin, { disabled: true }, [admin.id, other.id])).toBeUndefined();
  });

  it('never leaves the console without an administrator who can sign in, the last one themselves included', () => {
    expect(accountChangeProblem(admin, { role: 'panel' }, [admin.id])).toEqual({ problem: 'last-admin' });
    expect(accountChangeProblem(admin, { disabled: true }, [admin.id])).toEqual({ problem: 'last-admin' });
  });

  it('lets anyone else be demoted or disabled, however few administrators there are', () => {
    expect(accountChangeProblem(officer, { role: 'panel' }, [admin.id])).toBeUndefined();
    expect(accountChangeProblem(officer, { disabled: true }, [admin.id])).toBeUndefined();
    // An invited administrator (not among those who can sign in) can be disabled by the only one who can.
    expect(accountChangeProblem(account('invited', 'admin'), { disabled: true }, [admin.id])).toBeUndefined();
  });

  it('refuses a change that changes nothing, naming why', () => {
    expect(accountChangeProblem(officer, { role: 'officer' }, [admin.id])).toEqual({ problem: 'same-role', email: officer.email });
    expect(accountChangeProblem(account('gone', 'officer', true), { disabled: true }, [admin.id])).toEqual({ problem: 'already-disabled', email: 'gone@example.org' });
    expect(accountChangeProblem(officer, { disabled: false }, [admin.id])).toEqual({ problem: 'not-disabled', email: officer.email });
    expect(accountChangeProblem(account('gone', 'officer', true), { disabled: false }, [admin.id])).toBeUndefined();
  });
});

describe('giving a panel member a fund round', () => {
  const funds: FundInContent[] = [
    { id: 'small-sparks', name: 'Small Sparks', round: 'rolling' },
    { id: 'healthy-fenland-fund', name: 'Healthy Fenland Fund', round: '2026-10-01' },
  ];
  const panel = { email: 'panel@example.org', role: 'panel' as const };

  it('names a round by the day the fund opened, or "rolling"', () => {
    expect(fundRound({ opens: new Date('2026-10-01T00:00:00Z') })).toBe('2026-10-01');
    expect(fundRound({})).toBe('rolling');
  });

  it('offers each fund’s current round, and earlier rounds that have applications, by fund then newest first', () => {
    const rounds = assignableRounds(funds, [
      { fundId: 'healthy-fenland-fund', round: '2025-10-01' },
      { fundId: 'healthy-fenland-fund', round: '2026-10-01' },
      { fundId: 'a-fund-since-removed', round: '2025-01-01' },
    ]);
    expect(rounds.map((round) => `${round.fundName}/${round.round}`)).toEqual(['Healthy Fenland Fund/2026-10-01', 'Healthy Fenland Fund/2025-10-01', 'Small Sparks/rolling']);
  });

  it('accepts a fund and round that exist', () => {
    expect(assignmentProblem(panel, { fundId: 'small-sparks', round: 'rolling' }, funds, [])).toBeUndefined();
    expect(assignmentProblem(panel, { fundId: 'healthy-fenland-fund', round: '2025-10-01' }, funds, [{ fundId: 'healthy-fenland-fund', round: '2025-10-01' }])).toBeUndefined();
  });

  it('refuses a fund that is not in the content, and lists those that are', () => {
    const problem = assignmentProblem(panel, { fundId: 'small-sparkz', round: 'rolling' }, funds, []);
    expect(problem).toEqual({ problem: 'unknown-fund', fundId: 'small-sparkz', funds: ['healthy-fenland-fund', 'small-sparks'] });
    expect(describeAccountProblem(problem!, t)).toBe('There is no fund "small-sparkz" in the content. The funds are: healthy-fenland-fund, small-sparks');
  });

  it('refuses a round the fund does not have, and lists those it has', () => {
    const problem = assignmentProblem(panel, { fundId: 'healthy-fenland-fund', round: '2026-10-02' }, funds, []);
    expect(problem).toEqual({ problem: 'unknown-round', fundId: 'healthy-fenland-fund', round: '2026-10-02', rounds: ['2026-10-01'] });
    expect(describeAccountProblem(problem!, t)).toContain('The fund "healthy-fenland-fund" has no round "2026-10-02". Its rounds are: 2026-10-01');
  });

  it('gives rounds to panel members only', () => {
    expect(assignmentProblem({ email: 'officer@example.org', role: 'officer' }, { fundId: 'small-sparks', round: 'rolling' }, funds, [])).toEqual({ problem: 'not-panel', email: 'officer@example.org' });
  });
});

describe('the email with a link', () => {
  const expiresAt = new Date('2026-12-01T14:05:00Z');

  it('invites someone by name of the site and role, with the link and when it stops working', () => {
    const email = passwordLinkEmail({ purpose: 'invitation', role: 'officer', link: 'https://hub.example.org/staff/password/abc/', expiresAt, siteName: 'Fenland Community Hub' }, t);
    expect(email.subject).toBe('Your account for the Fenland Community Hub staff console');
    expect(email.text).toContain('as fund officer');
    expect(email.text).toContain('https://hub.example.org/staff/password/abc/');
    expect(email.text).toContain('until 1 December 2026 at 14:05');
  });

  it('says a new password link leaves the current password working until it is used', () => {
    const email = passwordLinkEmail({ purpose: 'reset', role: 'panel', link: 'https://hub.example.org/staff/password/abc/', expiresAt, siteName: 'Hub' }, t);
    expect(email.subject).toBe('Set a new password for the Hub staff console');
    expect(email.text).toContain('Your current password keeps working until you set a new one.');
  });
});
