/**
 * Checking an officer's decision before it is recorded: an outcome the workflow allows from where the
 * application is, the amount for a funded project (whole pounds, more than nothing, never more than asked
 * or the fund's maximum), where a signposted group was pointed, the letter, and a funded grant's own
 * conditions. Pure.
 */
import { fieldsFor, unknownMergeFields } from '../rules/letters';
import { decisionsFrom, type Decision } from './workflow';

export const letterLimit = 10_000;
export const signpostLimit = 300;
export const conditionsLimit = 5_000;

/** The decision form as typed. */
export interface DecisionInput {
  outcome: string;
  amount: string;
  signpostedTo: string;
  letter: string;
  /** This grant's own conditions, one a line, on top of the fund's standard ones; read only for a funded project. Left out, none. */
  conditions?: string;
}

export interface DecisionContext {
  /** Where the application is now. */
  status: string;
  /** What the group asked for, in pounds, if it said. */
  asked: number | null;
  /** The fund's largest grant, in pounds, if the fund is still known. */
  maximumAward: number | null;
  /** Whether the application is an outline or a full application. */
  stage: 'outline' | 'full';
  /** The fund's stages (2: an outline, then a full application), if the fund is still known. */
  fundStages: 1 | 2 | null;
}

export interface ValidDecision {
  outcome: Decision;
  amountAwarded: number | null;
  signpostedTo: string | null;
  letter: string;
  /** This grant's own conditions; empty for none, and always for an outcome other than funded. */
  conditions: string;
}

export type DecisionProblem =
  | 'outcome-missing'
  | 'outcome-not-allowed'
  | 'invite-not-two-stage'
  | 'invite-not-outline'
  | 'amount-missing'
  | 'amount-not-whole'
  | 'amount-not-number'
  | 'amount-too-small'
  | 'amount-over-asked'
  | 'amount-over-maximum'
  | 'amount-unchecked'
  | 'signposted-missing'
  | 'signposted-too-long'
  | 'letter-missing'
  | 'letter-too-long'
  | 'letter-unknown-field'
  | 'conditions-too-long';

/** A problem with one field of the form; `values` fill the message's placeholders. */
export interface DecisionError {
  field: 'outcome' | 'amount' | 'signpostedTo' | 'letter' | 'conditions';
  problem: DecisionProblem;
  values?: Record<string, string>;
}

export type DecisionCheck = { ok: true; decision: ValidDecision } | { ok: false; errors: DecisionError[] };

const pounds = (value: number) => `£${value.toLocaleString('en-GB')}`;

/** Reads "£1,200" or "1200" as whole pounds; what it is not, as a problem. */
export function readPounds(typed: string): { pounds: number } | { problem: 'amount-missing' | 'amount-not-whole' | 'amount-not-number' } {
  const plain = typed.trim().replace(/^£/, '').replace(/,(?=\d{3}\b)/g, '').trim();
  if (!plain) return { problem: 'amount-missing' };
  if (/^\d+\.\d+$/.test(plain)) return /^\d+\.0+$/.test(plain) ? { pounds: Number.parseInt(plain, 10) } : { problem: 'amount-not-whole' };
  if (!/^\d{1,9}$/.test(plain)) return { problem: 'amount-not-number' };
  return { pounds: Number(plain) };
}

/** Why an application may not be invited to apply in full, if it may not: only an outline to a two-stage fund has a full application to make. */
export function invitationProblem(context: Pick<DecisionContext, 'stage' | 'fundStages'>): 'invite-not-two-stage' | 'invite-not-outline' | undefined {
  if (context.fundStages !== 2) return 'invite-not-two-stage';
  if (context.stage !== 'outline') return 'invite-not-outline';
  return undefined;
}

/** The decisions that may be recorded on this application now: those the workflow allows from its status, with "invited" only for an outline to a two-stage fund. */
export function outcomesFor(context: Pick<DecisionContext, 'status' | 'stage' | 'fundStages'>): Decision[] {
  return decisionsFrom(context.status).filter((decision) => decision !== 'invited' || !invitationProblem(context));
}

/** Whether the decision may be recorded as typed, and what it records. */
export function checkDecision(input: DecisionInput, context: DecisionContext): DecisionCheck {
  const errors: DecisionError[] = [];
  const allowed = outcomesFor(context);
  const outcome = allowed.find((decision) => decision === input.outcome);
  const notInvited = input.outcome === 'invited' && decisionsFrom(context.status).includes('invited') ? invitationProblem(context) : undefined;
  if (!input.outcome) errors.push({ field: 'outcome', problem: 'outcome-missing' });
  else if (notInvited) errors.push({ field: 'outcome', problem: notInvited });
  else if (!outcome) errors.push({ field: 'outcome', problem: 'outcome-not-allowed' });

  let amountAwarded: number | null = null;
  if (outcome === 'funded') {
    const read = readPounds(input.amount);
    if ('problem' in read) errors.push({ field: 'amount', problem: read.problem });
    else if (read.pounds <= 0) errors.push({ field: 'amount', problem: 'amount-too-small' });
    else if (context.asked !== null && read.pounds > context.asked) errors.push({ field: 'amount', problem: 'amount-over-asked', values: { asked: pounds(context.asked) } });
    else if (context.maximumAward !== null && read.pounds > context.maximumAward) errors.push({ field: 'amount', problem: 'amount-over-maximum', values: { maximum: pounds(context.maximumAward) } });
    // Neither limit known (no amount asked, and the fund no longer listed): no award is checked, so none is made.
    else if (context.asked === null && context.maximumAward === null) errors.push({ field: 'amount', problem: 'amount-unchecked' });
    else amountAwarded = read.pounds;
  }

  let signpostedTo: string | null = null;
  if (outcome === 'signposted') {
    const place = input.signpostedTo.trim();
    if (!place) errors.push({ field: 'signpostedTo', problem: 'signposted-missing' });
    else if (place.length > signpostLimit) errors.push({ field: 'signpostedTo', problem: 'signposted-too-long', values: { limit: String(signpostLimit) } });
    else signpostedTo = place;
  }

  const letter = input.letter.trim();
  if (!letter) errors.push({ field: 'letter', problem: 'letter-missing' });
  else if (letter.length > letterLimit) errors.push({ field: 'letter', problem: 'letter-too-long', values: { limit: letterLimit.toLocaleString('en-GB') } });
  else if (outcome) {
    // A merge field the letter cannot fill would reach the applicant as {{braces}}.
    const unknown = unknownMergeFields(letter, outcome);
    const braces = (fields: readonly string[]) => fields.map((name) => `{{${name}}}`).join(', ');
    if (unknown.length) errors.push({ field: 'letter', problem: 'letter-unknown-field', values: { fields: braces(unknown), allowed: braces(fieldsFor[outcome]) } });
  }

  const conditions = outcome === 'funded' ? (input.conditions ?? '').trim() : '';
  if (conditions.length > conditionsLimit) errors.push({ field: 'conditions', problem: 'conditions-too-long', values: { limit: conditionsLimit.toLocaleString('en-GB') } });

  if (errors.length || !outcome) return { ok: false, errors };
  return { ok: true, decision: { outcome, amountAwarded, signpostedTo, letter, conditions } };
}
