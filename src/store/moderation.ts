/**
 * The moderation queue as staff see it: enquiries, suggested edits, new listings and stories from the
 * public forms (the `submissions` the forms wrote), their counts, one item, its photo, and marking it
 * done or rejected with a note, written with the audit log in one transaction. Server-only.
 */
import { moderationKinds, moveModeration, type ModerationKind, type ModerationMove, type ModerationMoveResult, type ModerationStatus, type QueueFilters } from '../staff/moderation';
import { readAttachment, type StoredAttachment } from './attachments';
import type { Database, Queryable } from './database';
import { enqueueMessages, type OutboxMessage } from './outbox';
import { recordChange, type Actor } from './staff';
import { findSubmission, type Submission } from './submissions';
import { currentTime } from '../rules/clock';

export interface QueueItem {
  reference: string;
  kind: ModerationKind;
  status: string;
  areaId: string | null;
  answers: Record<string, unknown>;
  createdAt: Date;
}

/** How many items of each kind are in each status; kinds and statuses with none are left out. */
export type QueueCounts = Partial<Record<ModerationKind, Partial<Record<string, number>>>>;

const kindList = `(${moderationKinds.map((kind) => `'${kind}'`).join(', ')})`;

/** The items matching `filters`, newest first, at most `limit`, with how many match in all. */
export async function listQueue(db: Queryable, filters: QueueFilters, limit = 200): Promise<{ items: QueueItem[]; total: number }> {
  const params: unknown[] = [];
  const where = [`kind IN ${kindList}`];
  if (filters.kind) where.push(`kind = $${params.push(filters.kind)}`);
  if (filters.status) where.push(`status = $${params.push(filters.status)}`);
  const rows = await db.query<{ reference: string; kind: ModerationKind; status: string; area_id: string | null; answers: Record<string, unknown>; created_at: Date; total: number }>(
    `SELECT reference, kind, status, area_id, answers, created_at, count(*) OVER ()::int AS total
     FROM submissions WHERE ${where.join(' AND ')}
     ORDER BY created_at DESC, reference LIMIT $${params.push(limit)}`,
    params,
  );
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map((row) => ({ reference: row.reference, kind: row.kind, status: row.status, areaId: row.area_id, answers: row.answers, createdAt: new Date(row.created_at) })),
  };
}

/** Every item counted by kind and status, whatever the filters. */
export async function queueCounts(db: Queryable): Promise<QueueCounts> {
  const rows = await db.query<{ kind: ModerationKind; status: string; count: number }>(
    `SELECT kind, status, count(*)::int AS count FROM submissions WHERE kind IN ${kindList} GROUP BY kind, status`,
  );
  const counts: QueueCounts = {};
  for (const row of rows) (counts[row.kind] ??= {})[row.status] = row.count;
  return counts;
}

/** One item of the queue with its files listed; undefined for an application or no such reference. */
export async function findModerationItem(db: Queryable, reference: string): Promise<(Submission & { kind: ModerationKind }) | undefined> {
  const submission = await findSubmission(db, reference);
  return submission && (moderationKinds as readonly string[]).includes(submission.kind) ? (submission as Submission & { kind: ModerationKind }) : undefined;
}

/** A story's photo, with its content, by the story's reference; undefined if it has none. */
export async function findStoryPhoto(db: Queryable, reference: string): Promise<StoredAttachment | undefined> {
  const item = await findModerationItem(db, reference);
  const first = item?.kind === 'story' ? item.attachments[0] : undefined;
  return first && readAttachment(db, first.id);
}

export type ModerationChange = { ok: true; status: ModerationStatus } | { ok: false; problem: 'not-found' | Exclude<ModerationMoveResult, { ok: true }>['problem'] };

/** The emails a move sends (a rejection tells the sender why), given the item and where it went. */
export type MoveEmails = (item: { kind: string; reference: string; answers: Record<string, unknown> }, moved: { status: ModerationStatus; note: string }) => readonly OutboxMessage[];

/**
 * Marks an item done or rejected (or reopens it) if the move is allowed from where it is now, and
 * writes it with its note to the audit log, and any emails to the outbox, in the same transaction;
 * the row is locked, so two officers cannot both move it.
 */
export async function changeModerationStatus(db: Database, reference: string, move: ModerationMove, actor: Actor, now = currentTime(), emails?: MoveEmails): Promise<ModerationChange> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string; status: string; kind: string; reference: string; answers: Record<string, unknown> }>(
      `SELECT id, status, kind, reference, answers FROM submissions WHERE reference = $1 AND kind IN ${kindList} FOR UPDATE`,
      [reference],
    );
    if (!row) return { ok: false, problem: 'not-found' };
    const result = moveModeration(row.status, move);
    if (!result.ok) return result;
    await tx.query('UPDATE submissions SET status = $2, updated_at = $3 WHERE id = $1', [row.id, result.status, now]);
    if (emails) await enqueueMessages(tx, row.id, emails(row, result), now);
    await recordChange(tx, actor, {
      action: 'moderation.status',
      subjectType: 'submission',
      subjectId: row.id,
      before: { status: row.status },
      after: { status: result.status, note: result.note },
    }, now);
    return { ok: true, status: result.status };
  });
}
