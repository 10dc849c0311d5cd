/**
 * The panel's declarations of conflicts of interest, and the kind staff give a document: each kept with
 * its application and written to the audit log in the same transaction. Who may see what is decided by
 * the rules in `src/staff/panel.ts`; `staff-applications.ts` applies them to the lists. Server-only.
 */
import { currentTime } from '../rules/clock';
import type { DocumentKind } from '../staff/panel';
import type { Database, Queryable } from './database';
import { recordChange, type Actor, type StaffAccount } from './staff';

export interface Declaration {
  accountId: string;
  /** The member's email, as the console names them. */
  member: string;
  conflict: boolean;
  note: string;
  declaredAt: Date;
}

/** One member's declaration on one application, if they have made one. */
export async function declarationOf(db: Queryable, submissionId: string, accountId: string): Promise<{ conflict: boolean } | undefined> {
  const [row] = await db.query<{ conflict: boolean }>('SELECT conflict FROM panel_declarations WHERE submission_id = $1 AND account_id = $2', [submissionId, accountId]);
  return row ? { conflict: row.conflict } : undefined;
}

/** Every declaration on an application, conflicts first, for officers. */
export async function declarationsOn(db: Queryable, submissionId: string): Promise<Declaration[]> {
  const rows = await db.query<{ account_id: string; email: string; conflict: boolean; note: string; declared_at: Date }>(
    `SELECT d.account_id, a.email, d.conflict, d.note, d.declared_at FROM panel_declarations d JOIN staff_accounts a ON a.id = d.account_id
     WHERE d.submission_id = $1 ORDER BY d.conflict DESC, a.email`,
    [submissionId],
  );
  return rows.map((row) => ({ accountId: row.account_id, member: row.email, conflict: row.conflict, note: row.note, declaredAt: new Date(row.declared_at) }));
}

export type Declaring = { ok: true } | { ok: false; problem: 'not-found' | 'conflict-already' };

/**
 * Records a member's declaration on an application they may see (the page checked that). "No conflict"
 * may later become a conflict, which also withdraws any scores they gave it; a conflict is final, since
 * from then on the application is hidden from them.
 */
export async function declareInterest(
  db: Database,
  submissionId: string,
  account: StaffAccount,
  declaration: { conflict: boolean; note: string },
  now = currentTime(),
): Promise<Declaring> {
  return db.transaction(async (tx) => {
    const [application] = await tx.query("SELECT 1 FROM submissions WHERE id = $1 AND kind = 'application' FOR UPDATE", [submissionId]);
    if (!application) return { ok: false, problem: 'not-found' };
    const earlier = await declarationOf(tx, submissionId, account.id);
    if (earlier?.conflict) return { ok: false, problem: 'conflict-already' };
    await tx.query(
      `INSERT INTO panel_declarations (submission_id, account_id, conflict, note, declared_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (submission_id, account_id) DO UPDATE SET conflict = excluded.conflict, note = excluded.note, declared_at = excluded.declared_at`,
      [submissionId, account.id, declaration.conflict, declaration.note, now],
    );
    const withdrawn = declaration.conflict
      ? await tx.query<{ criterion: string; score: number }>('DELETE FROM scores WHERE submission_id = $1 AND account_id = $2 RETURNING criterion, score', [submissionId, account.id])
      : [];
    await recordChange(
      tx,
      { account },
      {
        action: declaration.conflict ? 'application.conflict' : 'application.no-conflict',
        subjectType: 'submission',
        subjectId: submissionId,
        before: earlier ? { conflict: earlier.conflict } : null,
        after: { conflict: declaration.conflict, ...(declaration.conflict ? { note: declaration.note } : {}), ...(withdrawn.length ? { scoresWithdrawn: withdrawn.length } : {}) },
      },
      now,
    );
    return { ok: true };
  });
}

/** Staff saying which kind a document is (or that it is not yet known); logged with the kind it had. */
export async function markDocumentKind(db: Database, attachmentId: string, kind: DocumentKind | null, actor: Actor, now = currentTime()): Promise<{ ok: boolean }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ submission_id: string | null; kind: string | null; file_name: string }>('SELECT submission_id, kind, file_name FROM attachments WHERE id = $1 FOR UPDATE', [attachmentId]);
    if (!row?.submission_id) return { ok: false };
    if (row.kind === kind) return { ok: true };
    await tx.query('UPDATE attachments SET kind = $2 WHERE id = $1', [attachmentId, kind]);
    await recordChange(tx, actor, { action: 'attachment.kind', subjectType: 'submission', subjectId: row.submission_id, before: { file: row.file_name, kind: row.kind }, after: { file: row.file_name, kind } }, now);
    return { ok: true };
  });
}
