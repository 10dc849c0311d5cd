/**
 * After the award: the payments officers record against a funded grant, and the enabler, connector or
 * community worker staff record as having supported an application. Each change is checked under the
 * application's lock and written with its audit-log entry in one transaction. Server-only.
 */
import { checkPayment, type PaymentError, type PaymentInput, type ValidPayment } from '../staff/payments';
import type { Database, Queryable } from './database';
import { recordChange, type Actor } from './staff';
import { currentTime } from '../rules/clock';

export interface StoredPayment {
  /** The UK day it was paid, `YYYY-MM-DD`. */
  paidOn: string;
  amount: number;
  recordedBy: string | null;
  recordedAt: Date;
}

/** What was awarded and paid on one application. */
export interface GrantPayments {
  /** Null when the application was not funded. */
  awarded: number | null;
  decidedAt: Date | null;
  payments: StoredPayment[];
  paid: number;
}

async function grantOf(db: Queryable, submissionId: string): Promise<GrantPayments> {
  const [decision] = await db.query<{ amount_awarded: number | null; decided_at: Date }>(
    "SELECT amount_awarded, decided_at FROM decisions WHERE submission_id = $1 AND outcome = 'funded'",
    [submissionId],
  );
  const rows = await db.query<{ paid_on: string; amount: number; email: string | null; recorded_at: Date }>(
    `SELECT p.paid_on::text AS paid_on, p.amount, a.email, p.recorded_at
     FROM payments p LEFT JOIN staff_accounts a ON a.id = p.recorded_by WHERE p.submission_id = $1 ORDER BY p.paid_on, p.id`,
    [submissionId],
  );
  const payments = rows.map((row) => ({ paidOn: row.paid_on, amount: Number(row.amount), recordedBy: row.email, recordedAt: new Date(row.recorded_at) }));
  return {
    awarded: decision?.amount_awarded === undefined || decision.amount_awarded === null ? null : Number(decision.amount_awarded),
    decidedAt: decision ? new Date(decision.decided_at) : null,
    payments,
    paid: payments.reduce((total, payment) => total + payment.amount, 0),
  };
}

/** The grant's amount awarded and its payments, oldest first. */
export const paymentsFor = (db: Queryable, submissionId: string): Promise<GrantPayments> => grantOf(db, submissionId);

export type PaymentRecording = { ok: true; payment: ValidPayment } | { ok: false; problem: 'not-found' } | { ok: false; problem: 'invalid'; errors: PaymentError[] };

/**
 * Records a payment on a funded application, checked against what was awarded and paid already with
 * the application locked, so two officers recording at once cannot pay more than the award.
 */
export async function recordPayment(db: Database, reference: string, input: PaymentInput, actor: Actor, now = currentTime()): Promise<PaymentRecording> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>("SELECT id FROM submissions WHERE reference = $1 AND kind = 'application' FOR UPDATE", [reference]);
    if (!row) return { ok: false, problem: 'not-found' };
    const grant = await grantOf(tx, row.id);
    const checked = checkPayment(input, grant, now);
    if (!checked.ok) return { ok: false, problem: 'invalid', errors: checked.errors };
    const { payment } = checked;
    await tx.query('INSERT INTO payments (submission_id, paid_on, amount, recorded_by, recorded_at) VALUES ($1, $2::date, $3, $4, $5)', [
      row.id,
      payment.paidOn,
      payment.amount,
      'account' in actor ? actor.account.id : null,
      now,
    ]);
    await recordChange(tx, actor, { action: 'application.payment', subjectType: 'submission', subjectId: row.id, before: { paid: grant.paid }, after: { ...payment, paid: grant.paid + payment.amount } }, now);
    return { ok: true, payment };
  });
}

/** The contact recorded as having supported an application, if any. */
export async function supportedBy(db: Queryable, submissionId: string): Promise<string | null> {
  const [row] = await db.query<{ supported_by: string | null }>('SELECT supported_by FROM submissions WHERE id = $1', [submissionId]);
  return row?.supported_by ?? null;
}

/**
 * Records which contact supported an application (null: none), with the change in the audit log;
 * `contactId` must be one the caller checked against the contacts content. Nothing is logged when it
 * is the same as before.
 */
export async function setSupportedBy(db: Database, reference: string, contactId: string | null, actor: Actor, now = currentTime()): Promise<{ ok: boolean }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string; supported_by: string | null }>("SELECT id, supported_by FROM submissions WHERE reference = $1 AND kind = 'application' FOR UPDATE", [reference]);
    if (!row) return { ok: false };
    if (row.supported_by === contactId) return { ok: true };
    await tx.query('UPDATE submissions SET supported_by = $2 WHERE id = $1', [row.id, contactId]);
    await recordChange(tx, actor, { action: 'application.supported-by', subjectType: 'submission', subjectId: row.id, before: { supportedBy: row.supported_by }, after: { supportedBy: contactId } }, now);
    return { ok: true };
  });
}
