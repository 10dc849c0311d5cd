import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from '../../src/staff/passwords';
import { accountLimit } from '../../src/staff/policy';
import { can, isStaffRole } from '../../src/staff/roles';
import { sessionIsLive } from '../../src/staff/session-rules';
import { combineThrottles, loginThrottle, type LoginAttempt } from '../../src/staff/throttle';

// A cheap cost so the tests are quick; the format and comparison are the same at any cost.
const cheap = { N: 1024, r: 8, p: 1 };
const minute = 60_000;
const now = new Date('2026-11-24T10:00:00Z');
const ago = (minutes: number) => new Date(now.getTime() - minutes * minute);
const failures = (...minutesAgo: number[]): LoginAttempt[] => minutesAgo.map((m) => ({ at: ago(m), succeeded: false }));

describe('staff passwords', () => {
  it('are stored salted, so one password hashed twice gives two different hashes', async () => {
    const first = await hashPassword('correct horse battery', cheap);
    const second = await hashPassword('correct horse battery', cheap);
    expect(first).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('correct');
  });

  it('match only the password they were made from', async () => {
    const stored = await hashPassword('correct horse battery', cheap);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('are checked at the cost they were made with, so raising the cost keeps old hashes working', async () => {
    const stored = await hashPassword('correct horse battery', { N: 2048, r: 4, p: 1 });
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
  });

  it('refuse a malformed hash instead of throwing', async () => {
    for (const stored of ['', 'plain-text', 'scrypt$0$8$1$c2FsdA$aGFzaA', 'bcrypt$x', 'scrypt$1024$8$1$c2FsdA$dG9vLXNob3J0']) {
      expect(await verifyPassword('anything at all', stored)).toBe(false);
    }
  });

  it('must be at least 12 characters, however they are typed', () => {
    expect(passwordProblem('eleven char')).toBe('too-short');
    expect(passwordProblem('twelve chars')).toBeUndefined();
    expect(passwordProblem('x'.repeat(201))).toBe('too-long');
  });
});

describe('sign-in throttling', () => {
  it('allows four wrong passwords in 15 minutes and refuses the sixth attempt after five', () => {
    expect(loginThrottle(failures(1, 2, 3, 4), now, accountLimit)).toEqual({ allowed: true });
    expect(loginThrottle(failures(1, 2, 3, 4, 5), now, accountLimit)).toEqual({ allowed: false, until: new Date(ago(5).getTime() + 15 * minute) });
  });

  it('forgets failures older than the window', () => {
    expect(loginThrottle(failures(1, 2, 3, 4, 16), now, accountLimit)).toEqual({ allowed: true });
  });

  it('lets in again once enough failures have aged out, not before', () => {
    const attempts = failures(1, 2, 3, 4, 5, 6, 7);
    // Seven failures: the third oldest (5 minutes ago) must leave the window for the count to fall to four.
    expect(loginThrottle(attempts, now, accountLimit)).toEqual({ allowed: false, until: new Date(ago(5).getTime() + 15 * minute) });
  });

  it('starts counting again after a successful sign-in', () => {
    const attempts = [...failures(10, 9, 8, 7), { at: ago(6), succeeded: true }, ...failures(5)];
    expect(loginThrottle(attempts, now, accountLimit)).toEqual({ allowed: true });
  });

  it('refuses when either the account or the client is over its limit, until the later of the two', () => {
    const until1 = new Date(now.getTime() + minute);
    const until2 = new Date(now.getTime() + 2 * minute);
    expect(combineThrottles({ allowed: true }, { allowed: true })).toEqual({ allowed: true });
    expect(combineThrottles({ allowed: true }, { allowed: false, until: until1 })).toEqual({ allowed: false, until: until1 });
    expect(combineThrottles({ allowed: false, until: until2 }, { allowed: false, until: until1 })).toEqual({ allowed: false, until: until2 });
  });
});

describe('staff sessions', () => {
  const later = new Date(now.getTime() + 60 * minute);
  it('end after 30 minutes without use', () => {
    expect(sessionIsLive({ lastSeenAt: ago(29), expiresAt: later }, now)).toBe(true);
    expect(sessionIsLive({ lastSeenAt: ago(30), expiresAt: later }, now)).toBe(false);
  });
  it('end at their absolute end however busy', () => {
    expect(sessionIsLive({ lastSeenAt: now, expiresAt: now }, now)).toBe(false);
  });
});

describe('staff roles', () => {
  it('let officers and admins see contact details, and panel members not', () => {
    expect(can('officer', 'applications.contact')).toBe(true);
    expect(can('admin', 'applications.contact')).toBe(true);
    expect(can('panel', 'applications.contact')).toBe(false);
  });
  it('let panel members see applications but neither decide nor see every round', () => {
    expect(can('panel', 'applications.view')).toBe(true);
    expect(can('panel', 'applications.viewAll')).toBe(false);
    expect(can('panel', 'applications.decide')).toBe(false);
  });
  it('keep managing accounts to admins', () => {
    expect(can('admin', 'accounts.manage')).toBe(true);
    expect(can('officer', 'accounts.manage')).toBe(false);
  });
  it('know only the three roles', () => {
    expect(['admin', 'officer', 'panel', 'root', ''].map(isStaffRole)).toEqual([true, true, true, false, false]);
  });
});
