/** The awarded grants as published in 360Giving's shape, from the store, the funds and areas content and the settings; server-only, shared by the staff downloads, the public grants page and the open data files. */
import { getCollection } from 'astro:content';
import { getSite } from '../data/site';
import { type Funder, threeSixtyGivingGrants, type Grant } from '../staff/threesixty';
import { getStore } from '../store';
import { loadAwardedGrants } from '../store/reports';

/** The grants, or undefined when the settings do not yet say how to identify them. */
export async function loadGrants(): Promise<Grant[] | undefined> {
  const { settings } = await getSite();
  if (!settings.threeSixtyGiving) return undefined;
  const funds = await getCollection('funds');
  const fundNames = new Map(funds.map((fund) => [fund.id, fund.data.name]));
  const funders = new Map<string, Funder>(funds.map((fund) => [fund.id, { name: fund.data.funder, orgId: fund.data.funderOrgId, prefix: fund.data.funderThreeSixtyGivingPrefix }]));
  const areas = new Map((await getCollection('areas')).map((area) => [area.id, { name: area.data.name, latitude: area.data.centre.lat, longitude: area.data.centre.lng, onsCode: area.data.onsCode }]));
  const awarded = await loadAwardedGrants(await getStore(), fundNames);
  const dataSource = new URL('/open-data/grants.json', import.meta.env.SITE ?? 'http://localhost:4321').href;
  return threeSixtyGivingGrants(awarded, { prefix: settings.threeSixtyGiving.prefix, fundingOrganisationId: settings.threeSixtyGiving.fundingOrganisationId, fundingOrganisationName: settings.organisation, dataSource }, areas, funders);
}

export const notSetUp = () => new Response('Set the 360Giving prefix in the site settings first', { status: 409, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' } });
