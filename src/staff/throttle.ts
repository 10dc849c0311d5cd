/** Whether a sign-in may be tried now, given the recent attempts for an account or a client. Pure. */
import type { ThrottleLimit } from './policy';

export interface LoginAttempt {
  at: Date;
  succeeded: boolean;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; until: Date };

/**
 * Counts the failures in the window since the last success; at the limit, refuses until the oldest
 * of those leaves the window. A success clears the count, so a person who gets it right is not punished.
 */
export function loginThrottle(attempts: readonly LoginAttempt[], now: Date, limit: ThrottleLimit): ThrottleDecision {
  const windowMs = limit.windowMinutes * 60_000;
  const recent = attempts.filter((attempt) => attempt.at.getTime() > now.getTime() - windowMs && attempt.at <= now);
  const lastSuccess = Math.max(-Infinity, ...recent.filter((attempt) => attempt.succeeded).map((attempt) => attempt.at.getTime()));
  const failures = recent
    .filter((attempt) => !attempt.succeeded && attempt.at.getTime() > lastSuccess)
    .map((attempt) => attempt.at.getTime())
    .sort((a, b) => a - b);
  if (failures.length < limit.failures) return { allowed: true };
  // The failure that must age out for the count to drop below the limit.
  const blocking = failures[failures.length - limit.failures]!;
  return { allowed: false, until: new Date(blocking + windowMs) };
}

/** The stricter of several decisions (per account and per client): refused if any refuses, until the latest. */
export function combineThrottles(...decisions: ThrottleDecision[]): ThrottleDecision {
  const refusals = decisions.filter((decision): decision is { allowed: false; until: Date } => !decision.allowed);
  if (refusals.length === 0) return { allowed: true };
  return { allowed: false, until: new Date(Math.max(...refusals.map((refusal) => refusal.until.getTime()))) };
}
