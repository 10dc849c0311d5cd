/**
 * Signing in, cheap to refuse and bounded under attack: first an attempt is reserved against the
 * throttle in the database (per account and per client, atomically, so a burst cannot pass the
 * limit, and a refused one costs no password check); then the password is checked among a bounded
 * few at once (`boundedCheck`: when too many wait, the answer is "busy, try again shortly" at once);
 * then a fresh session, or, for an account with an authenticator app, a challenge for its code, which
 * is throttled the same way. The answer never says whether the account exists or is disabled: an
 * unknown account takes a place in the same bound and as long to check. Server-only.
 */
import type { Database } from '../store/database';
import { clientKeyFor } from '../store/rate-limit';
import { findAccountForSignIn, reserveLoginAttempt, settleLoginAttempt, startSession, withdrawLoginAttempt, type StaffAccount, type StaffSession } from '../store/staff';
import { challengedAccount, endChallenge, secondFactorStatus, startChallenge, takeCode } from '../store/two-factor';
import { boundedCheck, passwordChecksFull } from './password-checks';
import { verifyAgainstNobody, verifyPassword } from './passwords';
import { currentTime } from '../rules/clock';

export type SignInResult =
  | { ok: true; token: string; session: StaffSession }
  /** The password was right; the account's second factor is asked for next, with this challenge. */
  | { ok: false; reason: 'code-needed'; challenge: string }
  | { ok: false; reason: 'wrong' }
  | { ok: false; reason: 'throttled'; until: Date }
  /** Too many sign-ins are being checked at once: try again in a few seconds. */
  | { ok: false; reason: 'busy' };

/** An email PostgreSQL cannot store or compare (a NUL, other control characters) is no account's: the page says so before signing in. */
export const emailProblem = (email: string): 'control-characters' | undefined => (/[\u0000-\u001f\u007f]/.test(email) ? 'control-characters' : undefined);

export async function signIn(db: Database, attempt: { email: string; password: string; clientAddress: string }, now = currentTime()): Promise<SignInResult> {
  if (emailProblem(attempt.email)) return { ok: false, reason: 'wrong' };
  // In a flood, the cheapest answer first: nothing reserved, nothing asked of the database.
  if (passwordChecksFull()) return { ok: false, reason: 'busy' };
  const clientKey = await clientKeyFor(db, attempt.clientAddress);
  const reservation = await reserveLoginAttempt(db, attempt.email, clientKey, now);
  if (!reservation.reserved) return { ok: false, reason: 'throttled', until: reservation.until };

  const account = await findAccountForSignIn(db, attempt.email);
  // An invited account with no password yet cannot sign in, and takes as long to say so.
  const checked = await boundedCheck(() => (account?.passwordHash ? verifyPassword(attempt.password, account.passwordHash) : verifyAgainstNobody(attempt.password)));
  if (checked.busy) {
    await withdrawLoginAttempt(db, reservation.attemptId);
    return { ok: false, reason: 'busy' };
  }
  const passwordRight = checked.value && account !== undefined && !account.disabled;
  if (!passwordRight) {
    await settleLoginAttempt(db, reservation.attemptId, false);
    return { ok: false, reason: 'wrong' };
  }
  const { passwordHash: _hash, ...signedIn } = account;
  if ((await secondFactorStatus(db, signedIn.id)).on) {
    // Not a success yet: the failures before it stay counted until the code is right too.
    await settleLoginAttempt(db, reservation.attemptId, false);
    return { ok: false, reason: 'code-needed', challenge: await startChallenge(db, signedIn.id, now) };
  }
  await settleLoginAttempt(db, reservation.attemptId, true);
  return { ok: true, ...(await startSession(db, signedIn, now)) };
}

export type CodeResult =
  | { ok: true; token: string; session: StaffSession; used: 'app' | 'recovery' }
  | { ok: false; reason: 'wrong' }
  | { ok: false; reason: 'expired' }
  | { ok: false; reason: 'throttled'; until: Date };

/** The second step: the code from the app, or a recovery code, for the account the challenge is for. */
export async function signInWithCode(db: Database, attempt: { challenge: string; code: string; clientAddress: string }, now = currentTime()): Promise<CodeResult> {
  const account = await challengedAccount(db, attempt.challenge, now);
  if (!account) return { ok: false, reason: 'expired' };
  const { challengeId, ...signingIn } = account;
  const checked = await throttledCodeCheck(db, signingIn, attempt.code, attempt.clientAddress, now);
  if (!checked.ok) return checked;
  await endChallenge(db, challengeId);
  return { ok: true, used: checked.value, ...(await startSession(db, signingIn, now)) };
}

/**
 * Runs `check` (a code for signing in, setting up or a change) as one attempt against the same
 * throttle as passwords: wrong codes lock the account like wrong passwords. `check` gives undefined
 * for a wrong code.
 */
export async function throttled<T>(
  db: Database,
  account: Pick<StaffAccount, 'email'>,
  clientAddress: string,
  check: () => Promise<T | undefined>,
  now = currentTime(),
): Promise<{ ok: true; value: T } | { ok: false; reason: 'wrong' } | { ok: false; reason: 'throttled'; until: Date }> {
  const reservation = await reserveLoginAttempt(db, account.email, await clientKeyFor(db, clientAddress), now);
  if (!reservation.reserved) return { ok: false, reason: 'throttled', until: reservation.until };
  const value = await check();
  await settleLoginAttempt(db, reservation.attemptId, value !== undefined);
  return value === undefined ? { ok: false, reason: 'wrong' } : { ok: true, value };
}

/** A code from the app or a recovery code for a signed-in member's change (turning the app off, new recovery codes), throttled. */
export async function throttledCodeCheck(db: Database, account: StaffAccount, code: string, clientAddress: string, now = currentTime()) {
  return throttled(db, account, clientAddress, () => takeCode(db, account, code, now), now);
}
