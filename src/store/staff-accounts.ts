/**
 * Managing staff accounts, from the console and the command line: inviting someone (an account with
 * no password yet, and a one-time link to set one, emailed through the outbox), sending a new link,
 * changing a role, disabling and enabling, and the fund rounds panel members review. Each change is
 * one transaction with its audit-log entry; the rules are in `src/staff/accounts.ts`. Only a link's
 * SHA-256 is stored. Server-only.
 */
import { createHash, randomBytes } from 'node:crypto';
import { translator, type Translate } from '../i18n';
import {
  accountChangeProblem,
  accountStatus,
  assignmentProblem,
  describeAccountProblem,
  passwordLinkEmail,
  passwordLinkExpiry,
  passwordLinkState,
  type AccountChange,
  type AccountProblem,
  type AccountStatus,
  type FundInContent,
  type PasswordLinkPurpose,
  type PasswordLinkState,
  type RoundChoice,
} from '../staff/accounts';
import type { StaffRole } from '../staff/roles';
import { siteUrl } from './config';
import type { Database, Queryable } from './database';
import { enqueueMessages } from './outbox';
import { normaliseEmail, recordChange, type Actor, type StaffAccount } from './staff';
import { currentTime } from '../rules/clock';

/** A change refused by the rules; its message is the problem in words (English), for the command line. */
export class AccountProblemError extends Error {
  constructor(readonly detail: AccountProblem) {
    super(describeAccountProblem(detail, translator('en')));
    this.name = 'AccountProblemError';
  }
}

interface AccountRow {
  id: string;
  email: string;
  role: StaffRole;
  password_hash: string | null;
  disabled_at: Date | null;
  created_at: Date;
}

const accountColumns = 'id, email, role, password_hash, disabled_at, created_at';
const toAccount = (row: AccountRow): StaffAccount => ({ id: row.id, email: row.email, role: row.role, disabled: row.disabled_at !== null });

/** Whether `text` has the shape of an account's id, so nothing else reaches the database. */
export const isAccountId = (text: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);

// --- Reading ----------------------------------------------------------------------------------

export interface ManagedAccount extends StaffAccount {
  status: AccountStatus;
  createdAt: Date;
  /** The fund rounds a panel member reviews. */
  rounds: RoundChoice[];
}

export interface PasswordLinkSummary {
  purpose: PasswordLinkPurpose;
  createdAt: Date;
  expiresAt: Date;
  state: PasswordLinkState;
}

/** The rounds of one account, or of every account when none is named. */
async function roundsOf(db: Queryable, accountId?: string): Promise<Map<string, RoundChoice[]>> {
  const rows = await db.query<{ account_id: string; fund_id: string; fund_round: string }>(
    'SELECT account_id, fund_id, fund_round FROM panel_assignments WHERE $1::uuid IS NULL OR account_id = $1::uuid ORDER BY fund_id, fund_round DESC',
    [accountId ?? null],
  );
  const byAccount = new Map<string, RoundChoice[]>();
  for (const row of rows) byAccount.set(row.account_id, [...(byAccount.get(row.account_id) ?? []), { fundId: row.fund_id, round: row.fund_round }]);
  return byAccount;
}

const toManaged = (row: AccountRow, rounds: Map<string, RoundChoice[]>): ManagedAccount => ({
  ...toAccount(row),
  status: accountStatus({ disabled: row.disabled_at !== null, hasPassword: row.password_hash !== null }),
  createdAt: new Date(row.created_at),
  rounds: rounds.get(row.id) ?? [],
});

/** Every account, by email, with where it stands and its rounds. */
export async function listAccounts(db: Queryable): Promise<ManagedAccount[]> {
  const rows = await db.query<AccountRow>(`SELECT ${accountColumns} FROM staff_accounts ORDER BY email`);
  const rounds = await roundsOf(db);
  return rows.map((row) => toManaged(row, rounds));
}

/** One account by its id, with its newest password link; undefined if there is none. */
export async function findManagedAccount(db: Queryable, id: string, now = currentTime()): Promise<(ManagedAccount & { link: PasswordLinkSummary | null }) | undefined> {
  if (!isAccountId(id)) return undefined;
  const [row] = await db.query<AccountRow>(`SELECT ${accountColumns} FROM staff_accounts WHERE id = $1`, [id]);
  if (!row) return undefined;
  const [link] = await db.query<LinkRow>(`SELECT ${linkColumns} FROM staff_password_links WHERE account_id = $1 ORDER BY created_at DESC, id LIMIT 1`, [id]);
  return {
    ...toManaged(row, await roundsOf(db, row.id)),
    link: link ? { purpose: link.purpose, createdAt: new Date(link.created_at), expiresAt: new Date(link.expires_at), state: linkState(link, row.disabled_at !== null, now) } : null,
  };
}

/** Every fund round that applications were sent in, for the rounds a panel member can be given. */
export async function roundsWithApplications(db: Queryable): Promise<RoundChoice[]> {
  const rows = await db.query<{ fund_id: string; fund_round: string }>(
    "SELECT DISTINCT fund_id, fund_round FROM submissions WHERE kind = 'application' AND fund_id IS NOT NULL AND fund_round IS NOT NULL",
  );
  return rows.map((row) => ({ fundId: row.fund_id, round: row.fund_round }));
}

// --- Changing ---------------------------------------------------------------------------------

async function lockAccount(tx: Queryable, email: string): Promise<AccountRow> {
  const [row] = await tx.query<AccountRow>(`SELECT ${accountColumns} FROM staff_accounts WHERE email = $1 FOR UPDATE`, [normaliseEmail(email)]);
  if (!row) throw new AccountProblemError({ problem: 'no-account', email: normaliseEmail(email) });
  return row;
}

/** The administrators who can sign in now, locked, so two changes at once cannot each leave the other as the last. */
async function lockSignInAdmins(tx: Queryable): Promise<string[]> {
  const rows = await tx.query<{ id: string }>("SELECT id FROM staff_accounts WHERE role = 'admin' AND disabled_at IS NULL AND password_hash IS NOT NULL ORDER BY id FOR UPDATE");
  return rows.map((row) => row.id);
}

async function checkChange(tx: Queryable, email: string, change: AccountChange): Promise<AccountRow> {
  const admins = await lockSignInAdmins(tx);
  const row = await lockAccount(tx, email);
  const problem = accountChangeProblem(toAccount(row), change, admins);
  if (problem) throw new AccountProblemError(problem);
  return row;
}

/**
 * Gives an account another role. Leaving the panel ends its round assignments, since only panel
 * members review rounds. Refused if it would leave no administrator who can sign in.
 */
export async function changeRole(db: Database, email: string, role: StaffRole, actor: Actor, now = currentTime()): Promise<{ account: StaffAccount; removedRounds: RoundChoice[] }> {
  return db.transaction(async (tx) => {
    const before = await checkChange(tx, email, { role });
    const [row] = await tx.query<AccountRow>(`UPDATE staff_accounts SET role = $2, updated_at = $3 WHERE id = $1 RETURNING ${accountColumns}`, [before.id, role, now]);
    const removed = role === 'panel' ? [] : await tx.query<{ fund_id: string; fund_round: string }>('DELETE FROM panel_assignments WHERE account_id = $1 RETURNING fund_id, fund_round', [before.id]);
    const removedRounds = removed.map((item) => ({ fundId: item.fund_id, round: item.fund_round }));
    await recordChange(
      tx,
      actor,
      { action: 'account.role', subjectType: 'staff-account', subjectId: before.id, before: { role: before.role, ...(removedRounds.length ? { rounds: removedRounds } : {}) }, after: { role } },
      now,
    );
    return { account: toAccount(row!), removedRounds };
  });
}

/** Stops the account signing in, ends its sessions and withdraws its password links; it stays, since the audit log names it. */
export async function disableAccount(db: Database, email: string, actor: Actor, now = currentTime()): Promise<StaffAccount> {
  return db.transaction(async (tx) => {
    const before = await checkChange(tx, email, { disabled: true });
    const [row] = await tx.query<AccountRow>(`UPDATE staff_accounts SET disabled_at = $2, updated_at = $2 WHERE id = $1 RETURNING ${accountColumns}`, [before.id, now]);
    await tx.query('DELETE FROM staff_sessions WHERE account_id = $1', [before.id]);
    await withdrawLinks(tx, before.id, now);
    await recordChange(tx, actor, { action: 'account.disable', subjectType: 'staff-account', subjectId: before.id, before: toAccount(before), after: toAccount(row!) }, now);
    return toAccount(row!);
  });
}

/** Lets a disabled account sign in again with its password (or, if it never set one, a new link). */
export async function enableAccount(db: Database, email: string, actor: Actor, now = currentTime()): Promise<StaffAccount> {
  return db.transaction(async (tx) => {
    const before = await checkChange(tx, email, { disabled: false });
    const [row] = await tx.query<AccountRow>(`UPDATE staff_accounts SET disabled_at = NULL, updated_at = $2 WHERE id = $1 RETURNING ${accountColumns}`, [before.id, now]);
    await recordChange(tx, actor, { action: 'account.enable', subjectType: 'staff-account', subjectId: before.id, before: toAccount(before), after: toAccount(row!) }, now);
    return toAccount(row!);
  });
}

/**
 * Lets a panel member see and score the applications of one fund round. The fund must be in the
 * content (`funds`), and the round its current one or one applications were sent in.
 */
export async function assignPanelRound(db: Database, email: string, choice: RoundChoice, funds: readonly FundInContent[], actor: Actor, now = currentTime()): Promise<void> {
  await db.transaction(async (tx) => {
    const account = await lockAccount(tx, email);
    const problem = assignmentProblem(account, choice, funds, await roundsWithApplications(tx));
    if (problem) throw new AccountProblemError(problem);
    const added = await tx.query('INSERT INTO panel_assignments (account_id, fund_id, fund_round) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1', [account.id, choice.fundId, choice.round]);
    if (added.length === 0) return;
    await recordChange(tx, actor, { action: 'panel.assign', subjectType: 'staff-account', subjectId: account.id, before: null, after: { fundId: choice.fundId, fundRound: choice.round } }, now);
  });
}

/** Ends a panel member's assignment to a round; false if they did not have it. */
export async function unassignPanelRound(db: Database, email: string, choice: RoundChoice, actor: Actor, now = currentTime()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const account = await lockAccount(tx, email);
    const removed = await tx.query('DELETE FROM panel_assignments WHERE account_id = $1 AND fund_id = $2 AND fund_round = $3 RETURNING 1', [account.id, choice.fundId, choice.round]);
    if (removed.length === 0) return false;
    await recordChange(tx, actor, { action: 'panel.unassign', subjectType: 'staff-account', subjectId: account.id, before: { fundId: choice.fundId, fundRound: choice.round }, after: null }, now);
    return true;
  });
}

// --- Links to set a password ------------------------------------------------------------------

/** What the email with a link needs besides the account: the site's name, in the site's language. */
export interface LinkEmail {
  siteName: string;
  t?: Translate;
}

interface LinkRow {
  id: string;
  account_id: string;
  purpose: PasswordLinkPurpose;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  withdrawn_at: Date | null;
}

const linkColumns = 'id, account_id, purpose, created_at, expires_at, used_at, withdrawn_at';

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Whether `text` has the shape of a link's secret, so nothing else reaches the database. */
export const isPasswordLinkToken = (text: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(text);

/** Where a link's secret is opened. */
export const passwordLinkPath = (token: string): string => `/staff/password/${token}/`;

const linkState = (row: LinkRow, accountDisabled: boolean, now: Date): PasswordLinkState =>
  passwordLinkState({ expiresAt: new Date(row.expires_at), usedAt: row.used_at && new Date(row.used_at), withdrawnAt: row.withdrawn_at && new Date(row.withdrawn_at) }, accountDisabled, now);

async function withdrawLinks(tx: Queryable, accountId: string, now: Date): Promise<void> {
  await tx.query('UPDATE staff_password_links SET withdrawn_at = $2 WHERE account_id = $1 AND used_at IS NULL AND withdrawn_at IS NULL', [accountId, now]);
}

/** Makes a new link (withdrawing the account's earlier ones, so only the newest works) and queues its email. */
async function issueLink(tx: Queryable, account: AccountRow, purpose: PasswordLinkPurpose, mail: LinkEmail, now: Date): Promise<{ expiresAt: Date }> {
  await withdrawLinks(tx, account.id, now);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = passwordLinkExpiry(now);
  await tx.query(
    'INSERT INTO staff_password_links (token_hash, account_id, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
    [hashToken(token), account.id, purpose, now, expiresAt],
  );
  const link = new URL(passwordLinkPath(token), siteUrl()).href;
  const email = passwordLinkEmail({ purpose, role: account.role, link, expiresAt, siteName: mail.siteName }, mail.t ?? translator('en'));
  await enqueueMessages(tx, null, [{ purpose: 'staff-password-link', to: account.email, ...email }], now);
  return { expiresAt };
}

/** Adds an account with no password yet and emails its holder a link to set one. */
export async function inviteAccount(
  db: Database,
  input: { email: string; role: StaffRole },
  actor: Actor,
  mail: LinkEmail,
  now = currentTime(),
): Promise<{ account: StaffAccount; expiresAt: Date }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<AccountRow>(
      `INSERT INTO staff_accounts (email, role, password_hash, created_at, updated_at) VALUES ($1, $2, NULL, $3, $3)
       ON CONFLICT (email) DO NOTHING RETURNING ${accountColumns}`,
      [normaliseEmail(input.email), input.role, now],
    );
    if (!row) throw new AccountProblemError({ problem: 'account-exists', email: normaliseEmail(input.email) });
    const { expiresAt } = await issueLink(tx, row, 'invitation', mail, now);
    await recordChange(tx, actor, { action: 'account.invite', subjectType: 'staff-account', subjectId: row.id, before: null, after: { ...toAccount(row), linkExpiresAt: expiresAt } }, now);
    return { account: toAccount(row), expiresAt };
  });
}

/**
 * Emails a new link to set a password, withdrawing any earlier one: a reset for an account with a
 * password (which keeps working until the new one is set), an invitation again for one without.
 */
export async function sendPasswordLink(db: Database, email: string, actor: Actor, mail: LinkEmail, now = currentTime()): Promise<{ account: StaffAccount; expiresAt: Date }> {
  return db.transaction(async (tx) => {
    const row = await lockAccount(tx, email);
    if (row.disabled_at !== null) throw new AccountProblemError({ problem: 'link-for-disabled', email: row.email });
    const purpose: PasswordLinkPurpose = row.password_hash === null ? 'invitation' : 'reset';
    const { expiresAt } = await issueLink(tx, row, purpose, mail, now);
    await recordChange(tx, actor, { action: 'account.password-link', subjectType: 'staff-account', subjectId: row.id, before: null, after: { purpose, linkExpiresAt: expiresAt } }, now);
    return { account: toAccount(row), expiresAt };
  });
}

export interface OpenedLink {
  state: PasswordLinkState;
  purpose: PasswordLinkPurpose;
  account: StaffAccount;
  expiresAt: Date;
}

/** What a link's secret opens, and whether it still works; undefined for a secret that was never made. */
export async function openPasswordLink(db: Queryable, token: string, now = currentTime()): Promise<OpenedLink | undefined> {
  if (!isPasswordLinkToken(token)) return undefined;
  const [row] = await db.query<LinkRow & { email: string; role: StaffRole; disabled_at: Date | null }>(
    `SELECT l.id, l.account_id, l.purpose, l.created_at, l.expires_at, l.used_at, l.withdrawn_at, a.email, a.role, a.disabled_at
     FROM staff_password_links l JOIN staff_accounts a ON a.id = l.account_id WHERE l.token_hash = $1`,
    [hashToken(token)],
  );
  if (!row) return undefined;
  return {
    state: linkState(row, row.disabled_at !== null, now),
    purpose: row.purpose,
    account: { id: row.account_id, email: row.email, role: row.role, disabled: row.disabled_at !== null },
    expiresAt: new Date(row.expires_at),
  };
}

export type PasswordSetting = { ok: true; account: StaffAccount } | { ok: false; state: Exclude<PasswordLinkState, 'usable'> | 'unknown' };

/**
 * Sets the password with a link, once: the link is used up, the account's other links withdrawn and
 * its sessions ended (whoever had the old password is signed out). The audit log names the account
 * itself as the one who did it, and never holds the password.
 */
export async function setPasswordWithLink(db: Database, token: string, passwordHash: string, now = currentTime()): Promise<PasswordSetting> {
  if (!isPasswordLinkToken(token)) return { ok: false, state: 'unknown' };
  return db.transaction(async (tx) => {
    const [link] = await tx.query<LinkRow>(`SELECT ${linkColumns} FROM staff_password_links WHERE token_hash = $1 FOR UPDATE`, [hashToken(token)]);
    if (!link) return { ok: false, state: 'unknown' };
    const [account] = await tx.query<AccountRow>(`SELECT ${accountColumns} FROM staff_accounts WHERE id = $1 FOR UPDATE`, [link.account_id]);
    const state = linkState(link, account!.disabled_at !== null, now);
    if (state !== 'usable') return { ok: false, state };
    const [row] = await tx.query<AccountRow>(`UPDATE staff_accounts SET password_hash = $2, updated_at = $3 WHERE id = $1 RETURNING ${accountColumns}`, [link.account_id, passwordHash, now]);
    await tx.query('UPDATE staff_password_links SET used_at = $2 WHERE id = $1', [link.id, now]);
    await withdrawLinks(tx, link.account_id, now);
    await tx.query('DELETE FROM staff_sessions WHERE account_id = $1', [link.account_id]);
    const signedIn = toAccount(row!);
    await recordChange(tx, { account: signedIn }, { action: 'account.set-password', subjectType: 'staff-account', subjectId: signedIn.id, before: null, after: { purpose: link.purpose } }, now);
    return { ok: true, account: signedIn };
  });
}
