/**
 * Decision letters written from a template with merge fields: `{{name}}` becomes the applicant's name,
 * and so on. The templates live in content (a fund's `letters`, checked by its schema), so the fields a
 * template may use are listed here once, for the schema, the staff console and the tests. Pure.
 */

/** The merge fields a letter template may use, with what each becomes. */
export const mergeFields = {
  /** The applicant's name, as they gave it on the form. */
  name: 'the applicant’s name',
  /** The group's name. */
  group: 'the group’s name',
  /** The amount awarded, e.g. £1,200 (funded letters). */
  amount: 'the amount awarded, e.g. £1,200',
  /** The grant's conditions. */
  conditions: 'the conditions of the grant',
  /** The applicant's private link: to the full application (invited) or to accept the offer (funded). */
  link: 'the group’s private link',
} as const;
export type MergeField = keyof typeof mergeFields;

/** The outcomes a letter can tell, one template each. */
export const letterOutcomes = ['funded', 'declined', 'invited', 'signposted'] as const;
export type LetterOutcome = (typeof letterOutcomes)[number];

/** The fields each outcome's letter can fill: no amount for a refusal, no private link where none is made. */
export const fieldsFor: Record<LetterOutcome, readonly MergeField[]> = {
  funded: ['name', 'group', 'amount', 'conditions', 'link'],
  declined: ['name', 'group'],
  invited: ['name', 'group', 'link'],
  signposted: ['name', 'group'],
};

/** `{{ name }}`, spaces allowed inside the braces. */
const placeholder = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The merge fields a template uses, in order, each once. */
export function mergeFieldsIn(template: string): string[] {
  return [...new Set([...template.matchAll(placeholder)].map((match) => match[1]))];
}

/** The merge fields a template uses that its outcome's letter cannot fill: misspelt, or the wrong outcome's. */
export function unknownMergeFields(template: string, outcome: LetterOutcome): string[] {
  const allowed: readonly string[] = fieldsFor[outcome];
  return mergeFieldsIn(template).filter((field) => !allowed.includes(field));
}

/** Why a template's fields are refused, in the words the content check and the CMS show beside the field. */
export function unknownMergeFieldsMessage(unknown: readonly string[], outcome: LetterOutcome): string {
  const list = unknown.map((field) => `{{${field}}}`).join(', ');
  const allowed = fieldsFor[outcome].map((field) => `{{${field}}}`).join(', ');
  return `uses ${list}, which this letter cannot fill in: use only ${allowed}`;
}

export type MergeValues = Partial<Record<MergeField, string>>;

/**
 * The letter with each merge field filled in. A field given no value (the private link, made only when
 * the decision is recorded) is left as it is, to be filled in later; so is anything that is not a merge field.
 */
export function renderLetter(template: string, values: MergeValues): string {
  return template.replace(placeholder, (whole, field: string) => {
    const value = Object.hasOwn(mergeFields, field) ? values[field as MergeField] : undefined;
    return value ?? whole;
  });
}

/** Whether the letter still holds a merge field for the private link, to be filled in when it is made. */
export const holdsLink = (letter: string): boolean => mergeFieldsIn(letter).includes('link');

/** Whole pounds as a letter writes them: £1,200. */
export const poundsInLetter = (amount: number): string => `£${amount.toLocaleString('en-GB')}`;
