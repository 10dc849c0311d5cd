/**
 * Signing in: the throttle first (so a locked account costs no password check), then the password,
 * then a fresh session. Every attempt is recorded for the throttle; the answer never says whether
 * the account exists or is disabled. Server-only.
 */
import type { Database } from '../store/database';
import { clientKeyFor } from '../store/rate-limit';
import { findAccountForSignIn, recentLoginAttempts, recordLoginAttempt, startSession, type StaffSession } from '../store/staff';
import { verifyAgainstNobody, verifyPassword } from './passwords';
import { accountLimit, clientLimit } from './policy';
import { combineThrottles, loginThrottle } from './throttle';
import { currentTime } from '../rules/clock';

export type SignInResult =
  | { ok: true; token: string; session: StaffSession }
  | { ok: false; reason: 'wrong' }
  | { ok: false; reason: 'throttled'; until: Date };

export async function signIn(db: Database, attempt: { email: string; password: string; clientAddress: string }, now = currentTime()): Promise<SignInResult> {
  const clientKey = await clientKeyFor(db, attempt.clientAddress);
  const windowMinutes = Math.max(accountLimit.windowMinutes, clientLimit.windowMinutes);
  const recent = await recentLoginAttempts(db, attempt.email, clientKey, windowMinutes, now);
  const throttle = combineThrottles(loginThrottle(recent.account, now, accountLimit), loginThrottle(recent.client, now, clientLimit));
  if (!throttle.allowed) return { ok: false, reason: 'throttled', until: throttle.until };

  const account = await findAccountForSignIn(db, attempt.email);
  // An invited account with no password yet cannot sign in, and takes as long to say so.
  const matches = account?.passwordHash ? await verifyPassword(attempt.password, account.passwordHash) : await verifyAgainstNobody(attempt.password);
  const succeeded = matches && account !== undefined && !account.disabled;
  await recordLoginAttempt(db, attempt.email, clientKey, succeeded, now);
  if (!succeeded) return { ok: false, reason: 'wrong' };
  const { passwordHash: _hash, ...signedIn } = account;
  return { ok: true, ...(await startSession(db, signedIn, now)) };
}
