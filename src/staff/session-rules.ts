/** When a staff session ends: after a spell of idleness or at its absolute end, whichever is first. Pure. */
import { sessionAbsoluteHours, sessionIdleMinutes } from './policy';

export interface SessionTimes {
  lastSeenAt: Date;
  expiresAt: Date;
}

/** The absolute end of a session begun at `signedInAt`. */
export const absoluteEnd = (signedInAt: Date): Date => new Date(signedInAt.getTime() + sessionAbsoluteHours * 3_600_000);

/** Whether the session still lets its holder in at `now`. */
export function sessionIsLive(session: SessionTimes, now: Date): boolean {
  const idleEnd = session.lastSeenAt.getTime() + sessionIdleMinutes * 60_000;
  return now.getTime() < Math.min(idleEnd, session.expiresAt.getTime());
}
