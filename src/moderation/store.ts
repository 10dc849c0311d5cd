/**
 * The CMS drafts that approvals opened, in the database: recorded with the item's move to "in the
 * CMS" and the audit entry in one transaction, found again after each publish, and closed with the
 * sender's email when their entry is live. Server-only.
 */
import type { Database, Queryable } from '../store/database';
import { enqueueMessages, type OutboxMessage } from '../store/outbox';
import { recordChange, type Actor } from '../store/staff';
import type { EntryCollection } from './entries';
import { currentTime } from '../rules/clock';

export interface CmsDraft {
  submissionId: string;
  reference: string;
  kind: string;
  collection: EntryCollection;
  slug: string;
  path: string;
  branch: string;
  url: string | null;
  baseSha256: string | null;
  openedAt: Date;
  publishedAt: Date | null;
  answers: Record<string, unknown>;
}

interface DraftRow {
  submission_id: string;
  reference: string;
  kind: string;
  collection: EntryCollection;
  slug: string;
  path: string;
  branch: string;
  url: string | null;
  base_sha256: string | null;
  opened_at: Date;
  published_at: Date | null;
  answers: Record<string, unknown>;
}

const toDraft = (row: DraftRow): CmsDraft => ({
  submissionId: row.submission_id,
  reference: row.reference,
  kind: row.kind,
  collection: row.collection,
  slug: row.slug,
  path: row.path,
  branch: row.branch,
  url: row.url,
  baseSha256: row.base_sha256,
  openedAt: new Date(row.opened_at),
  publishedAt: row.published_at ? new Date(row.published_at) : null,
  answers: row.answers,
});

const selectDrafts = `SELECT d.submission_id, s.reference, s.kind, d.collection, d.slug, d.path, d.branch, d.url, d.base_sha256, d.opened_at, d.published_at, s.answers
  FROM cms_drafts d JOIN submissions s ON s.id = d.submission_id`;

export type OpenedDraftRecord = Pick<CmsDraft, 'collection' | 'slug' | 'path' | 'branch' | 'url' | 'baseSha256'>;

/**
 * Moves a still-to-do item to "in the CMS" with its draft, audit-logged; false when someone else
 * moved it first (the row is locked, so two officers cannot both approve it).
 */
export async function recordApproval(db: Database, submissionId: string, draft: OpenedDraftRecord, actor: Actor, now = currentTime()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ status: string }>('SELECT status FROM submissions WHERE id = $1 FOR UPDATE', [submissionId]);
    if (row?.status !== 'received') return false;
    await tx.query(
      `INSERT INTO cms_drafts (submission_id, collection, slug, path, branch, url, base_sha256, opened_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [submissionId, draft.collection, draft.slug, draft.path, draft.branch, draft.url, draft.baseSha256, now],
    );
    await tx.query("UPDATE submissions SET status = 'in-cms', updated_at = $2 WHERE id = $1", [submissionId, now]);
    await recordChange(tx, actor, {
      action: 'moderation.approve',
      subjectType: 'submission',
      subjectId: submissionId,
      before: { status: 'received' },
      after: { status: 'in-cms', branch: draft.branch, path: draft.path, ...(draft.url ? { url: draft.url } : {}) },
    }, now);
    return true;
  });
}

/** An item's draft, if it was approved into the CMS. */
export async function draftOf(db: Queryable, submissionId: string): Promise<CmsDraft | undefined> {
  const [row] = await db.query<DraftRow>(`${selectDrafts} WHERE d.submission_id = $1`, [submissionId]);
  return row && toDraft(row);
}

/** Drafts not yet seen published, of items still waiting in the CMS, oldest first. */
export async function waitingDrafts(db: Queryable): Promise<CmsDraft[]> {
  const rows = await db.query<DraftRow>(`${selectDrafts} WHERE d.published_at IS NULL AND s.status = 'in-cms' ORDER BY d.opened_at`);
  return rows.map(toDraft);
}

/** Marks a draft published and its item done, with the sender's email, in one transaction; false if it was already. */
export async function recordPublished(db: Database, submissionId: string, commit: string, messages: readonly OutboxMessage[], actor: Actor, now = currentTime()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ status: string }>(
      `SELECT s.status FROM submissions s JOIN cms_drafts d ON d.submission_id = s.id WHERE s.id = $1 AND d.published_at IS NULL FOR UPDATE OF s, d`,
      [submissionId],
    );
    if (row?.status !== 'in-cms') return false;
    await tx.query('UPDATE cms_drafts SET published_at = $2 WHERE submission_id = $1', [submissionId, now]);
    await tx.query("UPDATE submissions SET status = 'done', updated_at = $2 WHERE id = $1", [submissionId, now]);
    await enqueueMessages(tx, submissionId, messages, now);
    await recordChange(tx, actor, { action: 'moderation.status', subjectType: 'submission', subjectId: submissionId, before: { status: 'in-cms' }, after: { status: 'done', commit } }, now);
    return true;
  });
}
