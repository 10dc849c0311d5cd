/** Services at their locations, a page at a time; with a postcode, nearest first, and within `proximity` metres if given. */
import { getSite } from '../../../data/site';
import { servedDirectory } from '../../../openreferral/load';
import { envelope, findServices, placePostcode, placeServices, readServiceQuery, serviceAtLocationListItem } from '../../../openreferral/query';
import { apiRoute, json, preflight, problem } from '../../../openreferral/respond';

export const prerender = false;

export const GET = apiRoute(async ({ url }) => {
  const { t } = await getSite();
  const query = readServiceQuery(url.searchParams, t, true);
  if (!query.ok) return problem(400, query.errors);
  const { services, postcodes } = await servedDirectory();
  const { postcode, proximity } = query.value;
  const origin = postcode ? placePostcode(postcode, postcodes) : undefined;
  if (postcode && !origin) {
    const districts = [...new Set([...postcodes.keys()].map((code) => code.split(' ')[0]))].sort();
    return problem(400, [t('openData.error.unknownPostcode', { value: postcode, districts: districts.join(', ') })]);
  }
  const placed = placeServices(findServices(services, query.value), origin, proximity);
  const page = envelope(placed, query.value.page, query.value.perPage);
  return json({ ...page, contents: page.contents.map(serviceAtLocationListItem) });
});
export const OPTIONS = preflight;
