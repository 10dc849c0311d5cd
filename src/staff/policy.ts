/**
 * The staff console's security settings in one place: how long a session lasts, how many wrong
 * passwords are allowed and how long a link to set a password works. Constants rather than settings, since loosening them should take a code review.
 */

/** A session not used for this long ends (NCSC and OWASP suggest 15 to 30 minutes for staff tools). */
export const sessionIdleMinutes = 30;
/** However busy, a session ends this long after sign-in, so a stolen cookie does not live for ever. */
export const sessionAbsoluteHours = 12;

export interface ThrottleLimit {
  /** Failures allowed within the window; the next attempt is refused until the oldest leaves it. */
  failures: number;
  windowMinutes: number;
}

/** One person guessing at one account. */
export const accountLimit: ThrottleLimit = { failures: 5, windowMinutes: 15 };
/** One client trying many accounts (an office shares an address, so more than for one account). */
export const clientLimit: ThrottleLimit = { failures: 20, windowMinutes: 15 };

/** A link to set a password (an invitation, or a new password) works once, for this long: a week covers a holiday, and a lost link is soon useless. */
export const passwordLinkDays = 7;

/**
 * Password checks run at once, for the whole server. Each scrypt check holds 128 MB and one of Node's
 * four worker threads for about a tenth of a second; two leave threads for files and compression, so
 * a flood of sign-ins does not slow the rest of the site.
 */
export const passwordChecksAtOnce = 2;
/** Sign-ins that may wait for a check; one more is told at once that the service is busy (429 with Retry-After). */
export const passwordChecksWaiting = 8;
/** What a busy answer's Retry-After says, in seconds. */
export const busyRetrySeconds = 5;
