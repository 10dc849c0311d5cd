/**
 * The checks on a payment an officer records against a funded grant: a real UK day not after today,
 * whole pounds, and never more in all than the amount awarded. Pure; the store records what passes
 * (`src/store/payments.ts`), under the application's lock, in the audit log.
 */
import { isoDay, ukToday } from '../rules/dates';
import { currentTime } from '../rules/clock';

/** What the officer typed. */
export interface PaymentInput {
  day: string;
  month: string;
  year: string;
  amount: string;
}

export type PaymentProblem = 'notFunded' | 'dateMissing' | 'dateNotReal' | 'dateFuture' | 'dateBeforeAward' | 'amountMissing' | 'amountNotWhole' | 'amountTooMuch';

/** A problem with one field (`paidOn` or `amount`), named by its i18n key's last part. */
export interface PaymentError {
  field: 'paidOn' | 'amount';
  problem: PaymentProblem;
  /** For `amountTooMuch`: how much is left to pay. */
  left?: number;
}

/** What the grant allows: the amount awarded (null when not funded), paid so far, and the day it was decided. */
export interface GrantState {
  awarded: number | null;
  paid: number;
  decidedAt: Date | null;
}

export interface ValidPayment {
  /** The UK day, `YYYY-MM-DD`. */
  paidOn: string;
  amount: number;
}

/** Reads "£1,500" or "1500" as whole pounds; undefined when it is not. */
export function wholePounds(typed: string): number | undefined {
  const text = typed.trim().replace(/^£/, '').replaceAll(',', '').replace(/\.00$/, '');
  return /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}

/** The day typed in three boxes as `YYYY-MM-DD`, or undefined when it is not a real one. */
export function typedDay(day: string, month: string, year: string): string | undefined {
  const [d, m, y] = [day, month, year].map((part) => part.trim());
  if (!/^\d{1,2}$/.test(d!) || !/^\d{1,2}$/.test(m!) || !/^\d{4}$/.test(y!)) return undefined;
  const iso = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && isoDay(date) === iso ? iso : undefined;
}

/** Checks a payment against the grant; the errors come in the form's order. */
export function checkPayment(input: PaymentInput, grant: GrantState, now: Date = currentTime()): { ok: true; payment: ValidPayment } | { ok: false; errors: PaymentError[] } {
  if (grant.awarded === null) return { ok: false, errors: [{ field: 'amount', problem: 'notFunded' }] };
  const errors: PaymentError[] = [];
  const typedAny = [input.day, input.month, input.year].some((part) => part.trim() !== '');
  const paidOn = typedDay(input.day, input.month, input.year);
  if (!typedAny) errors.push({ field: 'paidOn', problem: 'dateMissing' });
  else if (!paidOn) errors.push({ field: 'paidOn', problem: 'dateNotReal' });
  else if (paidOn > isoDay(ukToday(now))) errors.push({ field: 'paidOn', problem: 'dateFuture' });
  else if (grant.decidedAt && paidOn < isoDay(ukToday(grant.decidedAt))) errors.push({ field: 'paidOn', problem: 'dateBeforeAward' });

  const left = grant.awarded - grant.paid;
  const amount = wholePounds(input.amount);
  if (input.amount.trim() === '') errors.push({ field: 'amount', problem: 'amountMissing' });
  else if (amount === undefined || amount === 0) errors.push({ field: 'amount', problem: 'amountNotWhole' });
  else if (amount > left) errors.push({ field: 'amount', problem: 'amountTooMuch', left });

  return errors.length > 0 || !paidOn || amount === undefined ? { ok: false, errors } : { ok: true, payment: { paidOn, amount } };
}

/** Who may be recorded as having supported an application: the programme's enablers, connectors and community workers. */
export const supporterRoles: readonly string[] = ['enabler', 'connector', 'community-worker'];
