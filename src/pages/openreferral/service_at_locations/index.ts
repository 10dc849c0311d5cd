/**
 * Services at their locations, a page at a time. With a postcode, those whose service area covers it
 * (the UK profile's rule), nearest first, and within `proximity` metres if given.
 */
import { getSite } from '../../../data/site';
import { servedDirectory } from '../../../openreferral/load';
import { areaAt, envelope, findServices, placePostcode, placeServices, readServiceQuery, serviceAtLocationFull, serviceAtLocationListItem, servingArea } from '../../../openreferral/query';
import { apiRoute, json, preflight, problem } from '../../../openreferral/respond';

export const prerender = false;

export const GET = apiRoute(async ({ url }) => {
  const { t } = await getSite();
  const query = readServiceQuery(url.searchParams, t, true);
  if (!query.ok) return problem(400, query.errors);
  const { services, postcodes, areas } = await servedDirectory();
  const { postcode, proximity } = query.value;
  const origin = postcode ? placePostcode(postcode, postcodes) : undefined;
  if (postcode && !origin) {
    const districts = [...new Set([...postcodes.keys()].map((code) => code.split(' ')[0]))].sort();
    return problem(400, [t('openData.error.unknownPostcode', { value: postcode, districts: districts.join(', ') })]);
  }
  const found = findServices(services, query.value);
  const placed = placeServices(origin ? servingArea(found, areaAt(origin, areas)) : found, origin, proximity);
  const page = envelope(placed, query.value.page, query.value.perPage);
  return json({ ...page, contents: page.contents.map((item) => (query.value.full ? serviceAtLocationFull(item.mapped, item.atId) : serviceAtLocationListItem(item))) });
});
export const OPTIONS = preflight;
