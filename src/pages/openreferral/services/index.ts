/** Services, a page at a time, filtered by the UK profile's and HSDS 3.0's query parameters. */
import { getSite } from '../../../data/site';
import { servedDirectory } from '../../../openreferral/load';
import { envelope, findServices, readServiceQuery, serviceListItem } from '../../../openreferral/query';
import { apiRoute, json, preflight, problem } from '../../../openreferral/respond';

export const prerender = false;

export const GET = apiRoute(async ({ url }) => {
  const { t } = await getSite();
  const query = readServiceQuery(url.searchParams, t);
  if (!query.ok) return problem(400, query.errors);
  const { services } = await servedDirectory();
  const found = findServices(services, query.value);
  // minimal: every service's id and last change in one answer, as HSDS asks, so a reader can tell what to fetch again.
  if (query.value.minimal) return json({ ...envelope(found, 1, Math.max(1, found.length)), contents: found.map(({ facts }) => ({ id: facts.id, last_modified: facts.lastModified })) });
  const page = envelope(found, query.value.page, query.value.perPage);
  return json({ ...page, contents: page.contents.map(({ service }) => (query.value.full ? service : serviceListItem(service))) });
});
export const OPTIONS = preflight;
