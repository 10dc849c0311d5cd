/**
 * A funded project's offer: a private link (only its SHA-256 is stored) made with the decision and sent
 * with its letter, where the group reads the grant's conditions (the fund's standard ones and the
 * decision's own) and accepts them once. Accepting is one transaction: the acceptance, its audit-log
 * entry and the progress reports its fund's schedule asks for (src/store/feedback.ts). Server-only.
 */
import { createHash, randomBytes } from 'node:crypto';
import { translator, type Translate } from '../i18n';
import type { Database, Queryable } from '../store/database';
import { scheduleProgressReports } from '../store/feedback';
import { recordChange } from '../store/staff';
import { currentTime } from '../rules/clock';
import type { ReportingSchedule } from './schedule';

/** Who the audit log says accepted an offer. */
export const offerActor = { system: 'offer link' } as const;

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Whether `text` has the shape of a link's secret, so nothing else reaches the database. */
export const isOfferToken = (text: string): boolean => /^[A-Za-z0-9_-]{40,50}$/.test(text);

/** Makes the offer's private link for a funded application, in the caller's transaction (the decision's); returns its path, shown once. */
export async function makeOffer(tx: Queryable, submissionId: string, now: Date): Promise<{ path: string }> {
  const token = randomBytes(32).toString('base64url');
  await tx.query(
    `INSERT INTO grant_offers (submission_id, token_hash, offered_at) VALUES ($1, $2, $3)
     ON CONFLICT (submission_id) DO UPDATE SET token_hash = excluded.token_hash, offered_at = excluded.offered_at WHERE grant_offers.accepted_at IS NULL`,
    [submissionId, hashToken(token), now],
  );
  return { path: `/offer/${token}/` };
}

/** An offer as the group sees it through its link, and as staff see it on the application. */
export interface Offer {
  submissionId: string;
  reference: string;
  fundId: string | null;
  projectTitle: string;
  groupName: string;
  amountAwarded: number | null;
  /** The decision's own conditions, one a line; the fund's standard ones come from its content. */
  conditions: string;
  offeredAt: Date;
  acceptedAt: Date | null;
  acceptedName: string | null;
  acceptedRole: string | null;
}

interface OfferRow {
  submission_id: string;
  reference: string;
  fund_id: string | null;
  answers: { project?: { projectTitle?: unknown }; 'your-group'?: { groupName?: unknown } };
  amount_awarded: number | null;
  conditions: string | null;
  offered_at: Date;
  accepted_at: Date | null;
  accepted_name: string | null;
  accepted_role: string | null;
}

const offerQuery = `SELECT o.submission_id, s.reference, s.fund_id, s.answers, d.amount_awarded, d.conditions, o.offered_at, o.accepted_at, o.accepted_name, o.accepted_role
  FROM grant_offers o JOIN submissions s ON s.id = o.submission_id LEFT JOIN decisions d ON d.submission_id = o.submission_id`;

function toOffer(row: OfferRow): Offer {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    submissionId: row.submission_id,
    reference: row.reference,
    fundId: row.fund_id,
    projectTitle: text(row.answers.project?.projectTitle),
    groupName: text(row.answers['your-group']?.groupName),
    amountAwarded: row.amount_awarded === null ? null : Number(row.amount_awarded),
    conditions: row.conditions ?? '',
    offeredAt: new Date(row.offered_at),
    acceptedAt: row.accepted_at ? new Date(row.accepted_at) : null,
    acceptedName: row.accepted_name,
    acceptedRole: row.accepted_role,
  };
}

/** The offer behind a link; undefined for an unknown or malformed one. */
export async function openOffer(db: Queryable, token: string): Promise<Offer | undefined> {
  if (!isOfferToken(token)) return undefined;
  const [row] = await db.query<OfferRow>(`${offerQuery} WHERE o.token_hash = $1`, [hashToken(token)]);
  return row && toOffer(row);
}

/** An application's offer, for staff. */
export async function offerFor(db: Queryable, submissionId: string): Promise<Offer | undefined> {
  const [row] = await db.query<OfferRow>(`${offerQuery} WHERE o.submission_id = $1`, [submissionId]);
  return row && toOffer(row);
}

export type Acceptance =
  | { ok: true; reference: string; acceptedAt: Date; reportsDue: Date[] }
  | { ok: false; problem: 'not-found' }
  | { ok: false; problem: 'already-accepted'; reference: string; acceptedAt: Date };

/**
 * Accepts an offer once, for the group, by the person named: the acceptance, its audit-log entry (the
 * offer link as the actor, their role but not their name, which retention erases) and the progress
 * reports the fund's schedule asks for from today, in one transaction, so a confirmation shown is kept.
 */
export async function acceptOffer(
  db: Database,
  token: string,
  who: { name: string; role: string },
  schedule: ReportingSchedule,
  now = currentTime(),
  { t = translator('en') }: { t?: Translate } = {},
): Promise<Acceptance> {
  if (!isOfferToken(token)) return { ok: false, problem: 'not-found' };
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ submission_id: string; reference: string; accepted_at: Date | null }>(
      `SELECT o.submission_id, s.reference, o.accepted_at FROM grant_offers o JOIN submissions s ON s.id = o.submission_id
       WHERE o.token_hash = $1 FOR UPDATE OF o`,
      [hashToken(token)],
    );
    if (!row) return { ok: false, problem: 'not-found' };
    if (row.accepted_at) return { ok: false, problem: 'already-accepted', reference: row.reference, acceptedAt: new Date(row.accepted_at) };
    await tx.query('UPDATE grant_offers SET accepted_at = $2, accepted_name = $3, accepted_role = $4 WHERE submission_id = $1', [row.submission_id, now, who.name, who.role]);
    const reportsDue = await scheduleProgressReports(tx, row.submission_id, schedule, now, { t });
    await recordChange(
      tx,
      offerActor,
      { action: 'grant.accepted', subjectType: 'submission', subjectId: row.submission_id, before: { offer: 'waiting' }, after: { offer: 'accepted', role: who.role, progressReports: reportsDue.length } },
      now,
    );
    return { ok: true, reference: row.reference, acceptedAt: now, reportsDue };
  });
}
