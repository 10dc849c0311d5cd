/**
 * Subject access for admins: everything the hub holds about one email address (submissions and
 * drafts whose answers hold it, emails to or about it, a staff account, sign-in attempts), to list,
 * export as JSON, or erase. Erasing keeps what retention keeps (an application's KPI answers), and
 * the audit log records counts, never the address. Server-only.
 */
import type { Database, Queryable } from './database';
import { erasePersonalData } from './retention';
import { normaliseEmail, recordChange, type Actor } from './staff';
import { currentTime } from '../rules/clock';

/**
 * A POSIX pattern for the address as a whole word of a lower-cased text: not a part of a longer
 * address (anjo@example.org or jo@example.org.uk when looking for jo@example.org). Pure.
 */
export function addressPattern(address: string): string {
  const literal = address.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&');
  return `(^|[^a-z0-9._%+-])${literal}($|[^a-z0-9.-]|\\.($|[^a-z0-9]))`;
}

/** Any string value anywhere in `column` (a jsonb of answers) that holds the address ($1, as addressPattern), ignoring case. */
const holdsEmail = (column: string) => `EXISTS (
  SELECT 1 FROM jsonb_path_query(${column}, 'strict $.**') AS value
  WHERE jsonb_typeof(value) = 'string' AND lower(value #>> '{}') ~ $1)`;

export interface HeldFile {
  id: string;
  fileName: string;
  fileType: string;
  sizeBytes: number;
}

export interface HeldSubmission {
  id: string;
  reference: string;
  kind: string;
  status: string;
  createdAt: Date;
  answers: Record<string, unknown>;
  files: HeldFile[];
  /** A funded project's reports back (progress and final), oldest first, if it sent any. */
  feedback: unknown;
  /** Who accepted a funded project's offer, and when, if it was accepted. */
  offer: unknown;
}

export interface HeldDraft {
  id: string;
  kind: string;
  createdAt: Date;
  expiresAt: Date;
  answers: Record<string, unknown>;
  files: HeldFile[];
}

export interface HeldEmail {
  id: number;
  purpose: string;
  recipient: string;
  subject: string;
  body: string;
  createdAt: Date;
  sentAt: Date | null;
}

export interface HeldData {
  email: string;
  submissions: HeldSubmission[];
  drafts: HeldDraft[];
  emails: HeldEmail[];
  staffAccount: { email: string; role: string; createdAt: Date; disabled: boolean } | null;
  loginAttempts: { attemptedAt: Date; succeeded: boolean }[];
}

/** Whether nothing at all was found. */
export const holdsNothing = (data: HeldData): boolean =>
  data.submissions.length + data.drafts.length + data.emails.length + data.loginAttempts.length === 0 && data.staffAccount === null;

const date = (value: Date | string) => new Date(value);

async function filesOf(db: Queryable, column: 'submission_id' | 'draft_id', id: string): Promise<HeldFile[]> {
  const rows = await db.query<{ id: string; file_name: string; file_type: string; size_bytes: number }>(
    `SELECT id, file_name, file_type, size_bytes FROM attachments WHERE ${column} = $1 ORDER BY created_at, id`,
    [id],
  );
  return rows.map((row) => ({ id: row.id, fileName: row.file_name, fileType: row.file_type, sizeBytes: row.size_bytes }));
}

/** Everything held about `email` (compared without case or surrounding spaces). */
export async function findPersonalData(db: Queryable, email: string): Promise<HeldData> {
  const address = normaliseEmail(email);
  const pattern = addressPattern(address);
  const submissions = await db.query<{ id: string; reference: string; kind: string; status: string; created_at: Date; answers: Record<string, unknown>; feedback: unknown; offer: unknown }>(
    `SELECT s.id, s.reference, s.kind, s.status, s.created_at, s.answers,
       (SELECT jsonb_agg(f.answers ORDER BY f.received_at) FROM feedback f WHERE f.submission_id = s.id AND f.answers IS NOT NULL) AS feedback,
       (SELECT jsonb_build_object('acceptedAt', o.accepted_at, 'acceptedName', o.accepted_name, 'acceptedRole', o.accepted_role) FROM grant_offers o
        WHERE o.submission_id = s.id AND o.accepted_at IS NOT NULL) AS offer
     FROM submissions s
     WHERE ${holdsEmail('s.answers')} ORDER BY s.created_at, s.reference`,
    [pattern],
  );
  const drafts = await db.query<{ id: string; kind: string; created_at: Date; expires_at: Date; answers: Record<string, unknown> }>(
    `SELECT id, kind, created_at, expires_at, answers FROM drafts WHERE ${holdsEmail('answers')} ORDER BY created_at, id`,
    [pattern],
  );
  const emails = await db.query<{ id: number; purpose: string; recipient: string; subject: string; body: string; created_at: Date; sent_at: Date | null }>(
    `SELECT id, purpose, recipient, subject, body, created_at, sent_at FROM outbox
     WHERE lower(recipient) = $1 OR lower(body) ~ $2 ORDER BY id`,
    [address, pattern],
  );
  const [account] = await db.query<{ email: string; role: string; created_at: Date; disabled_at: Date | null }>(
    'SELECT email, role, created_at, disabled_at FROM staff_accounts WHERE email = $1',
    [address],
  );
  const attempts = await db.query<{ attempted_at: Date; succeeded: boolean }>(
    'SELECT attempted_at, succeeded FROM staff_login_attempts WHERE email = $1 ORDER BY attempted_at',
    [address],
  );
  return {
    email: address,
    submissions: await Promise.all(submissions.map(async (row) => ({
      id: row.id, reference: row.reference, kind: row.kind, status: row.status, createdAt: date(row.created_at), answers: row.answers, files: await filesOf(db, 'submission_id', row.id), feedback: row.feedback, offer: row.offer,
    }))),
    drafts: await Promise.all(drafts.map(async (row) => ({
      id: row.id, kind: row.kind, createdAt: date(row.created_at), expiresAt: date(row.expires_at), answers: row.answers, files: await filesOf(db, 'draft_id', row.id),
    }))),
    emails: emails.map((row) => ({ id: row.id, purpose: row.purpose, recipient: row.recipient, subject: row.subject, body: row.body, createdAt: date(row.created_at), sentAt: row.sent_at ? date(row.sent_at) : null })),
    staffAccount: account ? { email: account.email, role: account.role, createdAt: date(account.created_at), disabled: account.disabled_at !== null } : null,
    loginAttempts: attempts.map((row) => ({ attemptedAt: date(row.attempted_at), succeeded: row.succeeded })),
  };
}

/** The export an admin downloads: everything found, with each file's content in base64, and the audit log told (counts only). */
export async function exportPersonalData(db: Database, email: string, actor: Actor, now = currentTime()): Promise<HeldData & { exportedAt: Date }> {
  return db.transaction(async (tx) => {
    const data = await findPersonalData(tx, email);
    const withContent = async (file: HeldFile) => {
      const [row] = await tx.query<{ content: string }>("SELECT encode(content, 'base64') AS content FROM attachments WHERE id = $1", [file.id]);
      return { ...file, contentBase64: (row?.content ?? '').replace(/\s/g, '') };
    };
    const exported = {
      exportedAt: now,
      ...data,
      submissions: await Promise.all(data.submissions.map(async (item) => ({ ...item, files: await Promise.all(item.files.map(withContent)) }))),
      drafts: await Promise.all(data.drafts.map(async (item) => ({ ...item, files: await Promise.all(item.files.map(withContent)) }))),
    };
    await recordChange(tx, actor, { action: 'personal-data.export', subjectType: 'store', subjectId: 'personal-data', before: null, after: counts(data) }, now);
    return exported;
  });
}

function counts(data: HeldData) {
  return { submissions: data.submissions.length, drafts: data.drafts.length, emails: data.emails.length, loginAttempts: data.loginAttempts.length, staffAccount: data.staffAccount ? 1 : 0 };
}

export interface Erasure {
  submissions: number;
  attachments: number;
  drafts: number;
  emails: number;
  loginAttempts: number;
}

/**
 * Erases what is held about `email` in one transaction: the submissions' personal data (applications
 * keep their KPI answers), drafts with their files, the emails, and sign-in attempts. A staff account
 * stays (the audit log names it); disable it under Staff accounts (or `npm run staff -- disable`). Audit-logged with counts.
 */
export async function erasePersonalDataOf(db: Database, email: string, actor: Actor, now = currentTime()): Promise<Erasure> {
  return db.transaction(async (tx) => {
    const data = await findPersonalData(tx, email);
    const erased = await erasePersonalData(tx, data.submissions.map((item) => item.id), now);
    let drafts = 0;
    for (const draft of data.drafts) drafts += (await tx.query('DELETE FROM drafts WHERE id = $1 RETURNING id', [draft.id])).length;
    let emails = erased.outbox;
    for (const message of data.emails) emails += (await tx.query('DELETE FROM outbox WHERE id = $1 RETURNING id', [message.id])).length;
    const loginAttempts = (await tx.query('DELETE FROM staff_login_attempts WHERE email = $1 RETURNING id', [data.email])).length;
    const erasure: Erasure = { submissions: erased.submissions, attachments: erased.attachments, drafts, emails, loginAttempts };
    await recordChange(tx, actor, { action: 'personal-data.erase', subjectType: 'store', subjectId: 'personal-data', before: null, after: erasure }, now);
    return erasure;
  });
}
