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
}

export type MoveResult = { ok: true; status: ApplicationStatus } | { ok: false; problem: 'unknown-status' | 'not-allowed' | 'decision-needed' };

/** Whether `move` is allowed from `from`, and the status it leads to. A decision is never a plain move: it needs its decision recorded (`src/staff/decisions.ts`). */
export function moveApplication(from: string, move: Move): MoveResult {
  if (!isApplicationStatus(from) || !isApplicationStatus(move.to)) return { ok: false, problem: 'unknown-status' };
  if (!allowedMoves[from].includes(move.to)) return { ok: false, problem: 'not-allowed' };
  if (isDecision(move.to)) return { ok: false, problem: 'decision-needed' };
  return { ok: true, status: move.to };
}

export type Decision = (typeof decisions)[number];

export const isDecision = (value: string): value is Decision => (decisions as readonly string[]).includes(value);

/** The steps the plain status form offers: the next statuses that are not decisions. */
export const nextPlainSteps = (from: ApplicationStatus): ApplicationStatus[] => allowedMoves[from].filter((status) => !isDecision(status));

/** The decisions that may be recorded from `from`: all four with the panel, only declining or signposting before assessment. */
export const decisionsFrom = (from: string): Decision[] => (isApplicationStatus(from) ? allowedMoves[from].filter(isDecision) : []);
