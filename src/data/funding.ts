/** What the eligibility checker and the fund filters ask about, and how their answers are explained. */
import { type CollectionEntry, getCollection } from 'astro:content';
import type { Translate } from '../i18n';
import { formatDate } from '../rules/dates';
import { type AnswerError, type FundTerms, largestAmount, type Reason, themesWithParents } from '../rules/eligibility';
import type { FundStatus } from '../rules/fund-status';
import { money } from './describe';
import { areasByName, namesOf } from './directory';
import { once } from './once';

/** The choices offered: every town and village, and the top-level categories as themes. */
export const eligibilityOptions = once(async () => {
  const categories = await getCollection('categories');
  return {
    areas: (await areasByName()).map((area) => ({ id: area.id, name: area.data.name })),
    themes: categories.filter((category) => !category.data.parent).map((category) => ({ id: category.id, name: category.data.name })),
    parentOf: new Map(categories.map((category) => [category.id, category.data.parent])),
  };
});

/** A fund's terms for the eligibility rule, its themes widened to their parent categories. */
export async function fundTerms(fund: CollectionEntry<'funds'>, status: FundStatus): Promise<FundTerms> {
  const { parentOf } = await eligibilityOptions();
  return { ...fund.data, status, themes: themesWithParents(fund.data.themes, parentOf) };
}

/** "community buildings or health and wellbeing". */
const either = (names: string[], t: Translate) => names.join(` ${t('eligibility.or')} `);

/** One reason a fund does not fit, in a sentence. */
export async function reasonText(reason: Reason, t: Translate): Promise<string> {
  switch (reason.kind) {
    case 'closed':
      return reason.closes ? t('eligibility.reason.closed', { date: formatDate(reason.closes) }) : t('fund.notAccepting');
    case 'not-open-yet':
      return reason.opens ? t('eligibility.reason.not-open-yet', { date: formatDate(reason.opens) }) : t('fund.notAccepting');
    case 'organisation':
      return t('eligibility.reason.organisation', { organisations: t(`organisation.${reason.organisation}`) });
    case 'area': {
      const areaNames = await namesOf('areas');
      return t('eligibility.reason.area', { areas: either(reason.eligibleAreas.map((id) => areaNames.get(id) ?? id), t) });
    }
    case 'amount-too-small':
      return t('eligibility.reason.amount-too-small', { amount: money(reason.minimumAward) });
    case 'amount-too-large':
      return t('eligibility.reason.amount-too-large', { amount: money(reason.maximumAward) });
    case 'theme': {
      const themeNames = await namesOf('categories');
      return t('eligibility.reason.theme', { themes: either(reason.themes.map((id) => (themeNames.get(id) ?? id).toLowerCase()), t) });
    }
  }
}

/** What to do about an answer the checker could not use, for the error summary and beside the question. */
export function answerErrorText(error: AnswerError, t: Translate): string {
  if (error.question !== 'amount') return t(`eligibility.error.${error.question}`);
  return t(`eligibility.error.${error.problem as Exclude<AnswerError['problem'], 'not-an-option'>}`, { max: money(largestAmount) });
}
