/**
 * The staff's "due and overdue" list: funded projects whose offer is still to accept, and reports due
 * within the notice period or missed, oldest due first. Applications closed or whose personal data was
 * erased are left out: nobody is chasing them. Server-only.
 */
import type { Queryable } from '../store/database';
import { acceptanceDueDate, noticeDays, offerStanding, reportStanding } from './schedule';

export interface DueItem {
  reference: string;
  fundId: string | null;
  groupName: string;
  /** The offer to accept, or a report. */
  what: { kind: 'offer' } | { kind: 'report'; report: 'progress' | 'final'; number: number };
  dueAt: Date;
  standing: 'due' | 'overdue';
}

interface Row {
  kind: 'offer' | 'progress' | 'final';
  number: number;
  reference: string;
  fund_id: string | null;
  group_name: string | null;
  at: Date;
}

/** Everything due or overdue on `now`. */
export async function dueAndOverdue(db: Queryable, now: Date): Promise<DueItem[]> {
  const horizon = new Date(now.getTime() + noticeDays * 24 * 60 * 60 * 1000);
  const rows = await db.query<Row>(
    `SELECT 'offer' AS kind, 1 AS number, s.reference, s.fund_id, s.answers->'your-group'->>'groupName' AS group_name, o.offered_at AS at
     FROM grant_offers o JOIN submissions s ON s.id = o.submission_id
     WHERE o.accepted_at IS NULL AND s.status <> 'closed' AND s.personal_data_erased_at IS NULL
     UNION ALL
     SELECT f.report AS kind, f.number, s.reference, s.fund_id, s.answers->'your-group'->>'groupName' AS group_name, f.due_at AS at
     FROM feedback f JOIN submissions s ON s.id = f.submission_id
     WHERE f.received_at IS NULL AND f.due_at IS NOT NULL AND f.due_at <= $1 AND s.status <> 'closed' AND s.personal_data_erased_at IS NULL`,
    [horizon],
  );
  return rows
    .map((row): DueItem => {
      const at = new Date(row.at);
      if (row.kind === 'offer') {
        return { reference: row.reference, fundId: row.fund_id, groupName: row.group_name ?? '', what: { kind: 'offer' }, dueAt: acceptanceDueDate(at), standing: offerStanding({ offeredAt: at, acceptedAt: null }, now) as 'due' | 'overdue' };
      }
      const standing = reportStanding({ dueAt: at, receivedAt: null }, now);
      return { reference: row.reference, fundId: row.fund_id, groupName: row.group_name ?? '', what: { kind: 'report', report: row.kind, number: Number(row.number) }, dueAt: at, standing: standing === 'overdue' ? 'overdue' : 'due' };
    })
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.reference.localeCompare(b.reference));
}
