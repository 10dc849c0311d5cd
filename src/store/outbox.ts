/**
 * Emails waiting to be sent. A submission writes its messages here in the same transaction as
 * itself, so a message exists exactly when the submission does; `notify/send-outbox.ts` delivers
 * them when a mail server is configured, and without one they wait here. Server-only.
 */
import type { Database, Queryable } from './database';
import { recordChange, type StaffAccount } from './staff';

/**
 * draft-link: the private link to a saved form, sent when the sender asks to come back later;
 * feedback-link and feedback-reminder: a funded project's private link to report back, and the
 * reminders queued for later that are deleted unsent once the feedback arrives; report-link and
 * report-reminder: the same for each progress report on the fund's schedule, sent before it is due
 * and a week after; decision-letter: the
 * officer's letter on an application, sent when the decision is recorded; moderation-outcome: a story,
 * listing or edit someone sent is live, or was rejected and why; staff-password-link: a one-time link
 * to set a staff password (an invitation or a new password), shown only to administrators.
 */
export type OutboxPurpose = 'applicant-confirmation' | 'staff-alert' | 'draft-link' | 'feedback-link' | 'feedback-reminder' | 'report-link' | 'report-reminder' | 'decision-letter' | 'moderation-outcome' | 'staff-password-link';

export interface OutboxMessage {
  purpose: OutboxPurpose;
  /** The recipient's address. */
  to: string;
  subject: string;
  /** Plain text body. */
  text: string;
  /** Not before this (a reminder queued for later); now when left out. */
  sendAt?: Date;
  /** The project report (a `feedback` row) whose link this carries, so the report's arrival cancels its own reminders only. */
  feedbackId?: string;
}

export interface OutboxEntry extends OutboxMessage {
  id: number;
  submissionId: string | null;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  sentAt: Date | null;
}

interface OutboxRow {
  id: number;
  submission_id: string | null;
  purpose: OutboxPurpose;
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  sent_at: Date | null;
}

const columns = 'id, submission_id, purpose, recipient, subject, body, attempts, next_attempt_at, last_error, sent_at';

export async function enqueueMessages(
  db: Queryable,
  submissionId: string | null,
  messages: readonly OutboxMessage[],
  now: Date,
): Promise<void> {
  for (const message of messages) {
    await db.query(
      `INSERT INTO outbox (submission_id, purpose, recipient, subject, body, created_at, next_attempt_at, feedback_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [submissionId, message.purpose, message.to, message.subject, message.text, now, message.sendAt ?? now, message.feedbackId ?? null],
    );
  }
}

/** A submission's messages, or every message when `submissionId` is not given; oldest first. */
export async function outboxEntries(db: Queryable, submissionId?: string): Promise<OutboxEntry[]> {
  const rows = submissionId
    ? await db.query<OutboxRow>(`SELECT ${columns} FROM outbox WHERE submission_id = $1 ORDER BY id`, [submissionId])
    : await db.query<OutboxRow>(`SELECT ${columns} FROM outbox ORDER BY id`);
  return rows.map(toEntry);
}

/**
 * Takes up to `limit` unsent messages that are due and not being sent by another server, and marks
 * them as being sent until `lockedUntil`, so two servers never send the same message at once.
 */
export async function claimDueMessages(
  db: Queryable,
  { now, lockedUntil, maxAttempts, limit }: { now: Date; lockedUntil: Date; maxAttempts: number; limit: number },
): Promise<OutboxEntry[]> {
  const rows = await db.query<OutboxRow>(
    `UPDATE outbox SET locked_until = $2
     WHERE id IN (
       SELECT id FROM outbox
       WHERE sent_at IS NULL AND attempts < $3 AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until <= $1)
       ORDER BY next_attempt_at, id
       LIMIT $4
       FOR UPDATE SKIP LOCKED)
     RETURNING ${columns}`,
    [now, lockedUntil, maxAttempts, limit],
  );
  return rows.map(toEntry);
}

export async function markSent(db: Queryable, id: number, now: Date): Promise<void> {
  await db.query(
    'UPDATE outbox SET sent_at = $2, attempts = attempts + 1, last_error = NULL, locked_until = NULL WHERE id = $1',
    [id, now],
  );
}

/** Counts the failed attempt, keeps its error, and sets when to try again. */
export async function markFailed(db: Queryable, id: number, error: string, retryAt: Date): Promise<void> {
  await db.query(
    'UPDATE outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3, locked_until = NULL WHERE id = $1',
    [id, error.slice(0, 1000), retryAt],
  );
}

function toEntry(row: OutboxRow): OutboxEntry {
  return {
    id: row.id,
    submissionId: row.submission_id,
    purpose: row.purpose,
    to: row.recipient,
    subject: row.subject,
    text: row.body,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    sentAt: row.sent_at,
  };
}

/** Where a message stands for staff: waiting to be sent (or tried again), failed for good, or sent. */
export const outboxStates = ['waiting', 'failed', 'sent'] as const;
export type OutboxState = (typeof outboxStates)[number];

export interface OutboxListEntry extends OutboxEntry {
  createdAt: Date;
  state: OutboxState;
  /** The submission it belongs to, when it belongs to one (a draft's link does not). */
  reference: string | null;
  kind: string | null;
  /** The applying group's name, for an email about an application. */
  groupName: string | null;
  /** The staff account a password link is for, while it exists. */
  accountId: string | null;
  /** Who marked it sent by hand; null when the mail server sent it, or it is not sent. */
  sentBy: string | null;
}

export interface OutboxList {
  /** The newest `limit` messages in the state asked for, newest first. */
  entries: OutboxListEntry[];
  /** How many messages are in the state asked for, shown or not. */
  total: number;
  /** How many messages are in each state, whatever the filter. */
  counts: Record<OutboxState, number>;
}

/**
 * The outbox for the staff console, newest first, in one state or all. A message has failed once it
 * has had `maxAttempts` tries unsent: the sender's MAIL_MAX_ATTEMPTS, so both agree on what waits.
 */
export async function listOutbox(
  db: Queryable,
  { state, maxAttempts, limit = 200 }: { state?: OutboxState; maxAttempts: number; limit?: number },
): Promise<OutboxList> {
  const stateOf = `CASE WHEN o.sent_at IS NOT NULL THEN 'sent' WHEN o.attempts >= $1 THEN 'failed' ELSE 'waiting' END`;
  const rows = await db.query<OutboxRow & { created_at: Date; state: OutboxState; reference: string | null; kind: string | null; group_name: string | null; account_id: string | null; sent_by_email: string | null }>(
    `SELECT ${columns.split(', ').map((column) => `o.${column}`).join(', ')}, o.created_at, ${stateOf} AS state, s.reference, s.kind,
       CASE WHEN s.kind = 'application' THEN s.answers->'your-group'->>'groupName' END AS group_name, account.id AS account_id, sender.email AS sent_by_email
     FROM outbox o LEFT JOIN submissions s ON s.id = o.submission_id
       LEFT JOIN staff_accounts account ON o.purpose = 'staff-password-link' AND account.email = lower(o.recipient)
       LEFT JOIN staff_accounts sender ON sender.id = o.sent_by
     WHERE $2::text IS NULL OR ${stateOf} = $2::text
     ORDER BY o.created_at DESC, o.id DESC
     LIMIT $3`,
    [maxAttempts, state ?? null, limit],
  );
  const countRows = await db.query<{ state: OutboxState; count: string | number }>(
    `SELECT ${stateOf} AS state, count(*) AS count FROM outbox o GROUP BY 1`,
    [maxAttempts],
  );
  const counts: Record<OutboxState, number> = { waiting: 0, failed: 0, sent: 0 };
  for (const row of countRows) counts[row.state] = Number(row.count);
  return {
    entries: rows.map((row) => ({
      ...toEntry(row),
      createdAt: row.created_at,
      state: row.state,
      reference: row.reference,
      kind: row.kind,
      groupName: row.group_name,
      accountId: row.account_id,
      sentBy: row.sent_by_email,
    })),
    total: state ? counts[state] : counts.waiting + counts.failed + counts.sent,
    counts,
  };
}

// --- Acting on an email from the Emails page ------------------------------------------------------

export type EmailAction = 'mark-sent' | 'send-again';

export type EmailActionResult =
  | { ok: true; action: EmailAction; copyId?: number }
  | { ok: false; problem: 'not-found' | 'not-allowed' | 'sent-already' | 'being-sent' | 'waiting' };

/**
 * What staff can do to an email: mark it sent when they sent it by hand from their own mailbox (the mail
 * server then leaves it), or send it again: a sent one as a new copy, a failed one from its first try.
 * One still waiting is already to be sent, so it is refused, as is one a server is sending right now.
 * Each action is in the audit log, under the email.
 */
export async function actOnEmail(
  db: Database,
  id: number,
  action: EmailAction,
  { account, maxAttempts, mayActOn }: { account: StaffAccount; maxAttempts: number; mayActOn: (purpose: string) => boolean },
  now: Date,
): Promise<EmailActionResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<OutboxRow & { locked_until: Date | null }>(`SELECT ${columns}, locked_until FROM outbox WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) return { ok: false, problem: 'not-found' };
    if (!mayActOn(row.purpose)) return { ok: false, problem: 'not-allowed' };
    if (row.locked_until && new Date(row.locked_until) > now) return { ok: false, problem: 'being-sent' };
    // Not the recipient: the audit log outlives the retention purge, and an address is personal data.
    const about = { purpose: row.purpose, submissionId: row.submission_id };
    const log = (after: Record<string, unknown>) =>
      recordChange(tx, { account }, { action: `email.${action}`, subjectType: 'email', subjectId: String(row.id), before: { attempts: row.attempts, sentAt: row.sent_at }, after: { ...about, ...after } }, now);
    if (action === 'mark-sent') {
      if (row.sent_at) return { ok: false, problem: 'sent-already' };
      await tx.query('UPDATE outbox SET sent_at = $2, sent_by = $3, locked_until = NULL WHERE id = $1', [row.id, now, account.id]);
      await log({ sentAt: now, byHand: true });
      return { ok: true, action };
    }
    if (row.sent_at) {
      const [copy] = await tx.query<{ id: number }>(
        `INSERT INTO outbox (submission_id, purpose, recipient, subject, body, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
        [row.submission_id, row.purpose, row.recipient, row.subject, row.body, now],
      );
      await log({ copyId: copy.id });
      return { ok: true, action, copyId: copy.id };
    }
    if (row.attempts < maxAttempts) return { ok: false, problem: 'waiting' };
    await tx.query('UPDATE outbox SET attempts = 0, last_error = NULL, next_attempt_at = $2, locked_until = NULL WHERE id = $1', [row.id, now]);
    await log({ attempts: 0 });
    return { ok: true, action };
  });
}

/** What was done to one email from the Emails page, oldest first: who marked it sent or sent it again. */
export async function emailHistory(db: Queryable, ids: readonly number[]): Promise<Map<number, { at: Date; actor: string; action: string }[]>> {
  const history = new Map<number, { at: Date; actor: string; action: string }[]>();
  if (ids.length === 0) return history;
  const rows = await db.query<{ subject_id: string; at: Date; actor: string; action: string }>(
    "SELECT subject_id, at, actor, action FROM audit_log WHERE subject_type = 'email' AND subject_id = ANY($1::text[]) ORDER BY at, id",
    [ids.map(String)],
  );
  for (const row of rows) {
    const id = Number(row.subject_id);
    history.set(id, [...(history.get(id) ?? []), { at: new Date(row.at), actor: row.actor, action: row.action }]);
  }
  return history;
}
