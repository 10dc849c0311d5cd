import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/staff/passwords';
import { signIn } from '../../src/staff/sign-in';
import type { Store } from '../../src/store';
import { siteUrl } from '../../src/store/config';
import { outboxEntries } from '../../src/store/outbox';
import { addAccount, auditTrail, findAccountForSignIn, purgeStaffHousekeeping, resumeSession, startSession, type Actor, type StaffAccount } from '../../src/store/staff';
import {
  AccountProblemError,
  assignPanelRound,
  changeRole,
  disableAccount,
  enableAccount,
  findManagedAccount,
  inviteAccount,
  listAccounts,
  openPasswordLink,
  sendPasswordLink,
  setPasswordWithLink,
  unassignPanelRound,
} from '../../src/store/staff-accounts';
import { newIdempotencyKey, submit } from '../../src/store/submissions';
import { testDatabases } from '../support/databases';
import { demoFunds } from '../support/funds';

const commandLine: Actor = { commandLine: true };
const cheap = { N: 1024, r: 8, p: 1 };
const mail = { siteName: 'Fenland Community Hub' };
const day = 24 * 60 * 60_000;
const at = (iso: string) => new Date(iso);
let people = 0;
const newEmail = () => `staff${++people}@example.org`;

/** The secret of the newest link emailed to `email`, read from its email in the outbox. */
async function emailedToken(store: Store, email: string): Promise<string> {
  const messages = (await outboxEntries(store)).filter((message) => message.to === email && message.purpose === 'staff-password-link');
  const token = /\/staff\/password\/([\w-]{43})\//.exec(messages.at(-1)?.text ?? '')?.[1];
  if (!token) throw new Error(`No password link was emailed to ${email}`);
  return token;
}

describe.each(testDatabases)('staff accounts managed in the console, on $name', ({ skip, open }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  let store: Store;
  let admin: StaffAccount;
  const asAdmin = (): Actor => ({ account: admin });
  beforeAll(async () => {
    store = await open();
    admin = await addAccount(store, { email: 'first-admin@example.org', role: 'admin', passwordHash: await hashPassword('the first admin password', cheap) }, commandLine);
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  it('an invitation makes an account with no password, which cannot sign in, and emails a link of which only the hash is kept', async () => {
    const email = newEmail();
    const now = at('2026-11-24T10:00:00Z');
    const { account, expiresAt } = await inviteAccount(store, { email: email.toUpperCase(), role: 'officer' }, asAdmin(), mail, now);
    expect(account).toMatchObject({ email, role: 'officer', disabled: false });
    expect(expiresAt).toEqual(new Date(now.getTime() + 7 * day));
    expect(await findManagedAccount(store, account.id, now)).toMatchObject({ status: 'invited', link: { purpose: 'invitation', state: 'usable' } });
    expect((await findAccountForSignIn(store, email))?.passwordHash).toBeNull();

    const [message] = (await outboxEntries(store)).filter((entry) => entry.to === email);
    expect(message).toMatchObject({ purpose: 'staff-password-link', subject: 'Your account for the Fenland Community Hub staff console' });
    expect(message!.text).toMatch(/^You have been given an account on the Fenland Community Hub staff console, as fund officer\./);
    const token = await emailedToken(store, email);
    expect(message!.text).toContain(new URL(`/staff/password/${token}/`, siteUrl()).href);
    const stored = await store.query<{ token_hash: string }>('SELECT token_hash FROM staff_password_links WHERE account_id = $1', [account.id]);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toContain(token);

    expect(await signIn(store, { email, password: '', clientAddress: '192.0.2.10' }, now)).toEqual({ ok: false, reason: 'wrong' });
    const [entry] = await auditTrail(store, 'staff-account', account.id);
    expect(entry).toMatchObject({ actor: admin.email, action: 'account.invite', before: null, after: { email, role: 'officer' } });
  });

  it('refuses to invite an email that has an account already', async () => {
    const email = newEmail();
    await inviteAccount(store, { email, role: 'panel' }, asAdmin(), mail);
    const twice = inviteAccount(store, { email: ` ${email} `, role: 'officer' }, asAdmin(), mail);
    await expect(twice).rejects.toBeInstanceOf(AccountProblemError);
    await expect(twice).rejects.toThrow(`There is already an account for ${email}`);
  });

  it('the link sets the password once; then its holder signs in, and the link says it has been used', async () => {
    const email = newEmail();
    const now = at('2026-11-24T10:00:00Z');
    const { account } = await inviteAccount(store, { email, role: 'officer' }, asAdmin(), mail, now);
    const token = await emailedToken(store, email);
    expect(await openPasswordLink(store, token, now)).toMatchObject({ state: 'usable', purpose: 'invitation', account: { email, role: 'officer' } });

    const set = await setPasswordWithLink(store, token, await hashPassword('my own long password', cheap), new Date(now.getTime() + day));
    expect(set).toMatchObject({ ok: true, account: { email } });
    expect(await signIn(store, { email, password: 'my own long password', clientAddress: '192.0.2.11' })).toMatchObject({ ok: true });
    expect((await findManagedAccount(store, account.id))?.status).toBe('active');

    expect(await setPasswordWithLink(store, token, await hashPassword('someone else’s password', cheap), new Date(now.getTime() + day))).toEqual({ ok: false, state: 'used' });
    expect(await openPasswordLink(store, token, new Date(now.getTime() + day))).toMatchObject({ state: 'used' });
    expect(await signIn(store, { email, password: 'my own long password', clientAddress: '192.0.2.11' })).toMatchObject({ ok: true });
    // The audit log names the person who set their own password, and never the password.
    const entry = (await auditTrail(store, 'staff-account', account.id)).at(-1);
    expect(entry).toMatchObject({ actor: email, action: 'account.set-password', after: { purpose: 'invitation' } });
    expect(JSON.stringify(entry)).not.toContain('my own long password');
  });

  it('a link expires after seven days, and a secret that was never made opens nothing', async () => {
    const email = newEmail();
    const now = at('2026-11-24T10:00:00Z');
    await inviteAccount(store, { email, role: 'panel' }, asAdmin(), mail, now);
    const token = await emailedToken(store, email);
    const weekLater = new Date(now.getTime() + 7 * day);
    expect(await openPasswordLink(store, token, new Date(weekLater.getTime() - 60_000))).toMatchObject({ state: 'usable' });
    expect(await openPasswordLink(store, token, weekLater)).toMatchObject({ state: 'expired' });
    expect(await setPasswordWithLink(store, token, 'x', weekLater)).toEqual({ ok: false, state: 'expired' });
    expect(await openPasswordLink(store, 'A'.repeat(43))).toBeUndefined();
    expect(await openPasswordLink(store, "' OR 1=1 --")).toBeUndefined();
    expect(await setPasswordWithLink(store, 'A'.repeat(43), 'x')).toEqual({ ok: false, state: 'unknown' });
  });

  it('a new password link replaces the last; the old password works until the new one is set, which ends every session', async () => {
    const email = newEmail();
    const account = await addAccount(store, { email, role: 'officer', passwordHash: await hashPassword('the old long password', cheap) }, commandLine);
    const { token: session } = await startSession(store, account);
    await sendPasswordLink(store, email, asAdmin(), mail);
    const first = await emailedToken(store, email);
    await sendPasswordLink(store, email, asAdmin(), mail);
    const second = await emailedToken(store, email);
    expect(second).not.toBe(first);
    expect(await openPasswordLink(store, first)).toMatchObject({ state: 'withdrawn' });
    expect(await openPasswordLink(store, second)).toMatchObject({ state: 'usable', purpose: 'reset' });
    const [message] = (await outboxEntries(store)).filter((entry) => entry.to === email);
    expect(message!.subject).toBe('Set a new password for the Fenland Community Hub staff console');

    expect(await signIn(store, { email, password: 'the old long password', clientAddress: '192.0.2.12' })).toMatchObject({ ok: true });
    expect(await setPasswordWithLink(store, second, await hashPassword('the new long password', cheap))).toMatchObject({ ok: true });
    expect(await resumeSession(store, session)).toBeUndefined();
    expect(await signIn(store, { email, password: 'the old long password', clientAddress: '192.0.2.12' })).toEqual({ ok: false, reason: 'wrong' });
    expect((await auditTrail(store, 'staff-account', account.id)).map((entry) => entry.action)).toEqual(['account.add', 'account.password-link', 'account.password-link', 'account.set-password']);
  });

  it('disabling ends the sessions at once and withdraws the links; enabling lets the password work again', async () => {
    const email = newEmail();
    const account = await addAccount(store, { email, role: 'panel', passwordHash: await hashPassword('a panel member password', cheap) }, commandLine);
    const { token: session } = await startSession(store, account);
    await sendPasswordLink(store, email, asAdmin(), mail);
    const link = await emailedToken(store, email);

    await disableAccount(store, email, asAdmin());
    expect(await resumeSession(store, session)).toBeUndefined();
    expect(await openPasswordLink(store, link)).toMatchObject({ state: 'withdrawn' });
    await expect(sendPasswordLink(store, email, asAdmin(), mail)).rejects.toThrow(`${email} is disabled. Enable the account before sending a password link`);
    await expect(disableAccount(store, email, asAdmin())).rejects.toThrow('is disabled already');
    expect(await signIn(store, { email, password: 'a panel member password', clientAddress: '192.0.2.13' })).toEqual({ ok: false, reason: 'wrong' });

    await enableAccount(store, email, asAdmin());
    expect(await signIn(store, { email, password: 'a panel member password', clientAddress: '192.0.2.13' })).toMatchObject({ ok: true });
    await expect(enableAccount(store, email, asAdmin())).rejects.toThrow('is not disabled');
    expect((await auditTrail(store, 'staff-account', account.id)).slice(-2)).toMatchObject([
      { actor: admin.email, action: 'account.disable', before: { disabled: false }, after: { disabled: true } },
      { actor: admin.email, action: 'account.enable', before: { disabled: true }, after: { disabled: false } },
    ]);
  });

  it('the last administrator who can sign in can be neither demoted nor disabled, until there is another', async () => {
    // An invited administrator cannot sign in yet, so does not count.
    const invited = newEmail();
    await inviteAccount(store, { email: invited, role: 'admin' }, asAdmin(), mail);
    await expect(changeRole(store, admin.email, 'officer', asAdmin())).rejects.toThrow('That would leave the console with no administrator who can sign in');
    await expect(disableAccount(store, admin.email, asAdmin())).rejects.toThrow('no administrator who can sign in');

    const second = newEmail();
    await addAccount(store, { email: second, role: 'officer', passwordHash: await hashPassword('the second admin password', cheap) }, commandLine);
    await changeRole(store, second, 'admin', asAdmin());
    await disableAccount(store, second, asAdmin());
    await expect(changeRole(store, admin.email, 'panel', asAdmin())).rejects.toThrow('no administrator who can sign in');
    await enableAccount(store, second, asAdmin());
    // Now the first may step down; and then the second is the last.
    await changeRole(store, admin.email, 'officer', asAdmin());
    await expect(disableAccount(store, second, commandLine)).rejects.toThrow('no administrator who can sign in');
    await changeRole(store, admin.email, 'admin', commandLine);
    expect((await listAccounts(store)).filter((account) => account.role === 'admin' && account.status === 'active').map((account) => account.email).sort()).toEqual([admin.email, second].sort());
  });

  it('panel members are given rounds that exist in the content or have applications, and leaving the panel ends them', async () => {
    const email = newEmail();
    const account = await addAccount(store, { email, role: 'panel', passwordHash: 'x' }, commandLine);
    await assignPanelRound(store, email, { fundId: 'small-sparks', round: 'rolling' }, demoFunds, asAdmin());
    await expect(assignPanelRound(store, email, { fundId: 'no-such-fund', round: 'rolling' }, demoFunds, asAdmin())).rejects.toThrow('There is no fund "no-such-fund" in the content. The funds are: active-together, small-sparks');
    await expect(assignPanelRound(store, email, { fundId: 'active-together', round: '2025-01-11' }, demoFunds, asAdmin())).rejects.toThrow('The fund "active-together" has no round "2025-01-11". Its rounds are: 2027-01-11');

    // An earlier round that applications were sent in can still be reviewed.
    await submit(store, { idempotencyKey: newIdempotencyKey(), kind: 'application', fundId: 'active-together', fundRound: '2025-01-11', areaId: 'wisbech', answers: {} });
    await assignPanelRound(store, email, { fundId: 'active-together', round: '2025-01-11' }, demoFunds, asAdmin());
    expect((await findManagedAccount(store, account.id))?.rounds).toEqual([
      { fundId: 'active-together', round: '2025-01-11' },
      { fundId: 'small-sparks', round: 'rolling' },
    ]);

    expect(await unassignPanelRound(store, email, { fundId: 'active-together', round: '2025-01-11' }, asAdmin())).toBe(true);
    expect(await unassignPanelRound(store, email, { fundId: 'active-together', round: '2025-01-11' }, asAdmin())).toBe(false);
    const { removedRounds } = await changeRole(store, email, 'officer', asAdmin());
    expect(removedRounds).toEqual([{ fundId: 'small-sparks', round: 'rolling' }]);
    expect((await findManagedAccount(store, account.id))?.rounds).toEqual([]);
    expect((await auditTrail(store, 'staff-account', account.id)).slice(1).map((entry) => [entry.action, entry.before, entry.after])).toEqual([
      ['panel.assign', null, { fundId: 'small-sparks', fundRound: 'rolling' }],
      ['panel.assign', null, { fundId: 'active-together', fundRound: '2025-01-11' }],
      ['panel.unassign', { fundId: 'active-together', fundRound: '2025-01-11' }, null],
      ['account.role', { role: 'panel', rounds: [{ fundId: 'small-sparks', round: 'rolling' }] }, { role: 'officer' }],
    ]);
    await expect(assignPanelRound(store, email, { fundId: 'small-sparks', round: 'rolling' }, demoFunds, asAdmin())).rejects.toThrow(`${email} is not a panel member`);
  });

  it('housekeeping deletes links a month after they ended, not before, so a late click still hears why', async () => {
    const email = newEmail();
    const now = at('2026-01-05T10:00:00Z');
    await inviteAccount(store, { email, role: 'officer' }, asAdmin(), mail, now);
    const token = await emailedToken(store, email);
    await purgeStaffHousekeeping(store, new Date(now.getTime() + 36 * day));
    expect(await openPasswordLink(store, token, new Date(now.getTime() + 36 * day))).toMatchObject({ state: 'expired' });
    await purgeStaffHousekeeping(store, new Date(now.getTime() + 38 * day));
    expect(await openPasswordLink(store, token)).toBeUndefined();
  });

  it('an id that is not an account’s finds nothing, and never reaches the database as one', async () => {
    expect(await findManagedAccount(store, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
    expect(await findManagedAccount(store, 'not-an-id')).toBeUndefined();
  });
});
