/**
 * What the staff console keeps about its people: accounts, sessions, sign-in attempts and the audit
 * log. The rules (hashing, throttling, expiry, roles) live in `src/staff/` as pure functions; this
 * file only reads and writes them. Managing accounts (invitations, roles, disabling, panel rounds)
 * is in `staff-accounts.ts`. Server-only.
 */
import { createHash, randomBytes } from 'node:crypto';
import { accountLimit, clientLimit, sessionIdleMinutes } from '../staff/policy';
import type { StaffRole } from '../staff/roles';
import { absoluteEnd, sessionIsLive } from '../staff/session-rules';
import { combineThrottles, loginThrottle, type LoginAttempt } from '../staff/throttle';
import { jsonParameter, type Database, type Queryable } from './database';
import { currentTime } from '../rules/clock';

export interface StaffAccount {
  id: string;
  email: string;
  role: StaffRole;
  disabled: boolean;
}

interface AccountRow {
  id: string;
  email: string;
  role: StaffRole;
  /** Null until an invited account sets its password. */
  password_hash: string | null;
  disabled_at: Date | null;
}

/** Who made a change: a signed-in account, the command line, or the hub itself (a feedback link, the retention purge). */
export type Actor = { account: StaffAccount } | { commandLine: true } | { system: string };

/** Emails are compared as typed, apart from case and surrounding spaces. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

const toAccount = (row: AccountRow): StaffAccount => ({ id: row.id, email: row.email, role: row.role, disabled: row.disabled_at !== null });

/** The account with this email, with its password hash for signing in (null before an invited account sets one); undefined if there is none. */
export async function findAccountForSignIn(db: Queryable, email: string): Promise<(StaffAccount & { passwordHash: string | null }) | undefined> {
  const [row] = await db.query<AccountRow>('SELECT id, email, role, password_hash, disabled_at FROM staff_accounts WHERE email = $1', [normaliseEmail(email)]);
  return row && { ...toAccount(row), passwordHash: row.password_hash };
}

export async function findAccount(db: Queryable, email: string): Promise<StaffAccount | undefined> {
  const found = await findAccountForSignIn(db, email);
  if (!found) return undefined;
  const { passwordHash: _hash, ...account } = found;
  return account;
}

/** Adds an account; throws if the email already has one. */
export async function addAccount(db: Database, input: { email: string; role: StaffRole; passwordHash: string }, actor: Actor, now = currentTime()): Promise<StaffAccount> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<AccountRow>(
      `INSERT INTO staff_accounts (email, role, password_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT (email) DO NOTHING RETURNING id, email, role, password_hash, disabled_at`,
      [normaliseEmail(input.email), input.role, input.passwordHash, now],
    );
    if (!row) throw new Error(`There is already an account for ${normaliseEmail(input.email)}`);
    const account = toAccount(row);
    await recordChange(tx, actor, { action: 'account.add', subjectType: 'staff-account', subjectId: account.id, before: null, after: account }, now);
    return account;
  });
}

/** Sets a new password, ends the account's sessions (whoever had the old one is signed out) and withdraws its unused password links. */
export async function resetPassword(db: Database, email: string, passwordHash: string, actor: Actor, now = currentTime()): Promise<StaffAccount> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<AccountRow>(
      'UPDATE staff_accounts SET password_hash = $2, updated_at = $3 WHERE email = $1 RETURNING id, email, role, password_hash, disabled_at',
      [normaliseEmail(email), passwordHash, now],
    );
    if (!row) throw new Error(`There is no account for ${normaliseEmail(email)}`);
    await tx.query('DELETE FROM staff_sessions WHERE account_id = $1', [row.id]);
    // A link sent earlier must not set yet another password over this one.
    await tx.query('UPDATE staff_password_links SET withdrawn_at = $2 WHERE account_id = $1 AND used_at IS NULL AND withdrawn_at IS NULL', [row.id, now]);
    const account = toAccount(row);
    // The audit log says the password changed, never what it was or became.
    await recordChange(tx, actor, { action: 'account.reset-password', subjectType: 'staff-account', subjectId: account.id, before: null, after: null }, now);
    return account;
  });
}

// --- Sessions -------------------------------------------------------------------------------

export interface StaffSession {
  id: string;
  account: StaffAccount;
  csrfToken: string;
  /** Whether the account has an authenticator app set up (STAFF_REQUIRE_2FA may insist on one). */
  secondFactor: boolean;
}

const hasSecondFactor = 'EXISTS (SELECT 1 FROM staff_second_factors f WHERE f.account_id = $1 AND f.confirmed_at IS NOT NULL)';

const tokenHash = (token: string): string => createHash('sha256').update(token).digest('base64url');

/** Starts a session; returns the secret for the cookie (only its hash is kept). */
export async function startSession(db: Queryable, account: StaffAccount, now = currentTime()): Promise<{ token: string; session: StaffSession }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const [row] = await db.query<{ id: string }>(
    'INSERT INTO staff_sessions (token_hash, account_id, csrf_token, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $4, $5) RETURNING id',
    [tokenHash(token), account.id, csrfToken, now, absoluteEnd(now)],
  );
  const [factor] = await db.query<{ on: boolean }>(`SELECT ${hasSecondFactor} AS on`, [account.id]);
  return { token, session: { id: row!.id, account, csrfToken, secondFactor: factor!.on } };
}

interface SessionRow extends AccountRow {
  second_factor: boolean;
  session_id: string;
  csrf_token: string;
  last_seen_at: Date;
  expires_at: Date;
}

/** The live session a cookie's secret belongs to, marked as seen now; undefined when it has ended or its account is disabled. */
export async function resumeSession(db: Queryable, token: string, now = currentTime()): Promise<StaffSession | undefined> {
  const [row] = await db.query<SessionRow>(
    `SELECT s.id AS session_id, s.csrf_token, s.last_seen_at, s.expires_at, a.id, a.email, a.role, a.password_hash, a.disabled_at,
       EXISTS (SELECT 1 FROM staff_second_factors f WHERE f.account_id = a.id AND f.confirmed_at IS NOT NULL) AS second_factor
     FROM staff_sessions s JOIN staff_accounts a ON a.id = s.account_id WHERE s.token_hash = $1`,
    [tokenHash(token)],
  );
  if (!row || row.disabled_at !== null) return undefined;
  if (!sessionIsLive({ lastSeenAt: new Date(row.last_seen_at), expiresAt: new Date(row.expires_at) }, now)) {
    await db.query('DELETE FROM staff_sessions WHERE id = $1', [row.session_id]);
    return undefined;
  }
  await db.query('UPDATE staff_sessions SET last_seen_at = $2 WHERE id = $1', [row.session_id, now]);
  return { id: row.session_id, account: toAccount(row), csrfToken: row.csrf_token, secondFactor: row.second_factor };
}

export async function endSession(db: Queryable, sessionId: string): Promise<void> {
  await db.query('DELETE FROM staff_sessions WHERE id = $1', [sessionId]);
}

// --- Sign-in attempts -----------------------------------------------------------------------

/** The attempts for this email and from this client within the last `minutes`, for the throttle. */
export async function recentLoginAttempts(db: Queryable, email: string, clientKey: string, minutes: number, now = currentTime()): Promise<{ account: LoginAttempt[]; client: LoginAttempt[] }> {
  const since = new Date(now.getTime() - minutes * 60_000);
  const rows = await db.query<{ email: string; client_key: string; succeeded: boolean | null; attempted_at: Date }>(
    'SELECT email, client_key, succeeded, attempted_at FROM staff_login_attempts WHERE (email = $1 OR client_key = $2) AND attempted_at > $3',
    [normaliseEmail(email), clientKey, since],
  );
  // An attempt still being checked counts as a failure until it is settled.
  const attempt = (row: (typeof rows)[number]): LoginAttempt => ({ at: new Date(row.attempted_at), succeeded: row.succeeded === true });
  return {
    account: rows.filter((row) => row.email === normaliseEmail(email)).map(attempt),
    client: rows.filter((row) => row.client_key === clientKey).map(attempt),
  };
}

export async function recordLoginAttempt(db: Queryable, email: string, clientKey: string, succeeded: boolean, now = currentTime()): Promise<void> {
  await db.query('INSERT INTO staff_login_attempts (email, client_key, succeeded, attempted_at) VALUES ($1, $2, $3, $4)', [normaliseEmail(email).slice(0, 320), clientKey, succeeded, now]);
}

/** A number for `pg_advisory_xact_lock` standing for one account or client (a rare collision only makes two wait for each other). */
const advisoryKey = (name: string): bigint => createHash('sha256').update(name).digest().readBigInt64BE(0);

/**
 * Reserves one sign-in attempt for this email from this client, if the throttle allows it: the check
 * and the reservation happen under a lock per account and per client (held to the transaction's end,
 * on PGlite and PostgreSQL alike), so however many arrive at once, no more pass than the limit allows.
 * The reserved attempt counts as a failure until `settleLoginAttempt` says how it went.
 */
export async function reserveLoginAttempt(
  db: Database,
  email: string,
  clientKey: string,
  now = currentTime(),
): Promise<{ reserved: true; attemptId: number } | { reserved: false; until: Date }> {
  const account = normaliseEmail(email).slice(0, 320);
  return db.transaction(async (tx) => {
    // Always in the same order, so two attempts never wait for each other's second lock.
    const keys = [advisoryKey(`account ${account}`), advisoryKey(`client ${clientKey}`)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const key of keys) await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [key.toString()]);
    const recent = await recentLoginAttempts(tx, account, clientKey, Math.max(accountLimit.windowMinutes, clientLimit.windowMinutes), now);
    // An attempt that started a moment after this one may have reserved first: it counts as made now.
    const upToNow = (attempts: LoginAttempt[]) => attempts.map((attempt) => (attempt.at > now ? { ...attempt, at: now } : attempt));
    const decision = combineThrottles(loginThrottle(upToNow(recent.account), now, accountLimit), loginThrottle(upToNow(recent.client), now, clientLimit));
    if (!decision.allowed) return { reserved: false, until: decision.until };
    const [row] = await tx.query<{ id: number }>(
      'INSERT INTO staff_login_attempts (email, client_key, succeeded, attempted_at) VALUES ($1, $2, NULL, $3) RETURNING id',
      [account, clientKey, now],
    );
    return { reserved: true, attemptId: row!.id };
  });
}

/** How a reserved attempt went: a success clears the count of failures before it. */
export async function settleLoginAttempt(db: Queryable, attemptId: number, succeeded: boolean): Promise<void> {
  await db.query('UPDATE staff_login_attempts SET succeeded = $2 WHERE id = $1', [attemptId, succeeded]);
}

/** Gives a reserved attempt back unchecked (the server was too busy to check it), so it counts for nothing. */
export async function withdrawLoginAttempt(db: Queryable, attemptId: number): Promise<void> {
  await db.query('DELETE FROM staff_login_attempts WHERE id = $1 AND succeeded IS NULL', [attemptId]);
}

/**
 * Deletes ended sessions (idle too long or past their end), sign-in attempts older than a day, and
 * password links that ended more than 30 days ago (kept that long to tell someone theirs was used or expired).
 */
export async function purgeStaffHousekeeping(db: Queryable, now = currentTime()): Promise<void> {
  await db.query('DELETE FROM staff_sessions WHERE expires_at <= $1 OR last_seen_at <= $2', [now, new Date(now.getTime() - sessionIdleMinutes * 60_000)]);
  await db.query('DELETE FROM staff_login_attempts WHERE attempted_at < $1', [new Date(now.getTime() - 24 * 3_600_000)]);
  await db.query('DELETE FROM staff_sign_in_challenges WHERE expires_at <= $1', [now]);
  await db.query('DELETE FROM staff_password_links WHERE expires_at < $1', [new Date(now.getTime() - 30 * 24 * 3_600_000)]);
}

// --- Audit log ------------------------------------------------------------------------------

export interface Change {
  action: string;
  /** store: the database as a whole (a retention purge, with counts only); email: one in the outbox, by its id. */
  subjectType: 'staff-account' | 'submission' | 'store' | 'email';
  subjectId: string;
  before: unknown;
  after: unknown;
}

export interface AuditEntry extends Change {
  at: Date;
  actor: string;
}

/** Writes one change to the audit log; call it in the same transaction as the change. */
export async function recordChange(db: Queryable, actor: Actor, change: Change, now = currentTime()): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (at, actor_id, actor, action, subject_type, subject_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8::text::jsonb)`,
    [
      now,
      'account' in actor ? actor.account.id : null,
      'account' in actor ? actor.account.email : 'system' in actor ? actor.system : 'command line',
      change.action,
      change.subjectType,
      change.subjectId,
      change.before === null ? null : jsonParameter(change.before),
      change.after === null ? null : jsonParameter(change.after),
    ],
  );
}

/** The changes made to one thing, oldest first. */
export async function auditTrail(db: Queryable, subjectType: Change['subjectType'], subjectId: string): Promise<AuditEntry[]> {
  const rows = await db.query<{ at: Date; actor: string; action: string; subject_type: Change['subjectType']; subject_id: string; before: unknown; after: unknown }>(
    'SELECT at, actor, action, subject_type, subject_id, before, after FROM audit_log WHERE subject_type = $1 AND subject_id = $2 ORDER BY at, id',
    [subjectType, subjectId],
  );
  return rows.map((row) => ({ at: new Date(row.at), actor: row.actor, action: row.action, subjectType: row.subject_type, subjectId: row.subject_id, before: row.before, after: row.after }));
}
