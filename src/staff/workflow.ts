/**
 * Where an application is in the fund's process, and which moves are allowed: received → eligibility
 * checked → assessed against the criteria → with the panel → a decision (funded, declined, invited to
 * apply in full, or signposted elsewhere) → for funded projects, feedback received → closed. An
 * ineligible application may be declined or signposted before assessment. Pure.
 */

export const applicationStatuses = [
  'received',
  'eligibility-checked',
  'assessed',
  'panel',
  'funded',
  'declined',
  'invited',
  'signposted',
  'feedback-received',
  'closed',
] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export const isApplicationStatus = (value: string): value is ApplicationStatus => (applicationStatuses as readonly string[]).includes(value);

/** The decisions the panel's recommendation leads to. */
export const decisions = ['funded', 'declined', 'invited', 'signposted'] as const;

const allowedMoves: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  received: ['eligibility-checked', 'declined', 'signposted'],
  'eligibility-checked': ['assessed', 'declined', 'signposted'],
  assessed: ['panel'],
  panel: decisions,
  funded: ['feedback-received'],
  declined: ['closed'],
  invited: ['closed'],
  signposted: ['closed'],
  'feedback-received': ['closed'],
  closed: [],
};

/** The statuses an application may move to next. */
export const nextStatuses = (from: ApplicationStatus): readonly ApplicationStatus[] => allowedMoves[from];

export interface Move {
  to: ApplicationStatus;
  /** Where the group was pointed instead; required when signposting. */
  signpostedTo?: string;
}

export type MoveResult = { ok: true; status: ApplicationStatus; signpostedTo?: string } | { ok: false; problem: 'unknown-status' | 'not-allowed' | 'signposting-missing' };

/** Whether `move` is allowed from `from`, and the status it leads to. */
export function moveApplication(from: string, move: Move): MoveResult {
  if (!isApplicationStatus(from) || !isApplicationStatus(move.to)) return { ok: false, problem: 'unknown-status' };
  if (!allowedMoves[from].includes(move.to)) return { ok: false, problem: 'not-allowed' };
  if (move.to === 'signposted') {
    const signpostedTo = move.signpostedTo?.trim();
    if (!signpostedTo) return { ok: false, problem: 'signposting-missing' };
    return { ok: true, status: move.to, signpostedTo };
  }
  return { ok: true, status: move.to };
}
