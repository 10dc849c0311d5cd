/**
 * Which funds a group could apply to, from a few plain answers, and why the others do not fit.
 * The eligibility checker and the fund filters both use it; reading the answers from the
 * address is here too, so it is tested without a server.
 */
import { organisationTypes } from '../schemas/group';
import { acceptsApplications, type FundStatus } from './fund-status';

export type OrganisationType = (typeof organisationTypes)[number];

/** What the group told us. Every answer is optional: a question left out rules nothing out. */
export interface Answers {
  organisation?: OrganisationType;
  /** Where the project will happen (an area id). */
  area?: string;
  /** How much the group wants, in pounds. */
  amount?: number;
  /** What the project is about: top-level category ids; a fund fits if it funds any of them. */
  themes: string[];
}

/** What the rule needs to know of a fund, with its status on the day. */
export interface FundTerms {
  status: FundStatus;
  opens?: Date;
  closes?: Date;
  minimumAward: number;
  maximumAward: number;
  whoCanApply: readonly string[];
  /** None means anywhere in the district. */
  eligibleAreas: readonly string[];
  /** Category ids, each with its parent, so a top-level answer matches a subcategory. */
  themes: readonly string[];
}

/** One reason a fund does not fit, with what the page needs to explain it. */
export type Reason =
  | { kind: 'closed'; closes?: Date }
  | { kind: 'not-open-yet'; opens?: Date }
  | { kind: 'organisation'; organisation: OrganisationType }
  | { kind: 'area'; eligibleAreas: readonly string[] }
  | { kind: 'amount-too-small'; minimumAward: number }
  | { kind: 'amount-too-large'; maximumAward: number }
  | { kind: 'theme'; themes: string[] };

/** Why a fund does not fit these answers; an empty list means the group could apply today. */
export function reasonsNotToApply(answers: Answers, fund: FundTerms): Reason[] {
  const reasons: Reason[] = [];
  if (!acceptsApplications(fund.status)) {
    reasons.push(fund.status === 'closed' ? { kind: 'closed', closes: fund.closes } : { kind: 'not-open-yet', opens: fund.opens });
  }
  if (answers.organisation && !fund.whoCanApply.includes(answers.organisation)) {
    reasons.push({ kind: 'organisation', organisation: answers.organisation });
  }
  if (answers.area && fund.eligibleAreas.length > 0 && !fund.eligibleAreas.includes(answers.area)) {
    reasons.push({ kind: 'area', eligibleAreas: fund.eligibleAreas });
  }
  if (answers.amount !== undefined && answers.amount < fund.minimumAward) {
    reasons.push({ kind: 'amount-too-small', minimumAward: fund.minimumAward });
  }
  if (answers.amount !== undefined && answers.amount > fund.maximumAward) {
    reasons.push({ kind: 'amount-too-large', maximumAward: fund.maximumAward });
  }
  if (answers.themes.length > 0 && !answers.themes.some((theme) => fund.themes.includes(theme))) {
    reasons.push({ kind: 'theme', themes: answers.themes });
  }
  return reasons;
}

/** Splits funds into those the group could apply to and those that do not fit, keeping their order. */
export function sortByEligibility<F>(answers: Answers, funds: F[], terms: (fund: F) => FundTerms) {
  const fit: F[] = [];
  const doNotFit: { fund: F; reasons: Reason[] }[] = [];
  for (const fund of funds) {
    const reasons = reasonsNotToApply(answers, terms(fund));
    if (reasons.length === 0) fit.push(fund);
    else doNotFit.push({ fund, reasons });
  }
  return { fit, doNotFit };
}

/** A fund's themes with their parent categories, so "Health and wellbeing" finds a fund for "Mental health". */
export function themesWithParents(themes: readonly string[], parentOf: ReadonlyMap<string, string | undefined>): string[] {
  return [...new Set(themes.flatMap((theme) => [theme, parentOf.get(theme)].filter((id): id is string => !!id)))];
}

/** The questions, named as in the address (`?organisation=charity&area=march&amount=1500&theme=…`). */
export const questions = ['organisation', 'area', 'amount', 'theme'] as const;
export type Question = (typeof questions)[number];

/** An answer the checker cannot use, and what was typed or chosen, to show it back. */
export interface AnswerError {
  question: Question;
  problem: 'amount-not-a-number' | 'amount-zero' | 'amount-too-large' | 'not-an-option';
}

/** The largest amount the checker takes, well above any small grant, to keep typing slips out. */
export const largestAmount = 10_000_000;

/** "£1,500", "1500" or "1,500.00" as whole pounds; undefined when it is not an amount of money. */
export function parseAmount(text: string): number | undefined {
  const cleaned = text.replace(/[£,\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return undefined;
  return Math.ceil(Number(cleaned));
}

/**
 * The answers in an address, checked against the options offered. `asked` is false when the
 * form has not been sent yet (no question in the address), so the page shows only the questions.
 */
export function readAnswers(params: URLSearchParams, options: { areas: readonly string[]; themes: readonly string[] }) {
  const asked = questions.some((question) => params.has(question));
  const errors: AnswerError[] = [];
  const chosen = {
    organisation: params.get('organisation')?.trim() ?? '',
    area: params.get('area')?.trim() ?? '',
    amount: (params.get('amount') ?? '').trim().slice(0, 30),
    themes: params.getAll('theme'),
  };
  const answers: Answers = { themes: [] };

  if (chosen.organisation) {
    if ((organisationTypes as readonly string[]).includes(chosen.organisation)) answers.organisation = chosen.organisation as OrganisationType;
    else errors.push({ question: 'organisation', problem: 'not-an-option' });
  }
  if (chosen.area) {
    if (options.areas.includes(chosen.area)) answers.area = chosen.area;
    else errors.push({ question: 'area', problem: 'not-an-option' });
  }
  if (chosen.amount) {
    const amount = parseAmount(chosen.amount);
    if (amount === undefined) errors.push({ question: 'amount', problem: 'amount-not-a-number' });
    else if (amount === 0) errors.push({ question: 'amount', problem: 'amount-zero' });
    else if (amount > largestAmount) errors.push({ question: 'amount', problem: 'amount-too-large' });
    else answers.amount = amount;
  }
  if (chosen.themes.some((theme) => !options.themes.includes(theme))) errors.push({ question: 'theme', problem: 'not-an-option' });
  answers.themes = [...new Set(chosen.themes.filter((theme) => options.themes.includes(theme)))];

  return { asked, answers, chosen, errors };
}
