import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store';
import {
  addAccount,
  auditTrail,
  endSession,
  findAccount,
  findAccountForSignIn,
  purgeStaffHousekeeping,
  recentLoginAttempts,
  recordLoginAttempt,
  resetPassword,
  resumeSession,
  startSession,
  type Actor,
} from '../../src/store/staff';
import { assignPanelRound, disableAccount } from '../../src/store/staff-accounts';
import { testDatabases } from '../support/databases';
import { demoFunds } from '../support/funds';

const commandLine: Actor = { commandLine: true };
const at = (iso: string) => new Date(iso);
let emails = 0;
const newEmail = () => `person${++emails}@example.org`;

describe.each(testDatabases)('the staff store on $name', ({ skip, open }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  let store: Store;
  beforeAll(async () => {
    store = await open();
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  it('adds an account once per email, whatever its case, and logs who added it', async () => {
    const email = newEmail();
    const account = await addAccount(store, { email: email.toUpperCase(), role: 'officer', passwordHash: 'scrypt$hash' }, commandLine);
    expect(account).toMatchObject({ email, role: 'officer', disabled: false });
    await expect(addAccount(store, { email, role: 'panel', passwordHash: 'x' }, commandLine)).rejects.toThrow(/already an account/);
    expect(await findAccountForSignIn(store, ` ${email} `)).toMatchObject({ id: account.id, passwordHash: 'scrypt$hash' });
    const [entry] = await auditTrail(store, 'staff-account', account.id);
    expect(entry).toMatchObject({ actor: 'command line', action: 'account.add', before: null, after: { email, role: 'officer', disabled: false } });
  });

  it('keeps a session while it is used and ends it after 30 idle minutes', async () => {
    const account = await addAccount(store, { email: newEmail(), role: 'officer', passwordHash: 'x' }, commandLine);
    const { token, session } = await startSession(store, account, at('2026-11-24T09:00:00Z'));
    expect(await resumeSession(store, token, at('2026-11-24T09:29:00Z'))).toMatchObject({ id: session.id, account: { id: account.id }, csrfToken: session.csrfToken });
    // Used at 09:29, so alive until 09:59.
    expect(await resumeSession(store, token, at('2026-11-24T09:58:00Z'))).toBeDefined();
    expect(await resumeSession(store, token, at('2026-11-24T10:29:00Z'))).toBeUndefined();
    // Once ended it is gone, even if asked about at an earlier time.
    expect(await resumeSession(store, token, at('2026-11-24T09:59:00Z'))).toBeUndefined();
  });

  it('ends a session 12 hours after sign-in however busy', async () => {
    const account = await addAccount(store, { email: newEmail(), role: 'officer', passwordHash: 'x' }, commandLine);
    const { token } = await startSession(store, account, at('2026-11-24T08:00:00Z'));
    // Used every 25 minutes, so never idle for long enough to end that way.
    for (let minutes = 25; minutes < 12 * 60; minutes += 25) expect(await resumeSession(store, token, new Date(Date.UTC(2026, 10, 24, 8, minutes)))).toBeDefined();
    expect(await resumeSession(store, token, at('2026-11-24T20:00:00Z'))).toBeUndefined();
  });

  it('does not know a made-up or signed-out session', async () => {
    const account = await addAccount(store, { email: newEmail(), role: 'panel', passwordHash: 'x' }, commandLine);
    const { token, session } = await startSession(store, account);
    expect(await resumeSession(store, 'made-up-token')).toBeUndefined();
    await endSession(store, session.id);
    expect(await resumeSession(store, token)).toBeUndefined();
  });

  it('ends every session of a disabled account and logs the change before and after', async () => {
    const email = newEmail();
    const account = await addAccount(store, { email, role: 'officer', passwordHash: 'x' }, commandLine);
    const { token } = await startSession(store, account);
    const disabled = await disableAccount(store, email, { account: { ...account, role: 'admin' } });
    expect(disabled.disabled).toBe(true);
    expect(await resumeSession(store, token)).toBeUndefined();
    expect((await findAccount(store, email))?.disabled).toBe(true);
    const entries = await auditTrail(store, 'staff-account', account.id);
    expect(entries.at(-1)).toMatchObject({ actor: email, action: 'account.disable', before: { disabled: false }, after: { disabled: true } });
  });

  it('ends every session when the password is reset, and logs that it changed but not what to', async () => {
    const email = newEmail();
    const account = await addAccount(store, { email, role: 'officer', passwordHash: 'old' }, commandLine);
    const { token } = await startSession(store, account);
    await resetPassword(store, email, 'new', commandLine);
    expect(await resumeSession(store, token)).toBeUndefined();
    expect((await findAccountForSignIn(store, email))?.passwordHash).toBe('new');
    expect((await auditTrail(store, 'staff-account', account.id)).at(-1)).toMatchObject({ action: 'account.reset-password', before: null, after: null });
    await expect(resetPassword(store, 'nobody@example.org', 'x', commandLine)).rejects.toThrow(/no account/);
  });

  it('counts sign-in attempts by email and by client within the window', async () => {
    const email = newEmail();
    await recordLoginAttempt(store, email, 'client-a', false, at('2026-11-24T09:00:00Z'));
    await recordLoginAttempt(store, email, 'client-b', false, at('2026-11-24T09:10:00Z'));
    await recordLoginAttempt(store, 'other@example.org', 'client-a', true, at('2026-11-24T09:12:00Z'));
    const recent = await recentLoginAttempts(store, email.toUpperCase(), 'client-a', 15, at('2026-11-24T09:14:00Z'));
    expect(recent.account.map((a) => a.at.toISOString())).toEqual(['2026-11-24T09:00:00.000Z', '2026-11-24T09:10:00.000Z'].sort());
    expect(recent.client.map((a) => a.succeeded).sort()).toEqual([false, true]);
    const later = await recentLoginAttempts(store, email, 'client-a', 15, at('2026-11-24T09:16:00Z'));
    expect(later.account).toHaveLength(1);
  });

  it('assigns fund rounds to panel members only', async () => {
    const panel = newEmail();
    const officer = newEmail();
    await addAccount(store, { email: panel, role: 'panel', passwordHash: 'x' }, commandLine);
    await addAccount(store, { email: officer, role: 'officer', passwordHash: 'x' }, commandLine);
    await assignPanelRound(store, panel, { fundId: 'small-sparks', round: 'rolling' }, demoFunds, commandLine);
    await assignPanelRound(store, panel, { fundId: 'small-sparks', round: 'rolling' }, demoFunds, commandLine);
    await expect(assignPanelRound(store, officer, { fundId: 'small-sparks', round: 'rolling' }, demoFunds, commandLine)).rejects.toThrow(/not a panel member/);
    const rows = await store.query('SELECT fund_id, fund_round FROM panel_assignments pa JOIN staff_accounts a ON a.id = pa.account_id WHERE a.email = $1', [panel]);
    expect(rows).toEqual([{ fund_id: 'small-sparks', fund_round: 'rolling' }]);
  });

  it('housekeeping deletes ended sessions and sign-in attempts older than a day, and keeps the rest', async () => {
    const account = await addAccount(store, { email: newEmail(), role: 'officer', passwordHash: 'x' }, commandLine);
    const idle = await startSession(store, account, at('2026-12-01T08:00:00Z'));
    const live = await startSession(store, account, at('2026-12-01T09:45:00Z'));
    await recordLoginAttempt(store, account.email, 'client-h', false, at('2026-11-30T09:00:00Z'));
    await recordLoginAttempt(store, account.email, 'client-h', false, at('2026-12-01T09:00:00Z'));
    await purgeStaffHousekeeping(store, at('2026-12-01T10:00:00Z'));
    const sessions = await store.query<{ id: string }>('SELECT id FROM staff_sessions WHERE account_id = $1', [account.id]);
    expect(sessions.map((row) => row.id)).toEqual([live.session.id]);
    expect(idle.session.id).not.toBe(live.session.id);
    const attempts = await store.query<{ n: number }>("SELECT count(*)::int AS n FROM staff_login_attempts WHERE client_key = 'client-h'");
    expect(attempts[0]!.n).toBe(1);
  });
});
