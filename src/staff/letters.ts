/**
 * The decision letter an officer starts from: the fund's template for the outcome (its `letters` in
 * content), or the hub's standard one, with what the application says filled in. The officer reads it,
 * changes what they want and sends it; the private link is filled in when the decision is recorded. Pure.
 */
import type { Translate } from '../i18n';
import { type LetterOutcome, type MergeValues, poundsInLetter, renderLetter } from '../rules/letters';
import type { Fund } from '../schemas/fund';

/** The answers a letter reads: who applied, for which group. */
interface LetterAnswers {
  contact?: { contactName?: unknown };
  'your-group'?: { groupName?: unknown };
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * What the merge fields become for one application. The grant's conditions (the fund's standard ones,
 * then the decision's own: `grantConditions`) are a numbered list after a line saying what it is, or
 * nothing when there are none; the link is left for the recording to fill in.
 */
export function letterValues(answers: unknown, { amountAwarded, conditions = [] }: { amountAwarded: number | null; conditions?: readonly string[] }, t: Translate): MergeValues {
  const read = (answers ?? {}) as LetterAnswers;
  return {
    name: text(read.contact?.contactName),
    group: text(read['your-group']?.groupName),
    amount: amountAwarded === null ? '' : poundsInLetter(amountAwarded),
    conditions: conditions.length ? [t('staff.letter.conditionsHeading'), ...conditions.map((condition, index) => `${index + 1}. ${condition}`)].join('\n') : '',
  };
}

/** The template for an outcome: the fund's own, else the hub's standard letter. */
export function letterTemplate(letters: Fund['letters'] | undefined, outcome: LetterOutcome, t: Translate): string {
  return letters?.[outcome]?.trim() || t(`staff.letter.standard.${outcome}`);
}

/** The letter the officer starts from: the template with the application's details filled in, blank lines tidied. */
export function startingLetter(template: string, values: MergeValues): string {
  return renderLetter(template, values).replace(/\n{3,}/g, '\n\n').trim();
}
