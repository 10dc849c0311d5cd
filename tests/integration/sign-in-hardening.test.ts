/**
 * Sign-in under attack, on each database: parallel wrong passwords cannot pass the throttle, an email
 * with a NUL byte is refused without reaching the database, and the second factor (an app's codes and
 * one-time recovery codes) is asked for after the password and counted by the same throttle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTime } from '../../src/rules/clock';
import { hashPassword } from '../../src/staff/passwords';
import { signIn, signInWithCode } from '../../src/staff/sign-in';
import { currentCode } from '../../src/staff/two-factor';
import type { Store } from '../../src/store';
import { addAccount, auditTrail, type Actor, type StaffAccount } from '../../src/store/staff';
import { finishSettingUp, secondFactorStatus, startSettingUp, turnOffSecondFactor } from '../../src/store/two-factor';
import { testDatabases } from '../support/databases';

const commandLine: Actor = { commandLine: true };
const cheap = { N: 1024, r: 8, p: 1 };
const password = 'the right password';

describe.each(testDatabases)('signing in under attack on $name', ({ skip, open }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  let store: Store;
  let officer: StaffAccount;
  beforeAll(async () => {
    store = await open();
    officer = await addAccount(store, { email: 'race@example.org', role: 'officer', passwordHash: await hashPassword(password, cheap) }, commandLine);
    await addAccount(store, { email: 'two-factor@example.org', role: 'admin', passwordHash: await hashPassword(password, cheap) }, commandLine);
  }, 60_000);
  afterAll(() => store?.close());

  it('30 wrong passwords for one account sent at once: no more than 5 are checked, the rest are refused as throttled', async () => {
    // Each from its own address, so only the account's limit (5) stands between them and the password check.
    const results = await Promise.all(Array.from({ length: 30 }, (_, index) => signIn(store, { email: officer.email, password: `guess ${index}`, clientAddress: `192.0.2.${index + 1}` })));
    const checked = results.filter((result) => !result.ok && result.reason === 'wrong').length;
    const throttled = results.filter((result) => !result.ok && result.reason === 'throttled').length;
    expect(checked).toBe(5);
    expect(throttled).toBe(25);
    // Even the right password waits now.
    expect(await signIn(store, { email: officer.email, password, clientAddress: '198.51.100.1' })).toMatchObject({ ok: false, reason: 'throttled' });
  });

  it('25 wrong passwords from one client for many accounts at once: no more than its 20 are checked, and those turned away as busy do not count', async () => {
    const burst = await Promise.all(Array.from({ length: 25 }, (_, index) => signIn(store, { email: `nobody${index}@example.org`, password: 'guess', clientAddress: '203.0.113.50' })));
    const reasons = burst.map((result) => (result.ok ? 'signed in' : result.reason));
    const checked = reasons.filter((reason) => reason === 'wrong').length;
    // Two checks at once and eight waiting (src/staff/policy.ts): the rest are busy or throttled, none signed in.
    expect(checked).toBeLessThanOrEqual(20);
    expect(reasons.filter((reason) => reason === 'busy').length).toBeGreaterThan(0);
    expect(reasons.every((reason) => ['wrong', 'busy', 'throttled'].includes(reason))).toBe(true);
    // One at a time now: exactly the rest of the client's 20 are checked, then it is throttled.
    const later = [];
    for (let index = 0; index <= 20 - checked; index++) later.push(await signIn(store, { email: `later${index}@example.org`, password: 'guess', clientAddress: '203.0.113.50' }));
    expect(later.slice(0, -1).every((result) => !result.ok && result.reason === 'wrong')).toBe(true);
    expect(later.at(-1)).toMatchObject({ ok: false, reason: 'throttled' });
  });

  it('an email with a NUL byte is no account’s, and the database is never asked to store it', async () => {
    expect(await signIn(store, { email: 'race@example.org\u0000', password, clientAddress: '192.0.2.200' })).toEqual({ ok: false, reason: 'wrong' });
  });

  describe('with an authenticator app', () => {
    let admin: StaffAccount;
    let secret: string;
    let recoveryCodes: string[];
    // After the account was added (on the clock's day, HUB_TODAY), so the audit log reads in order.
    const start = currentTime().getTime() + 60 * 60_000;
    const at = (minutes: number) => new Date(start + minutes * 60_000);

    beforeAll(async () => {
      const first = await signIn(store, { email: 'two-factor@example.org', password, clientAddress: '192.0.2.201' }, at(0));
      if (!first.ok) throw new Error('could not sign in');
      admin = first.session.account;
      secret = (await startSettingUp(store, admin.id, at(0)))!;
      expect(await finishSettingUp(store, admin, first.session.id, '000000', at(0))).toBeUndefined();
      recoveryCodes = (await finishSettingUp(store, admin, first.session.id, currentCode(secret, at(0)), at(0)))!.recoveryCodes;
    }, 60_000);

    it('the password alone does not sign in: it asks for the code', async () => {
      const result = await signIn(store, { email: admin.email, password, clientAddress: '192.0.2.202' }, at(1));
      expect(result).toMatchObject({ ok: false, reason: 'code-needed' });
    });

    it('the app’s current code signs in, once', async () => {
      const first = await signIn(store, { email: admin.email, password, clientAddress: '192.0.2.203' }, at(2));
      if (first.ok || first.reason !== 'code-needed') throw new Error('expected a challenge');
      const code = currentCode(secret, at(2));
      expect(await signInWithCode(store, { challenge: first.challenge, code, clientAddress: '192.0.2.203' }, at(2))).toMatchObject({ ok: true, used: 'app' });
      // The same code again, with a new challenge: refused (it could have been seen over a shoulder).
      const again = await signIn(store, { email: admin.email, password, clientAddress: '192.0.2.203' }, at(2));
      if (again.ok || again.reason !== 'code-needed') throw new Error('expected a challenge');
      expect(await signInWithCode(store, { challenge: again.challenge, code, clientAddress: '192.0.2.203' }, at(2))).toEqual({ ok: false, reason: 'wrong' });
    });

    it('a recovery code signs in once and is refused the second time; the audit log says so without the code', async () => {
      const [code] = recoveryCodes;
      const first = await signIn(store, { email: admin.email, password, clientAddress: '192.0.2.204' }, at(3));
      if (first.ok || first.reason !== 'code-needed') throw new Error('expected a challenge');
      expect(await signInWithCode(store, { challenge: first.challenge, code: code!.toUpperCase(), clientAddress: '192.0.2.204' }, at(3))).toMatchObject({ ok: true, used: 'recovery' });
      expect(await secondFactorStatus(store, admin.id)).toEqual({ on: true, recoveryCodesLeft: 9 });
      const second = await signIn(store, { email: admin.email, password, clientAddress: '192.0.2.204' }, at(4));
      if (second.ok || second.reason !== 'code-needed') throw new Error('expected a challenge');
      expect(await signInWithCode(store, { challenge: second.challenge, code: code!, clientAddress: '192.0.2.204' }, at(4))).toEqual({ ok: false, reason: 'wrong' });
      const trail = await auditTrail(store, 'staff-account', admin.id);
      expect(trail.map((entry) => entry.action)).toEqual(['account.add', 'account.second-factor.on', 'account.second-factor.recovery-code-used']);
      expect(JSON.stringify(trail)).not.toContain(code!);
    });

    it('wrong codes count like wrong passwords: the account is throttled, whatever the code', async () => {
      const first = await signIn(store, { email: admin.email, password, clientAddress: '192.0.2.205' }, at(5));
      if (first.ok || first.reason !== 'code-needed') throw new Error('expected a challenge');
      const results = await Promise.all(Array.from({ length: 10 }, () => signInWithCode(store, { challenge: first.challenge, code: '123456', clientAddress: '192.0.2.205' }, at(5))));
      expect(results.filter((result) => !result.ok && result.reason === 'throttled').length).toBeGreaterThan(0);
      expect(await signInWithCode(store, { challenge: first.challenge, code: currentCode(secret, at(5)), clientAddress: '192.0.2.205' }, at(5))).toMatchObject({ ok: false, reason: 'throttled' });
    });

    it('reset by the command line, the account signs in with its password again', async () => {
      expect(await turnOffSecondFactor(store, admin, commandLine, at(30))).toBe(true);
      expect(await secondFactorStatus(store, admin.id)).toEqual({ on: false, recoveryCodesLeft: 0 });
      expect(await signIn(store, { email: admin.email, password, clientAddress: '192.0.2.206' }, at(30))).toMatchObject({ ok: true });
    });
  });
});
