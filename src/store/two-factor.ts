/**
 * What the staff console keeps about second factors: each account's authenticator app secret, its
 * one-time recovery codes (hashed), and the short-lived challenge between a right password and a right
 * code. The rules (codes, steps, who must have one) are in `src/staff/two-factor.ts`. Every change is
 * in the audit log, never with a secret or a code in it. Server-only.
 */
import { createHash, randomBytes } from 'node:crypto';
import { matchingStep, newRecoveryCodes, newTotpSecret, recoveryCode, recoveryCodeHash } from '../staff/two-factor';
import type { Database, Queryable } from './database';
import { recordChange, type Actor, type StaffAccount } from './staff';

/** How long someone has to type their code after a right password. */
export const challengeMinutes = 10;

export interface SecondFactorStatus {
  /** An app is set up and asked for at sign-in. */
  on: boolean;
  /** Recovery codes not used yet. */
  recoveryCodesLeft: number;
}

export async function secondFactorStatus(db: Queryable, accountId: string): Promise<SecondFactorStatus> {
  const [row] = await db.query<{ on: boolean; left: number }>(
    `SELECT EXISTS (SELECT 1 FROM staff_second_factors WHERE account_id = $1 AND confirmed_at IS NOT NULL) AS on,
       (SELECT count(*)::int FROM staff_recovery_codes WHERE account_id = $1 AND used_at IS NULL) AS left`,
    [accountId],
  );
  return { on: row!.on, recoveryCodesLeft: row!.left };
}

/**
 * The secret being set up for this account: the one made earlier if setting up was started and not
 * finished (so reloading the page keeps the QR code the app may have read), else a new one. Undefined
 * when an app is already set up.
 */
export async function startSettingUp(db: Queryable, accountId: string, now = new Date()): Promise<string | undefined> {
  await db.query('INSERT INTO staff_second_factors (account_id, secret, created_at) VALUES ($1, $2, $3) ON CONFLICT (account_id) DO NOTHING', [accountId, newTotpSecret(), now]);
  const [row] = await db.query<{ secret: string; confirmed_at: Date | null }>('SELECT secret, confirmed_at FROM staff_second_factors WHERE account_id = $1', [accountId]);
  return row && row.confirmed_at === null ? row.secret : undefined;
}

/** Stores fresh recovery codes in place of any before; returns them to show once. */
async function replaceRecoveryCodes(tx: Queryable, accountId: string, now: Date): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.query('DELETE FROM staff_recovery_codes WHERE account_id = $1', [accountId]);
  for (const code of codes) await tx.query('INSERT INTO staff_recovery_codes (account_id, code_hash, created_at) VALUES ($1, $2, $3)', [accountId, recoveryCodeHash(code), now]);
  return codes;
}

/**
 * Finishes setting up: the app's code must be right for the secret being set up. Turns the second
 * factor on, makes recovery codes (returned, to show once) and ends the account's other sessions,
 * which began without it.
 */
export async function finishSettingUp(db: Database, account: StaffAccount, sessionId: string, code: string, now = new Date()): Promise<{ recoveryCodes: string[] } | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ secret: string }>('SELECT secret FROM staff_second_factors WHERE account_id = $1 AND confirmed_at IS NULL FOR UPDATE', [account.id]);
    const step = row && matchingStep(row.secret, code, now);
    if (step === undefined) return undefined;
    await tx.query('UPDATE staff_second_factors SET confirmed_at = $2, last_step = $3 WHERE account_id = $1', [account.id, now, step]);
    const recoveryCodes = await replaceRecoveryCodes(tx, account.id, now);
    await tx.query('DELETE FROM staff_sessions WHERE account_id = $1 AND id <> $2', [account.id, sessionId]);
    await recordChange(tx, { account }, { action: 'account.second-factor.on', subjectType: 'staff-account', subjectId: account.id, before: null, after: { recoveryCodes: recoveryCodes.length } }, now);
    return { recoveryCodes };
  });
}

/**
 * Takes a code at sign-in or to confirm a change: a code from the app (each 30-second step once), or
 * an unused recovery code (used up by this). Says which, or undefined when it is neither.
 */
export async function takeCode(db: Database, account: StaffAccount, typed: string, now = new Date()): Promise<'app' | 'recovery' | undefined> {
  return db.transaction(async (tx) => {
    const [factor] = await tx.query<{ secret: string; last_step: string | number | null }>(
      'SELECT secret, last_step FROM staff_second_factors WHERE account_id = $1 AND confirmed_at IS NOT NULL FOR UPDATE',
      [account.id],
    );
    if (!factor) return undefined;
    const digits = typed.replace(/[\s-]/g, '');
    if (/^\d{6}$/.test(digits)) {
      const step = matchingStep(factor.secret, digits, now);
      if (step === undefined || (factor.last_step !== null && step <= Number(factor.last_step))) return undefined;
      await tx.query('UPDATE staff_second_factors SET last_step = $2 WHERE account_id = $1', [account.id, step]);
      return 'app';
    }
    const code = recoveryCode(typed);
    if (!code) return undefined;
    const [used] = await tx.query<{ id: number }>(
      'UPDATE staff_recovery_codes SET used_at = $3 WHERE account_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING id',
      [account.id, recoveryCodeHash(code), now],
    );
    if (!used) return undefined;
    const [left] = await tx.query<{ left: number }>('SELECT count(*)::int AS left FROM staff_recovery_codes WHERE account_id = $1 AND used_at IS NULL', [account.id]);
    await recordChange(tx, { account }, { action: 'account.second-factor.recovery-code-used', subjectType: 'staff-account', subjectId: account.id, before: null, after: { recoveryCodesLeft: left!.left } }, now);
    return 'recovery';
  });
}

/** New recovery codes in place of the old ones (which stop working); returned to show once. */
export async function regenerateRecoveryCodes(db: Database, account: StaffAccount, now = new Date()): Promise<string[]> {
  return db.transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, account.id, now);
    await recordChange(tx, { account }, { action: 'account.second-factor.new-recovery-codes', subjectType: 'staff-account', subjectId: account.id, before: null, after: { recoveryCodes: codes.length } }, now);
    return codes;
  });
}

/**
 * Turns the second factor off and deletes its recovery codes: by the member themselves, or (a lost
 * phone and no codes) by an administrator or the command line, after which the member signs in with
 * their password and may set up an app again. Returns whether there was one.
 */
export async function turnOffSecondFactor(db: Database, account: StaffAccount, actor: Actor, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const removed = await tx.query('DELETE FROM staff_second_factors WHERE account_id = $1 RETURNING confirmed_at', [account.id]);
    await tx.query('DELETE FROM staff_recovery_codes WHERE account_id = $1', [account.id]);
    await tx.query('DELETE FROM staff_sign_in_challenges WHERE account_id = $1', [account.id]);
    const wasOn = removed.some((row) => (row as { confirmed_at: Date | null }).confirmed_at !== null);
    if (wasOn) await recordChange(tx, actor, { action: 'account.second-factor.off', subjectType: 'staff-account', subjectId: account.id, before: null, after: null }, now);
    return wasOn;
  });
}

// --- Between the password and the code ----------------------------------------------------------

const tokenHash = (token: string): string => createHash('sha256').update(token).digest('base64url');

/** After a right password, for an account with an app: the secret for the cookie that carries it to the code page. */
export async function startChallenge(db: Queryable, accountId: string, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.query('INSERT INTO staff_sign_in_challenges (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
    tokenHash(token),
    accountId,
    now,
    new Date(now.getTime() + challengeMinutes * 60_000),
  ]);
  return token;
}

/** The account a live challenge is for; undefined when it has expired, been used, or the account is disabled. */
export async function challengedAccount(db: Queryable, token: string, now = new Date()): Promise<(StaffAccount & { challengeId: string }) | undefined> {
  const [row] = await db.query<{ challenge_id: string; id: string; email: string; role: StaffAccount['role']; disabled_at: Date | null }>(
    `SELECT c.id AS challenge_id, a.id, a.email, a.role, a.disabled_at FROM staff_sign_in_challenges c JOIN staff_accounts a ON a.id = c.account_id
     WHERE c.token_hash = $1 AND c.expires_at > $2`,
    [tokenHash(token), now],
  );
  if (!row || row.disabled_at !== null) return undefined;
  return { challengeId: row.challenge_id, id: row.id, email: row.email, role: row.role, disabled: false };
}

export async function endChallenge(db: Queryable, challengeId: string): Promise<void> {
  await db.query('DELETE FROM staff_sign_in_challenges WHERE id = $1', [challengeId]);
}
