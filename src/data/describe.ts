/** Short descriptions of entries for lists, built from their fields. */
import type { CollectionEntry } from 'astro:content';
import type { Translate } from '../i18n';
import { formatDate } from '../rules/dates';
import type { FundStatus } from '../rules/fund-status';

const pounds = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

export function money(amount: number): string {
  return `£${pounds.format(amount)}`;
}

/** "£250 to £5,000". */
export function fundAmount(fund: CollectionEntry<'funds'>['data'], t: Translate): string {
  return t('fund.amount', { min: pounds.format(fund.minimumAward), max: pounds.format(fund.maximumAward) });
}

/** "Closes 4 December 2026", "Opens 5 January 2027", "Open all year" or "Closed 30 September 2026". */
export function fundDeadline(fund: CollectionEntry<'funds'>['data'], status: FundStatus, t: Translate): string {
  if (status === 'opens-soon' || status === 'not-open-yet') return t('fund.opens', { date: formatDate(fund.opens!) });
  if (status === 'rolling') return t('fund.status.rolling');
  if (status === 'closed') return t('fund.closed', { date: fund.closes ? formatDate(fund.closes) : '' });
  return t('fund.closes', { date: formatDate(fund.closes!) });
}

export function groupMeta(group: CollectionEntry<'groups'>['data'], areaNames: Map<string, string>, t: Translate): string[] {
  return [group.areas.map((id) => areaNames.get(id) ?? id).join(', '), t(`cost.${group.cost.type}`)];
}
