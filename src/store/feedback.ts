/**
 * A funded project's reports back, each a row of `feedback` with a private link (only its SHA-256 is
 * stored): the final report, whose link is emailed when the project is funded with reminders for after
 * it should have ended, and the progress reports its fund's schedule asks for, scheduled when the offer
 * is accepted, each link emailed a fortnight before it is due with a reminder a week after. A report's
 * answers are kept once and cancel its own reminders; the final one moves the application to feedback
 * received. Server-only.
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
import { formatDate } from '../rules/dates';
import { defaultSchedule, finalDueDate, finalReminderDates, progressDueDates, progressEmailDates, projectEnd, type ReportingSchedule } from '../grants/schedule';

/** Who the audit log says moved an application when its feedback arrived. */
export const feedbackActor = { system: 'feedback link' } as const;

/**
 * When to remind a funded project to send its final report: when it is due (by default 2 weeks after
 * its planned end day, `YYYY-MM-DD` from the timeline answers, or after 12 weeks from now when there is
 * no end day or it has passed already) and 4 weeks later. Pure.
 */
export function reminderDates(plannedEnd: unknown, now: Date, schedule: ReportingSchedule = defaultSchedule): Date[] {
  return finalReminderDates(finalDueDate(schedule, projectEnd(plannedEnd, now)));
}

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Whether `text` has the shape of a link's secret, so nothing else reaches the database. */
export const isFeedbackToken = (text: string): boolean => /^[A-Za-z0-9_-]{40,50}$/.test(text);

interface ApplicationRow {
  reference: string;
  answers: { contact?: { contactEmail?: unknown }; timeline?: { end?: unknown }; project?: { projectTitle?: unknown }; 'your-group'?: { groupName?: unknown } };
}

/**
 * Makes the private link for a funded application's final report and queues its email and reminders
 * to the contact's address, in the caller's transaction (the one that records the decision). Asking
 * again replaces the link and its unsent reminders, so only the newest link works.
 */
export async function requestFeedback(
  tx: Queryable,
  submission: { id: string; reference: string },
  now: Date,
  { t = translator('en'), schedule = defaultSchedule }: { t?: Translate; schedule?: ReportingSchedule } = {},
): Promise<{ path: string }> {
  const [row] = await tx.query<ApplicationRow>('SELECT reference, answers FROM submissions WHERE id = $1', [submission.id]);
  if (!row) throw new Error(`There is no submission ${submission.reference}`);
  const [earlier] = await tx.query<{ received_at: Date | null }>("SELECT received_at FROM feedback WHERE submission_id = $1 AND report = 'final'", [submission.id]);
  if (earlier?.received_at) throw new Error(`${row.reference} has sent its feedback already`);
  const token = randomBytes(32).toString('base64url');
  const reminders = reminderDates(row.answers.timeline?.end, now, schedule);
  const [report] = await tx.query<{ id: string }>(
    `INSERT INTO feedback (submission_id, token_hash, requested_at, report, number, due_at) VALUES ($1, $2, $3, 'final', 1, $4)
     ON CONFLICT (submission_id, report, number) DO UPDATE SET token_hash = excluded.token_hash, requested_at = excluded.requested_at, due_at = excluded.due_at
     RETURNING id`,
    [submission.id, hashToken(token), now, reminders[0]],
  );
  await cancelReminders(tx, report!.id);
  const path = `/feedback/${token}/`;
  const email = row.answers.contact?.contactEmail;
  if (typeof email === 'string' && email.includes('@')) {
    const link = new URL(path, siteUrl()).href;
    const reference = row.reference;
    const project = typeof row.answers.project?.projectTitle === 'string' ? row.answers.project.projectTitle : reference;
    const messages: OutboxMessage[] = [
      { purpose: 'feedback-link', to: email, subject: t('feedback.email.subject', { reference }), text: t('feedback.email.text', { project, reference, link }), feedbackId: report!.id },
      ...reminders.map((sendAt): OutboxMessage => ({
        purpose: 'feedback-reminder',
        to: email,
        subject: t('feedback.email.reminderSubject', { reference }),
        text: t('feedback.email.reminderText', { project, reference, link }),
        sendAt,
        feedbackId: report!.id,
      })),
    ];
    await enqueueMessages(tx, submission.id, messages, now);
  }
  return { path };
}

/** Deletes one report's reminders (and a progress report's link) that have not gone yet. */
async function cancelReminders(db: Queryable, feedbackId: string): Promise<number> {
  return (await db.query("DELETE FROM outbox WHERE feedback_id = $1 AND purpose IN ('feedback-reminder', 'report-link', 'report-reminder') AND sent_at IS NULL RETURNING id", [feedbackId])).length;
}

/**
 * Makes the progress reports a fund's schedule asks for, from `acceptedAt` until the project's end, in
 * the caller's transaction (the one that records the offer's acceptance): a row and a private link
 * each, the link emailed a fortnight before the report is due and a reminder a week after. Returns
 * when each is due.
 */
export async function scheduleProgressReports(
  tx: Queryable,
  submissionId: string,
  schedule: ReportingSchedule,
  acceptedAt: Date,
  { t = translator('en') }: { t?: Translate } = {},
): Promise<Date[]> {
  const [row] = await tx.query<ApplicationRow>('SELECT reference, answers FROM submissions WHERE id = $1', [submissionId]);
  if (!row) throw new Error(`There is no submission ${submissionId}`);
  const dueDates = progressDueDates(schedule, acceptedAt, projectEnd(row.answers.timeline?.end, acceptedAt));
  const email = row.answers.contact?.contactEmail;
  const reference = row.reference;
  const project = typeof row.answers.project?.projectTitle === 'string' ? row.answers.project.projectTitle : reference;
  for (const [index, dueAt] of dueDates.entries()) {
    const number = index + 1;
    const token = randomBytes(32).toString('base64url');
    const [report] = await tx.query<{ id: string }>(
      `INSERT INTO feedback (submission_id, token_hash, requested_at, report, number, due_at) VALUES ($1, $2, $3, 'progress', $4, $5)
       ON CONFLICT (submission_id, report, number) DO NOTHING RETURNING id`,
      [submissionId, hashToken(token), acceptedAt, number, dueAt],
    );
    if (!report || typeof email !== 'string' || !email.includes('@')) continue;
    const link = new URL(`/feedback/${token}/`, siteUrl()).href;
    const when = progressEmailDates(dueAt, acceptedAt);
    const values = { project, reference, link, number: String(number), count: String(dueDates.length), date: formatDate(dueAt) };
    await enqueueMessages(tx, submissionId, [
      { purpose: 'report-link', to: email, subject: t('report.email.subject', values), text: t('report.email.text', values), sendAt: when.link, feedbackId: report.id },
      { purpose: 'report-reminder', to: email, subject: t('report.email.reminderSubject', values), text: t('report.email.reminderText', values), sendAt: when.reminder, feedbackId: report.id },
    ], acceptedAt);
  }
  return dueDates;
}

export interface FeedbackRequest {
  submissionId: string;
  reference: string;
  /** A progress report while the project runs, or the final report after it. */
  report: 'progress' | 'final';
  /** A progress report's number, from 1. */
  number: number;
  /** How many progress reports the project makes. */
  progressCount: number;
  dueAt: Date | null;
  /** The project's title and group, to greet the right people. */
  projectTitle: string;
  groupName: string;
  receivedAt: Date | null;
}

/** The application behind a feedback link, and whether it has been answered; undefined for an unknown link. */
export async function openFeedback(db: Queryable, token: string): Promise<FeedbackRequest | undefined> {
  if (!isFeedbackToken(token)) return undefined;
  const [row] = await db.query<ApplicationRow & { submission_id: string; received_at: Date | null; report: 'progress' | 'final'; number: number; due_at: Date | null; progress_count: number }>(
    `SELECT f.submission_id, f.received_at, f.report, f.number, f.due_at, s.reference, s.answers,
       (SELECT count(*) FROM feedback p WHERE p.submission_id = f.submission_id AND p.report = 'progress') AS progress_count
     FROM feedback f JOIN submissions s ON s.id = f.submission_id WHERE f.token_hash = $1`,
    [hashToken(token)],
  );
  if (!row) return undefined;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    submissionId: row.submission_id,
    reference: row.reference,
    report: row.report,
    number: Number(row.number),
    progressCount: Number(row.progress_count),
    dueAt: row.due_at ? new Date(row.due_at) : null,
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
 * Keeps a project's report once, in one transaction: the answers, the photos as attachments of the
 * application, the report's reminders cancelled, and for the final report a funded application moved
 * to feedback received (audit-logged).
 */
export async function receiveFeedback(db: Database, token: string, answers: FeedbackAnswers, now = currentTime()): Promise<FeedbackReceipt> {
  if (!isFeedbackToken(token)) return { ok: false, problem: 'not-found' };
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string; report: string; submission_id: string; received_at: Date | null; reference: string; status: string; fund_id: string | null; area_id: string | null; answers: ApplicationRow['answers'] }>(
      `SELECT f.id, f.report, f.submission_id, f.received_at, s.reference, s.status, s.fund_id, s.area_id, s.answers FROM feedback f JOIN submissions s ON s.id = f.submission_id
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
    await tx.query('UPDATE feedback SET received_at = $2, answers = $3::text::jsonb WHERE id = $1', [row.id, now, jsonParameter(stored)]);
    if (answers.story && answers.shareStory === 'yes') await offerStory(tx, row, answers, photos[0], now);
    await cancelReminders(tx, row.id);
    const move = moveApplication(row.status, { to: 'feedback-received' });
    if (row.report === 'final' && move.ok) {
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
  application: { id: string; submission_id: string; reference: string; fund_id: string | null; area_id: string | null; answers: ApplicationRow['answers'] },
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
    [newReference(), `feedback-story-${application.id}`, application.fund_id, application.area_id, jsonParameter(story), now],
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

/** One of a project's reports for staff: which, when due, when it was asked for and, once it came, the answers. */
export interface ProjectReport {
  report: 'progress' | 'final';
  number: number;
  dueAt: Date | null;
  requestedAt: Date;
  receivedAt: Date | null;
  answers: StoredFeedback | null;
}

/** A project's reports for staff, progress reports in order then the final one. */
export async function reportsFor(db: Queryable, submissionId: string): Promise<ProjectReport[]> {
  const rows = await db.query<{ report: 'progress' | 'final'; number: number; due_at: Date | null; requested_at: Date; received_at: Date | null; answers: StoredFeedback | null }>(
    `SELECT report, number, due_at, requested_at, received_at, answers FROM feedback WHERE submission_id = $1
     ORDER BY CASE report WHEN 'progress' THEN 0 ELSE 1 END, number`,
    [submissionId],
  );
  return rows.map((row) => ({
    report: row.report,
    number: Number(row.number),
    dueAt: row.due_at ? new Date(row.due_at) : null,
    requestedAt: new Date(row.requested_at),
    receivedAt: row.received_at ? new Date(row.received_at) : null,
    answers: row.answers,
  }));
}

/** A project's final report (its end-of-project feedback) for staff: when it was asked for and, once it came, the answers. */
export async function feedbackFor(db: Queryable, submissionId: string): Promise<{ requestedAt: Date; receivedAt: Date | null; answers: StoredFeedback | null } | undefined> {
  const final = (await reportsFor(db, submissionId)).find((report) => report.report === 'final');
  return final && { requestedAt: final.requestedAt, receivedAt: final.receivedAt, answers: final.answers };
}
