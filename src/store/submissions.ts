/**
 * Recording a submitted form. Everything a submission is (its answers, its files, the draft it
 * completes, the emails announcing it) is written in one transaction, committed before the sender is
 * told their reference: either all of it is kept or none. A repeated post of the same attempt (a
 * double click, a retry after a timeout) finds the first record and gets the same reference.
 * Server-only.
 */
import { randomUUID } from 'node:crypto';
import type { CheckedAttachment } from '../forms/file-type';
import { newReference } from '../forms/reference';
import { attachmentsOf, insertAttachment, moveDraftAttachments, type AttachmentSummary } from './attachments';
import { jsonParameter, type Database, type Queryable } from './database';
import { liveDraftId } from './drafts';
import { enqueueMessages, type OutboxMessage } from './outbox';
import { currentTime } from '../rules/clock';

export const submissionKinds = ['application', 'enquiry', 'suggested-edit', 'new-listing', 'story', 'event', 'volunteering'] as const;
export type SubmissionKind = (typeof submissionKinds)[number];

export interface NewSubmission {
  /** What makes a resend the same submission: `sameSubmissionKey` (src/forms/handle.ts) for the public forms, `applicationKey` for an application's draft. */
  idempotencyKey: string;
  kind: SubmissionKind;
  fundId?: string;
  fundRound?: string;
  areaId?: string;
  /** The answers, as the form's schema parsed them. */
  answers: Record<string, unknown>;
  attachments?: readonly CheckedAttachment[];
  /** The draft this completes: its files move to the submission and the draft is deleted. */
  draftToken?: string;
  /** The emails to send once it is kept, given the reference it got. */
  notifications?: (reference: string) => readonly OutboxMessage[];
}

export interface SubmissionReceipt {
  id: string;
  reference: string;
  createdAt: Date;
  /** True when an earlier post of the same attempt made the record and this one changed nothing. */
  repeated: boolean;
}

export interface Submission {
  id: string;
  reference: string;
  kind: SubmissionKind;
  fundId: string | null;
  fundRound: string | null;
  areaId: string | null;
  status: string;
  answers: Record<string, unknown>;
  attachments: AttachmentSummary[];
  createdAt: Date;
  updatedAt: Date;
}

/** A key for a new form attempt, to put in a hidden field. */
export function newIdempotencyKey(): string {
  return randomUUID();
}

// Lets a key from a hidden field reach the database only in a sane shape.
const idempotencyKeyPattern = /^[A-Za-z0-9_-]{16,100}$/;

/** Whether a posted attempt key has the shape `newIdempotencyKey` gives. */
export const isIdempotencyKey = (key: string): boolean => idempotencyKeyPattern.test(key);

// Collisions are rare (29^8 references); a few fresh draws make a failure practically impossible.
const referenceDraws = 5;

export async function submit(db: Database, submission: NewSubmission, now = currentTime()): Promise<SubmissionReceipt> {
  if (!isIdempotencyKey(submission.idempotencyKey)) throw new Error('The form attempt key is missing or malformed');
  return db.transaction(async (tx) => {
    for (let draw = 0; draw < referenceDraws; draw++) {
      // DO NOTHING on either unique column: a concurrent post of the same attempt waits for the
      // first to commit and then inserts nothing, instead of failing the whole transaction.
      const [created] = await tx.query<ReceiptRow>(
        `INSERT INTO submissions (reference, idempotency_key, kind, fund_id, fund_round, area_id, answers, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $8)
         ON CONFLICT DO NOTHING
         RETURNING id, reference, created_at`,
        [
          newReference(),
          submission.idempotencyKey,
          submission.kind,
          submission.fundId ?? null,
          submission.fundRound ?? null,
          submission.areaId ?? null,
          jsonParameter(submission.answers),
          now,
        ],
      );
      if (created) {
        await recordWhatBelongsToIt(tx, created, submission, now);
        return toReceipt(created, false);
      }
      const [earlier] = await tx.query<ReceiptRow>(
        'SELECT id, reference, created_at FROM submissions WHERE idempotency_key = $1',
        [submission.idempotencyKey],
      );
      if (earlier) return toReceipt(earlier, true);
      // Neither: the reference drawn was already taken, so draw another.
    }
    throw new Error(`No free reference after ${referenceDraws} draws`);
  });
}

async function recordWhatBelongsToIt(tx: Queryable, created: ReceiptRow, submission: NewSubmission, now: Date): Promise<void> {
  for (const attachment of submission.attachments ?? []) {
    await insertAttachment(tx, { submissionId: created.id }, attachment, now);
  }
  if (submission.draftToken) {
    const draftId = await liveDraftId(tx, submission.draftToken, now);
    if (draftId) {
      await moveDraftAttachments(tx, draftId, created.id);
      await tx.query('DELETE FROM drafts WHERE id = $1', [draftId]);
    }
  }
  await enqueueMessages(tx, created.id, submission.notifications?.(created.reference) ?? [], now);
}

/** A submission by its reference, with its files listed; undefined if there is none. */
export async function findSubmission(db: Queryable, reference: string): Promise<Submission | undefined> {
  return findWhere(db, 'reference', reference);
}

/** The submission a form attempt made, if it made one (to answer "already sent" to a repeat). */
export async function findSubmissionByKey(db: Queryable, idempotencyKey: string): Promise<Submission | undefined> {
  return findWhere(db, 'idempotency_key', idempotencyKey);
}

async function findWhere(db: Queryable, column: 'reference' | 'idempotency_key', value: string): Promise<Submission | undefined> {
  const [row] = await db.query<SubmissionRow>(
    `SELECT id, reference, kind, fund_id, fund_round, area_id, status, answers, created_at, updated_at
     FROM submissions WHERE ${column} = $1`,
    [value],
  );
  if (!row) return undefined;
  return {
    id: row.id,
    reference: row.reference,
    kind: row.kind,
    fundId: row.fund_id,
    fundRound: row.fund_round,
    areaId: row.area_id,
    status: row.status,
    answers: row.answers,
    attachments: await attachmentsOf(db, { submissionId: row.id }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

interface ReceiptRow {
  id: string;
  reference: string;
  created_at: Date;
}

interface SubmissionRow extends ReceiptRow {
  kind: SubmissionKind;
  fund_id: string | null;
  fund_round: string | null;
  area_id: string | null;
  status: string;
  answers: Record<string, unknown>;
  updated_at: Date;
}

function toReceipt(row: ReceiptRow, repeated: boolean): SubmissionReceipt {
  return { id: row.id, reference: row.reference, createdAt: row.created_at, repeated };
}
