/**
 * "Save and come back later": a form's answers kept for a while and found again through a private
 * link. Only a hash of the link's secret is stored, so a copy of the database does not open anyone's
 * draft. A draft expires DRAFT_DAYS after it was last saved; expired drafts are never returned and
 * `purgeExpiredDrafts` deletes them. Server-only.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { CheckedAttachment } from '../forms/file-type';
import type { DocumentKind } from '../staff/panel';
import { attachmentsOf, type AttachmentSummary, contentHash, insertAttachment } from './attachments';
import { readStoreConfig } from './config';
import { jsonParameter, type Database, type Queryable } from './database';
import { currentTime } from '../rules/clock';

export interface DraftAnswers {
  /** Which form: application, enquiry, suggested-edit, new-listing or story. */
  kind: string;
  fundId?: string;
  answers: Record<string, unknown>;
}

export interface Draft extends DraftAnswers {
  id: string;
  attachments: AttachmentSummary[];
  updatedAt: Date;
  expiresAt: Date;
}

export interface SavedDraft {
  /** The secret for the resume link; shown to the sender once and never stored. */
  token: string;
  expiresAt: Date;
}

interface DraftRow {
  id: string;
  kind: string;
  fund_id: string | null;
  answers: Record<string, unknown>;
  updated_at: Date;
  expires_at: Date;
}

const dayInMilliseconds = 24 * 60 * 60 * 1000;

/**
 * Saves answers as a draft. With the token of a draft that has not expired, that draft is updated and
 * keeps its link; otherwise a new draft and a new token are made.
 */
export async function saveDraft(
  db: Queryable,
  draft: DraftAnswers,
  { token, now = currentTime(), lifetimeDays = readStoreConfig().draftDays }: { token?: string; now?: Date; lifetimeDays?: number } = {},
): Promise<SavedDraft> {
  const expiresAt = new Date(now.getTime() + lifetimeDays * dayInMilliseconds);
  const answers = jsonParameter(draft.answers);
  if (token) {
    const updated = await db.query(
      `UPDATE drafts SET kind = $2, fund_id = $3, answers = $4::text::jsonb, updated_at = $5, expires_at = $6
       WHERE token_hash = $1 AND expires_at > $5 RETURNING id`,
      [hashToken(token), draft.kind, draft.fundId ?? null, answers, now, expiresAt],
    );
    if (updated.length > 0) return { token, expiresAt };
  }
  const newToken = randomBytes(32).toString('base64url');
  await db.query(
    `INSERT INTO drafts (token_hash, kind, fund_id, answers, created_at, updated_at, expires_at)
     VALUES ($1, $2, $3, $4::text::jsonb, $5, $5, $6)`,
    [hashToken(newToken), draft.kind, draft.fundId ?? null, answers, now, expiresAt],
  );
  return { token: newToken, expiresAt };
}

/** The draft behind a resume link, with its files; undefined if there is none or it has expired. */
export async function resumeDraft(db: Queryable, token: string, now = currentTime()): Promise<Draft | undefined> {
  const [row] = await db.query<DraftRow>(
    'SELECT id, kind, fund_id, answers, updated_at, expires_at FROM drafts WHERE token_hash = $1 AND expires_at > $2',
    [hashToken(token), now],
  );
  if (!row) return undefined;
  return {
    id: row.id,
    kind: row.kind,
    ...(row.fund_id ? { fundId: row.fund_id } : {}),
    answers: row.answers,
    attachments: await attachmentsOf(db, { draftId: row.id }),
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
  };
}

/**
 * Keeps a checked file with a draft, saying which requested `document` it is; when the draft has a
 * file with the same content already (sent twice, or chosen again by mistake), keeps nothing and
 * gives that file's id as `duplicateOf`; undefined if the draft is gone or expired.
 */
export async function attachToDraft(
  db: Database,
  token: string,
  attachment: CheckedAttachment,
  now = currentTime(),
  document?: string,
  /** Its kind, from the fund's list of requested documents (`documentKindFor`). */
  kind: DocumentKind | null = null,
): Promise<AttachmentSummary | { duplicateOf: string } | undefined> {
  return db.transaction(async (tx) => {
    const draftId = await liveDraftId(tx, token, now);
    if (!draftId) return undefined;
    // The lock makes two sends of one file at once meet here, one after the other, rather than in the unique index.
    await tx.query('SELECT id FROM drafts WHERE id = $1 FOR UPDATE', [draftId]);
    const [same] = await tx.query<{ id: string }>('SELECT id FROM attachments WHERE draft_id = $1 AND content_sha256 = $2', [draftId, contentHash(attachment.content)]);
    return same ? { duplicateOf: same.id } : insertAttachment(tx, { draftId }, attachment, now, document, kind);
  });
}

/** Removes one file from a draft; false if the draft or the file is not there. */
export async function removeDraftAttachment(db: Queryable, token: string, attachmentId: string, now = currentTime()): Promise<boolean> {
  const removed = await db.query(
    `DELETE FROM attachments WHERE id::text = $1
       AND draft_id = (SELECT id FROM drafts WHERE token_hash = $2 AND expires_at > $3)
     RETURNING id`,
    [attachmentId, hashToken(token), now],
  );
  return removed.length > 0;
}

/** Deletes a draft and its files (the sender gave up, or submitted it). */
export async function discardDraft(db: Queryable, token: string): Promise<boolean> {
  const removed = await db.query('DELETE FROM drafts WHERE token_hash = $1 RETURNING id', [hashToken(token)]);
  return removed.length > 0;
}

/** Deletes every expired draft with its files; returns how many. */
export async function purgeExpiredDrafts(db: Queryable, now = currentTime()): Promise<number> {
  return (await db.query('DELETE FROM drafts WHERE expires_at <= $1 RETURNING id', [now])).length;
}

/** The id of the draft behind a token, if it has not expired. */
export async function liveDraftId(db: Queryable, token: string, now: Date): Promise<string | undefined> {
  const [row] = await db.query<{ id: string }>('SELECT id FROM drafts WHERE token_hash = $1 AND expires_at > $2', [
    hashToken(token),
    now,
  ]);
  return row?.id;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
