/**
 * Retention of personal data: RETENTION_MONTHS (12) after an application's decision (or its last
 * change, if none was made), and after a moderated submission (enquiry, suggested edit, new listing,
 * story) was last handled or received, its personal data is erased, keeping only the answers the KPI
 * report reads (`kpiAnswerFields`), so a past report never changes, and the group a grant went to, so
 * published 360Giving data does not. Saved drafts go sooner, DRAFT_DAYS after their last save
 * (`purgeExpiredDrafts`), and so do the emails that carried their links. Each purge is audit-logged
 * with counts, never the data. Server-only.
 */
import { kpiAnswerFields } from '../staff/kpi';
import { readStoreConfig } from './config';
import { jsonParameter, type Queryable, type Database } from './database';
import { recordChange } from './staff';
import { currentTime } from '../rules/clock';

/** Who the audit log says erased data on schedule. */
export const retentionActor = { system: 'retention schedule' } as const;

/**
 * What a funded grant keeps besides: the group it went to, never a person, as the 360Giving data
 * already publishes it (src/store/reports.ts, loadAwardedGrants), so published grants do not change.
 */
export const grantRecipientFields = [
  ['your-group', 'groupName'],
  ['your-group', 'organisationType'],
  ['your-group', 'registeredNumber'],
] as const;

/**
 * The answers of an application that the KPI report reads, and nothing else (with a funded grant's
 * recipient group); the stage too, which says how to read them, and the outline it followed. Pure.
 */
export function keptAnswers(answers: Record<string, unknown>, { funded = false }: { funded?: boolean } = {}): Record<string, unknown> {
  const kept: Record<string, Record<string, unknown>> = {};
  for (const [section, field] of [...kpiAnswerFields, ...(funded ? grantRecipientFields : [])]) {
    const part = answers[section];
    if (typeof part !== 'object' || part === null || !(field in part)) continue;
    (kept[section] ??= {})[field] = (part as Record<string, unknown>)[field];
  }
  // The stage, and the outline a full application came from, keep a two-stage case counted once.
  const stage = typeof answers.stage === 'string' ? { stage: answers.stage } : {};
  const invitedFrom = typeof answers.invitedFrom === 'string' ? { invitedFrom: answers.invitedFrom } : {};
  return { ...stage, ...invitedFrom, ...kept };
}

/** The day `months` calendar months before `now`. Pure. */
export function monthsBefore(now: Date, months: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

export interface ErasedCounts {
  submissions: number;
  attachments: number;
  outbox: number;
}

/**
 * Erases the personal data of these submissions in the caller's transaction: applications keep their
 * KPI answers, every other kind keeps none; their files and emails go, a decision's letter, the
 * feedback's story and photos, the panel's comments, their notes on a conflict of interest and the
 * moderation notes too (the feedback keeps when it came and the people reached; the scores and that a
 * conflict was declared stay).
 */
export async function erasePersonalData(tx: Queryable, submissionIds: readonly string[], now: Date): Promise<ErasedCounts> {
  const counts: ErasedCounts = { submissions: 0, attachments: 0, outbox: 0 };
  for (const id of submissionIds) {
    const [row] = await tx.query<{ kind: string; answers: Record<string, unknown>; funded: boolean }>(
      "SELECT s.kind, s.answers, EXISTS (SELECT 1 FROM decisions d WHERE d.submission_id = s.id AND d.outcome = 'funded') AS funded FROM submissions s WHERE s.id = $1 FOR UPDATE OF s",
      [id],
    );
    if (!row) continue;
    const answers = row.kind === 'application' ? keptAnswers(row.answers, { funded: row.funded }) : {};
    await tx.query('UPDATE submissions SET answers = $2::text::jsonb, personal_data_erased_at = $3 WHERE id = $1', [id, jsonParameter(answers), now]);
    counts.submissions++;
    counts.attachments += (await tx.query('DELETE FROM attachments WHERE submission_id = $1 RETURNING id', [id])).length;
    counts.outbox += (await tx.query('DELETE FROM outbox WHERE submission_id = $1 RETURNING id', [id])).length;
    await tx.query("UPDATE decisions SET letter = '', conditions = '' WHERE submission_id = $1", [id]);
    await tx.query(
      `UPDATE feedback SET answers = jsonb_build_object('peopleReached', answers->'peopleReached') WHERE submission_id = $1 AND answers IS NOT NULL`,
      [id],
    );
    // The link no longer opens, so nothing personal arrives after the erasure to be kept for ever.
    await tx.query("UPDATE feedback SET token_hash = 'erased:' || id::text WHERE submission_id = $1", [id]);
    // The offer keeps when it was made and accepted, not who accepted it, and its link no longer opens.
    await tx.query(
      `UPDATE grant_offers SET token_hash = 'erased:' || submission_id::text,
         accepted_name = CASE WHEN accepted_at IS NULL THEN NULL ELSE '' END, accepted_role = CASE WHEN accepted_at IS NULL THEN NULL ELSE '' END
       WHERE submission_id = $1`,
      [id],
    );
    // What staff wrote about it may name people too: the panel's comments and the moderation notes,
    // where they are kept and in the audit log, which still says who did what and when.
    await tx.query("UPDATE scores SET comment = '' WHERE submission_id = $1", [id]);
    await tx.query(
      `UPDATE audit_log SET before = ${withoutComments('before')}, after = ${withoutComments('after')}
       WHERE subject_type = 'submission' AND subject_id = $1 AND action = 'application.scores'`,
      [id],
    );
    await tx.query("UPDATE audit_log SET after = after - 'note' WHERE subject_type = 'submission' AND subject_id = $1 AND action = 'moderation.status'", [id]);
    // A panel member's words on their conflict of interest go the same way; that they declared one stays.
    await tx.query("UPDATE panel_declarations SET note = '' WHERE submission_id = $1", [id]);
    await tx.query("UPDATE audit_log SET after = after - 'note' WHERE subject_type = 'submission' AND subject_id = $1 AND action = 'application.conflict'", [id]);
  }
  return counts;
}

/** SQL for a logged list of scores (`column` of audit_log) without their comments. */
function withoutComments(column: 'before' | 'after'): string {
  return `CASE WHEN jsonb_typeof(${column}) = 'array'
    THEN (SELECT coalesce(jsonb_agg(score - 'comment'), '[]'::jsonb) FROM jsonb_array_elements(${column}) AS score) ELSE ${column} END`;
}

export interface RetentionPurge extends ErasedCounts {
  applications: number;
  moderation: number;
  /** Emails that carried draft links, older than a draft lives. */
  draftLinks: number;
}

/**
 * Erases what has been kept long enough (see the file's comment); audit-logs the counts when anything
 * went. Safe to run again at any time: erased submissions are not touched twice.
 */
export async function purgeRetainedPersonalData(
  db: Database,
  now = currentTime(),
  { retentionMonths, draftDays }: { retentionMonths: number; draftDays: number } = readStoreConfig(),
): Promise<RetentionPurge> {
  const cutoff = monthsBefore(now, retentionMonths);
  return db.transaction(async (tx) => {
    const applications = await tx.query<{ id: string }>(
      `SELECT s.id FROM submissions s LEFT JOIN decisions d ON d.submission_id = s.id
       WHERE s.kind = 'application' AND s.personal_data_erased_at IS NULL
         AND coalesce(d.decided_at, s.updated_at) <= $1
       ORDER BY s.created_at`,
      [cutoff],
    );
    // Handled or only received: either way the last thing that happened to it.
    const moderation = await tx.query<{ id: string }>(
      `SELECT id FROM submissions WHERE kind <> 'application' AND personal_data_erased_at IS NULL AND greatest(created_at, updated_at) <= $1 ORDER BY created_at`,
      [cutoff],
    );
    const erased = await erasePersonalData(tx, [...applications, ...moderation].map((row) => row.id), now);
    const draftLinks = (await tx.query(
      "DELETE FROM outbox WHERE submission_id IS NULL AND purpose = 'draft-link' AND created_at <= $1 RETURNING id",
      [new Date(now.getTime() - draftDays * 24 * 60 * 60 * 1000)],
    )).length;
    const purge: RetentionPurge = { applications: applications.length, moderation: moderation.length, ...erased, outbox: erased.outbox + draftLinks, draftLinks };
    if (purge.submissions > 0 || draftLinks > 0) {
      await recordChange(tx, retentionActor, { action: 'retention.purge', subjectType: 'store', subjectId: 'retention', before: null, after: { ...purge, retentionMonths, erasedUpTo: cutoff.toISOString() } }, now);
    }
    return purge;
  });
}

/** When a submission's personal data was erased, if it was. */
export async function personalDataErasedAt(db: Queryable, submissionId: string): Promise<Date | undefined> {
  const [row] = await db.query<{ erased_at: Date | null }>('SELECT personal_data_erased_at AS erased_at FROM submissions WHERE id = $1', [submissionId]);
  return row?.erased_at ? new Date(row.erased_at) : undefined;
}
