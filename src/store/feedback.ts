/**
 * A funded project's report back: a private link (only its SHA-256 is stored) emailed when the
 * project is funded, reminders queued in the outbox for after the project should have ended, and
 * the answers, kept once, which cancel the reminders and move the application to feedback received.
 * Server-only.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { CheckedAttachment } from '../forms/file-type';
import { newReference } from '../forms/reference';
import { translator, type Translate } from '../i18n';
import { moveApplication } from '../staff/workflow';
import { insertAttachment } from './attachments';
import { siteUrl } from './config';
import { jsonParameter, type Database, type Queryable } from './database';
import { enqueueMessages, type OutboxMessage } from './outbox';
import { recordChange } from './staff';
import { currentTime } from '../rules/clock';

/** Who the audit log says moved an application when its feedback arrived. */
export const feedbackActor = { system: 'feedback link' } as const;

const dayMilliseconds = 24 * 60 * 60 * 1000;
/** Reminders go this many weeks after the project's planned end: time to finish, then a nudge. */
export const reminderWeeksAfterEnd = [2, 6] as const;
/** Without a planned end still to come, a project is taken to run 12 weeks from its award, the usual small grant. */
export const assumedProjectWeeks = 12;

/**
 * When to remind a funded project to report back: 2 and 6 weeks after its planned end day
 * (`YYYY-MM-DD` from the timeline answers), or after 12 weeks from now when there is no end day or it
 * has passed already. Pure.
 */
export function reminderDates(projectEnd: unknown, now: Date): Date[] {
  const end = typeof projectEnd === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(projectEnd) ? new Date(`${projectEnd}T09:00:00Z`) : undefined;
  const from = end && !Number.isNaN(end.getTime()) && end > now ? end : new Date(now.getTime() + assumedProjectWeeks * 7 * dayMilliseconds);
  return reminderWeeksAfterEnd.map((weeks) => new Date(from.getTime() + weeks * 7 * dayMilliseconds));
}

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Whether `text` has the shape of a link's secret, so nothing else reaches the database. */
export const isFeedbackToken = (text: string): boolean => /^[A-Za-z0-9_-]{40,50}$/.test(text);

interface ApplicationRow {
  reference: string;
  answers: { contact?: { contactEmail?: unknown }; timeline?: { end?: unknown }; project?: { projectTitle?: unknown }; 'your-group'?: { groupName?: unknown } };
}

/**
 * Makes the private feedback link for a funded application and queues its email and reminders to the
 * contact's address, in the caller's transaction (the one that records the decision). Asking again
 * replaces the link and its unsent reminders, so only the newest link works.
 */
export async function requestFeedback(
  tx: Queryable,
  submission: { id: string; reference: string },
  now: Date,
  { t = translator('en') }: { t?: Translate } = {},
): Promise<{ path: string }> {
  const [row] = await tx.query<ApplicationRow>('SELECT reference, answers FROM submissions WHERE id = $1', [submission.id]);
  if (!row) throw new Error(`There is no submission ${submission.reference}`);
  const [earlier] = await tx.query<{ received_at: Date | null }>('SELECT received_at FROM feedback WHERE submission_id = $1', [submission.id]);
  if (earlier?.received_at) throw new Error(`${row.reference} has sent its feedback already`);
  const token = randomBytes(32).toString('base64url');
  await tx.query(
    `INSERT INTO feedback (submission_id, token_hash, requested_at) VALUES ($1, $2, $3)
     ON CONFLICT (submission_id) DO UPDATE SET token_hash = excluded.token_hash, requested_at = excluded.requested_at`,
    [submission.id, hashToken(token), now],
  );
  await cancelReminders(tx, submission.id);
  const path = `/feedback/${token}/`;
  const email = row.answers.contact?.contactEmail;
  if (typeof email === 'string' && email.includes('@')) {
    const link = new URL(path, siteUrl()).href;
    const reference = row.reference;
    const project = typeof row.answers.project?.projectTitle === 'string' ? row.answers.project.projectTitle : reference;
    const messages: OutboxMessage[] = [
      { purpose: 'feedback-link', to: email, subject: t('feedback.email.subject', { reference }), text: t('feedback.email.text', { project, reference, link }) },
      ...reminderDates(row.answers.timeline?.end, now).map((sendAt): OutboxMessage => ({
        purpose: 'feedback-reminder',
        to: email,
        subject: t('feedback.email.reminderSubject', { reference }),
        text: t('feedback.email.reminderText', { project, reference, link }),
        sendAt,
      })),
    ];
    await enqueueMessages(tx, submission.id, messages, now);
  }
  return { path };
}

/** Deletes a submission's reminders that have not gone yet. */
async function cancelReminders(db: Queryable, submissionId: string): Promise<number> {
  return (await db.query("DELETE FROM outbox WHERE submission_id = $1 AND purpose = 'feedback-reminder' AND sent_at IS NULL RETURNING id", [submissionId])).length;
}

export interface FeedbackRequest {
  submissionId: string;
  reference: string;
  /** The project's title and group, to greet the right people. */
  projectTitle: string;
  groupName: string;
  receivedAt: Date | null;
}

/** The application behind a feedback link, and whether it has been answered; undefined for an unknown link. */
export async function openFeedback(db: Queryable, token: string): Promise<FeedbackRequest | undefined> {
  if (!isFeedbackToken(token)) return undefined;
  const [row] = await db.query<ApplicationRow & { submission_id: string; received_at: Date | null }>(
    `SELECT f.submission_id, f.received_at, s.reference, s.answers FROM feedback f JOIN submissions s ON s.id = f.submission_id WHERE f.token_hash = $1`,
    [hashToken(token)],
  );
  if (!row) return undefined;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    submissionId: row.submission_id,
    reference: row.reference,
    projectTitle: text(row.answers.project?.projectTitle),
    groupName: text(row.answers['your-group']?.groupName),
    receivedAt: row.received_at ? new Date(row.received_at) : null,
  };
}

/** What a project reports: its outputs, the people reached, a story it may let us share, and photos with their descriptions. */
export interface FeedbackAnswers {
  outputs: string;
  peopleReached: number;
  story?: string;
  shareStory?: 'yes';
  photos: { file: CheckedAttachment; alt: string }[];
}

/** The feedback as kept: the photos become attachment ids with their descriptions. Once personal data is erased (retention.ts) only the people reached is left. */
export interface StoredFeedback {
  outputs?: string;
  peopleReached: number;
  story?: string;
  shareStory?: boolean;
  photos?: { attachmentId: string; fileName: string; alt: string }[];
}

export type FeedbackReceipt = { ok: true; reference: string } | { ok: false; problem: 'not-found' | 'already-received' };

/**
 * Keeps a project's feedback once, in one transaction: the answers, the photos as attachments of the
 * application, the reminders cancelled, and a funded application moved to feedback received (audit-logged).
 */
export async function receiveFeedback(db: Database, token: string, answers: FeedbackAnswers, now = currentTime()): Promise<FeedbackReceipt> {
  if (!isFeedbackToken(token)) return { ok: false, problem: 'not-found' };
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ submission_id: string; received_at: Date | null; reference: string; status: string; fund_id: string | null; area_id: string | null; answers: ApplicationRow['answers'] }>(
      `SELECT f.submission_id, f.received_at, s.reference, s.status, s.fund_id, s.area_id, s.answers FROM feedback f JOIN submissions s ON s.id = f.submission_id
       WHERE f.token_hash = $1 FOR UPDATE OF f, s`,
      [hashToken(token)],
    );
    if (!row) return { ok: false, problem: 'not-found' };
    if (row.received_at) return { ok: false, problem: 'already-received' };
    const photos: NonNullable<StoredFeedback['photos']> = [];
    for (const photo of answers.photos) {
      const kept = await insertAttachment(tx, { submissionId: row.submission_id }, photo.file, now);
      photos.push({ attachmentId: kept.id, fileName: kept.fileName, alt: photo.alt });
    }
    const stored: StoredFeedback = {
      outputs: answers.outputs,
      peopleReached: answers.peopleReached,
      ...(answers.story ? { story: answers.story, shareStory: answers.shareStory === 'yes' } : {}),
      photos,
    };
    await tx.query('UPDATE feedback SET received_at = $2, answers = $3::text::jsonb WHERE submission_id = $1', [row.submission_id, now, jsonParameter(stored)]);
    if (answers.story && answers.shareStory === 'yes') await offerStory(tx, row, answers, photos[0], now);
    await cancelReminders(tx, row.submission_id);
    const move = moveApplication(row.status, { to: 'feedback-received' });
    if (move.ok) {
      await tx.query('UPDATE submissions SET status = $2, updated_at = $3 WHERE id = $1', [row.submission_id, move.status, now]);
      await recordChange(tx, feedbackActor, { action: 'application.status', subjectType: 'submission', subjectId: row.submission_id, before: { status: row.status }, after: { status: move.status } }, now);
    }
    return { ok: true, reference: row.reference };
  });
}

/**
 * A story a funded project lets the hub publish joins the moderation queue like one sent through the
 * public form, with the project's title, area, group, fund, first photo and contact, and a note of
 * where it came from.
 */
async function offerStory(
  tx: Queryable,
  application: { submission_id: string; reference: string; fund_id: string | null; area_id: string | null; answers: ApplicationRow['answers'] },
  answers: FeedbackAnswers,
  photo: { attachmentId: string; alt: string } | undefined,
  now: Date,
): Promise<void> {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const contact = (application.answers as { contact?: { contactName?: unknown; contactEmail?: unknown } }).contact;
  const story = {
    title: text(application.answers.project?.projectTitle),
    story: answers.story,
    area: application.area_id ?? '',
    groups: text(application.answers['your-group']?.groupName),
    groupIds: [],
    fund: application.fund_id ?? '',
    ...(photo ? { photoAlt: photo.alt } : {}),
    consent: 'yes',
    name: text(contact?.contactName),
    email: text(contact?.contactEmail),
    fromFeedback: application.reference,
  };
  const [created] = await tx.query<{ id: string }>(
    `INSERT INTO submissions (reference, idempotency_key, kind, fund_id, area_id, answers, created_at, updated_at)
     VALUES ($1, $2, 'story', $3, $4, $5::text::jsonb, $6, $6) RETURNING id`,
    [newReference(), `feedback-story-${application.submission_id}`, application.fund_id, application.area_id, jsonParameter(story), now],
  );
  // The photo is copied, not moved: the application keeps its own feedback as it was sent.
  if (photo) {
    await tx.query(
      `INSERT INTO attachments (submission_id, file_name, file_type, size_bytes, content, created_at)
       SELECT $1, file_name, file_type, size_bytes, content, $3 FROM attachments WHERE id = $2`,
      [created!.id, photo.attachmentId, now],
    );
  }
}

/** A project's feedback for staff: when it was asked for and, once it came, the answers. */
export async function feedbackFor(db: Queryable, submissionId: string): Promise<{ requestedAt: Date; receivedAt: Date | null; answers: StoredFeedback | null } | undefined> {
  const [row] = await db.query<{ requested_at: Date; received_at: Date | null; answers: StoredFeedback | null }>(
    'SELECT requested_at, received_at, answers FROM feedback WHERE submission_id = $1',
    [submissionId],
  );
  return row && { requestedAt: new Date(row.requested_at), receivedAt: row.received_at ? new Date(row.received_at) : null, answers: row.answers };
}
