/**
 * Files sent with a submission or kept with a draft, stored in the database beside what they belong
 * to (so a backup of the database is a backup of everything). Only uploads that passed
 * `checkAttachment` get here. Server-only.
 */
import { createHash } from 'node:crypto';
import type { CheckedAttachment, FileType } from '../forms/file-type';
import { isDocumentKind, type DocumentKind } from '../staff/panel';
import type { Queryable } from './database';

export type AttachmentOwner = { submissionId: string } | { draftId: string };

export interface AttachmentSummary {
  id: string;
  fileName: string;
  fileType: FileType;
  sizeBytes: number;
  createdAt: Date;
  /** Which of the fund's requested documents it is, as the applicant said when uploading it. */
  document?: string;
  /** Financial or general, from the fund's list or as staff marked it; null until someone says (`src/staff/panel.ts`). */
  kind: DocumentKind | null;
}

export interface StoredAttachment extends AttachmentSummary {
  content: Uint8Array;
}

const summaryColumns = 'id, file_name, file_type, size_bytes, created_at, document, kind';

interface AttachmentRow {
  id: string;
  file_name: string;
  file_type: FileType;
  size_bytes: number;
  created_at: Date;
  document: string | null;
  kind: string | null;
  content_base64?: string;
}

export async function insertAttachment(
  db: Queryable,
  owner: AttachmentOwner,
  attachment: CheckedAttachment,
  now: Date,
  /** Which requested document it is (a draft's upload). */
  document?: string,
  kind: DocumentKind | null = null,
): Promise<AttachmentSummary> {
  const [row] = await db.query<AttachmentRow>(
    // Files travel as base64 text: PGlite's own bytea conversion takes seconds for 5 MB, decode() milliseconds.
    `INSERT INTO attachments (submission_id, draft_id, file_name, file_type, size_bytes, content, created_at, document, content_sha256, kind)
     VALUES ($1, $2, $3, $4, $5, decode($6, 'base64'), $7, $8, $9, $10) RETURNING ${summaryColumns}`,
    [
      'submissionId' in owner ? owner.submissionId : null,
      'draftId' in owner ? owner.draftId : null,
      attachment.fileName,
      attachment.fileType,
      attachment.content.length,
      Buffer.from(attachment.content.buffer, attachment.content.byteOffset, attachment.content.byteLength).toString('base64'),
      now,
      document ?? null,
      contentHash(attachment.content),
      kind,
    ],
  );
  return toSummary(row!);
}

/** The files of a submission or a draft, oldest first (then by name), without their content. */
export async function attachmentsOf(db: Queryable, owner: AttachmentOwner): Promise<AttachmentSummary[]> {
  const [column, id] = 'submissionId' in owner ? ['submission_id', owner.submissionId] : ['draft_id', owner.draftId];
  const rows = await db.query<AttachmentRow>(
    `SELECT ${summaryColumns} FROM attachments WHERE ${column} = $1 ORDER BY created_at, file_name, id`,
    [id],
  );
  return rows.map(toSummary);
}

/** One file with its content, for download by staff; undefined if there is none with that id. */
export async function readAttachment(db: Queryable, id: string): Promise<StoredAttachment | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.query<AttachmentRow>(
    `SELECT ${summaryColumns}, encode(content, 'base64') AS content_base64 FROM attachments WHERE id = $1`,
    [id],
  );
  return row ? { ...toSummary(row), content: new Uint8Array(Buffer.from(row.content_base64!, 'base64')) } : undefined;
}

/** Hands a draft's files to the submission made from it. */
export async function moveDraftAttachments(db: Queryable, draftId: string, submissionId: string): Promise<void> {
  await db.query('UPDATE attachments SET draft_id = NULL, submission_id = $2 WHERE draft_id = $1', [draftId, submissionId]);
}

/** The SHA-256 of a file's content, hex: the same file, whatever it is called. */
export function contentHash(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Whether `text` can be a row id; PostgreSQL refuses to compare a uuid column with anything else. */
export function isUuid(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}

function toSummary(row: AttachmentRow): AttachmentSummary {
  return {
    id: row.id,
    fileName: row.file_name,
    fileType: row.file_type,
    sizeBytes: row.size_bytes,
    createdAt: row.created_at,
    ...(row.document ? { document: row.document } : {}),
    kind: isDocumentKind(row.kind) ? row.kind : null,
  };
}
