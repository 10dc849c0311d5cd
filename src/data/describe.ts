/** Short descriptions of entries for lists, built from their fields. */
import type { CollectionEntry } from 'astro:content';
import type { EntryItem } from '../components/EntryList.astro';
import type { Translate } from '../i18n';
import { formatDate } from '../rules/dates';
import { roundedMiles } from '../rules/distance';
import type { FundStatus } from '../rules/fund-status';
import type { Page } from '../rules/paging';

const pounds = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

export function money(amount: number): string {
  return `£${pounds.format(amount)}`;
}

/** "£250 to £5,000". */
export function fundAmount(fund: CollectionEntry<'funds'>['data'], t: Translate): string {
  return t('fund.amount', { min: pounds.format(fund.minimumAward), max: pounds.format(fund.maximumAward) });
}

/** "Closes 4 December 2026", "Opens 5 January 2027", "No closing date" or "Closing date was 30 September 2026": words the status tag beside it does not already say. */
export function fundDeadline(fund: Pick<CollectionEntry<'funds'>['data'], 'opens' | 'closes'>, status: FundStatus, t: Translate): string {
  if (status === 'opens-soon' || status === 'not-open-yet') return t('fund.opens', { date: formatDate(fund.opens!) });
  if (status === 'rolling') return t('fund.noClosingDate');
  if (status === 'closed') return t('fund.closed', { date: fund.closes ? formatDate(fund.closes) : '' });
  return t('fund.closes', { date: formatDate(fund.closes!) });
}

export function groupMeta(group: CollectionEntry<'groups'>['data'], areaNames: Map<string, string>, t: Translate): string[] {
  return [group.areas.map((id) => areaNames.get(id) ?? id).join(', '), t(`cost.${group.cost.type}`)];
}

/** A group as an entry in a list: name, summary, areas and cost. */
export function groupItem(group: CollectionEntry<'groups'>, areaNames: Map<string, string>, t: Translate): EntryItem {
  return { href: `/groups/${group.id}/`, title: group.data.name, summary: group.data.summary, meta: groupMeta(group.data, areaNames, t) };
}

/** A place or asset as an entry in a list: name, summary, and its area or its building block. */
export function assetItem(asset: CollectionEntry<'assets'>, meta: string): EntryItem {
  return { href: `/assets/${asset.id}/`, title: asset.data.name, summary: asset.data.summary, meta: [meta] };
}

/** The letter a name is listed under A to Z, with names starting with anything else under "0–9". */
export const letterOf = (name: string) => (/[a-z]/i.test(name[0]) ? name[0].toUpperCase() : '0–9');

/** A paged list's title: "Groups A to Z (page 2 of 5)" after the first page. */
export function pagedTitle(title: string, page: Page<unknown>, t: Translate): string {
  return page.number > 1 ? t('paging.titleOf', { title, n: page.number, total: page.total }) : title;
}

/** "about 3 miles from PE16 6AB", "less than a mile from Wisbech", or "in Wimblington, about 4 miles from you" for a listing measured from the area it serves. */
export function distanceFrom({ km, area }: { km: number; area?: string }, place: string, t: Translate): string {
  const miles = roundedMiles(km);
  const distance = miles === 0 ? t('distance.lessThanAMile') : miles === 1 ? t('distance.aboutAMile') : t('distance.aboutMiles', { miles });
  return area ? t('search.distanceInArea', { area, distance, place }) : t('search.distance', { distance, place });
}
