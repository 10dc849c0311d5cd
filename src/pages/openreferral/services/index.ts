/** Services, a page at a time, filtered by the UK profile's query parameters. */
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
  const page = envelope(found, query.value.page, query.value.perPage);
  return json({ ...page, contents: page.contents.map(({ service }) => serviceListItem(service)) });
});
export const OPTIONS = preflight;
