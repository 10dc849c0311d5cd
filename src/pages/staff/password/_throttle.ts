/**
 * The throttle on links to set a password, as sign-in has on passwords: each try with a link that
 * does not work counts as a failed sign-in from that client (the same table and limit), so a client
 * guessing links, passwords or both is stopped alike. Request glue for `[token].astro`. Server-only.
 */
import { clientLimit } from '../../../staff/policy';
import { loginThrottle, type ThrottleDecision } from '../../../staff/throttle';
import type { Database } from '../../../store/database';
import { clientKeyFor } from '../../../store/rate-limit';
import { recentLoginAttempts, recordLoginAttempt } from '../../../store/staff';

// Recorded in place of an email address: a link names no account until it is found.
const linkAttempt = '(password link)';

/** Whether this client may try a link now, and its key to record a failure under. */
export async function linkThrottle(db: Database, clientAddress: string, now: Date): Promise<{ clientKey: string; decision: ThrottleDecision }> {
  const clientKey = await clientKeyFor(db, clientAddress);
  const recent = await recentLoginAttempts(db, linkAttempt, clientKey, clientLimit.windowMinutes, now);
  return { clientKey, decision: loginThrottle(recent.client, now, clientLimit) };
}

/** Counts a try with a link that does not work (never made, used, expired or withdrawn). */
export async function recordLinkFailure(db: Database, clientKey: string, now: Date): Promise<void> {
  await recordLoginAttempt(db, linkAttempt, clientKey, false, now);
}
