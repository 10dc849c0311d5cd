/**
 * A fund's status as pages write it and the browser script (src/scripts/fund-status.ts) reads it:
 * the tag colours, the fund's dates in data attributes, and the strings the script needs.
 */
import type { StringKey } from '../i18n/en';
import type { FundStatus } from '../rules/fund-status';

export const statusColour: Record<FundStatus, string> = {
  open: 'govuk-tag--green',
  'closing-soon': 'govuk-tag--orange',
  rolling: 'govuk-tag--turquoise',
  'opens-soon': 'govuk-tag--blue',
  'not-open-yet': 'govuk-tag--grey',
  closed: 'govuk-tag--grey',
};

/** What an element shows that depends on today: the tag, the deadline text, or itself only while applications are (not) accepted. */
export type RefreshedPart = 'tag' | 'deadline' | 'when-accepting' | 'when-not-accepting';

interface FundDates {
  opens?: Date;
  closes?: Date;
  rolling: boolean;
}

const day = (date?: Date) => date?.toISOString().slice(0, 10);

/** The data attributes that let the script work out the status again on the reader's day. */
export function refreshAttributes(part: RefreshedPart, { opens, closes, rolling }: FundDates) {
  return { 'data-fund-refresh': part, 'data-opens': day(opens), 'data-closes': day(closes), 'data-rolling': rolling ? '' : undefined };
}

/** The dates back from an element's data attributes. */
export function datesFrom(element: HTMLElement): FundDates {
  const date = (text?: string) => (text ? new Date(`${text}T00:00:00Z`) : undefined);
  return { opens: date(element.dataset.opens), closes: date(element.dataset.closes), rolling: element.dataset.rolling !== undefined };
}

/** The id of the JSON holding the strings below, written once on a page by FundStatusRefresh.astro. */
export const textsId = 'fund-status-texts';
export const refreshedTexts = [
  'fund.status.open',
  'fund.status.closing-soon',
  'fund.status.opens-soon',
  'fund.status.not-open-yet',
  'fund.status.closed',
  'fund.status.rolling',
  'fund.opens',
  'fund.closes',
  'fund.closed',
  'fund.noClosingDate',
] as const satisfies readonly StringKey[];
