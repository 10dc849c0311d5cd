/** The awarded grants in 360Giving's shape, from the store, the funds and areas content and the settings; shared by the page and the downloads. */
import { getCollection } from 'astro:content';
import { getSite } from '../../../data/site';
import { threeSixtyGivingGrants, type Grant } from '../../../staff/threesixty';
import { getStore } from '../../../store';
import { loadAwardedGrants } from '../../../store/reports';

/** The grants, or undefined when the settings do not yet say how to identify them. */
export async function loadGrants(): Promise<Grant[] | undefined> {
  const { settings } = await getSite();
  if (!settings.threeSixtyGiving) return undefined;
  const fundNames = new Map((await getCollection('funds')).map((fund) => [fund.id, fund.data.name]));
  const areas = new Map((await getCollection('areas')).map((area) => [area.id, { name: area.data.name, latitude: area.data.centre.lat, longitude: area.data.centre.lng }]));
  const awarded = await loadAwardedGrants(await getStore(), fundNames);
  return threeSixtyGivingGrants(awarded, { prefix: settings.threeSixtyGiving.prefix, fundingOrganisationId: settings.threeSixtyGiving.fundingOrganisationId, fundingOrganisationName: settings.organisation }, areas);
}

export const notSetUp = () => new Response('Set the 360Giving prefix in the site settings first', { status: 409, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' } });
