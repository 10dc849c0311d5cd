/** The taxonomies our services are classified by: our categories and who each listing is for. */
import { getSite } from '../../../data/site';
import { servedDirectory } from '../../../openreferral/load';
import { envelope, readPaging } from '../../../openreferral/query';
import { apiRoute, json, preflight, problem } from '../../../openreferral/respond';

export const prerender = false;

export const GET = apiRoute(async ({ url }) => {
  const { t } = await getSite();
  const paging = readPaging(url.searchParams, t);
  if (!paging.ok) return problem(400, paging.errors);
  return json(envelope((await servedDirectory()).taxonomies, paging.value.page, paging.value.perPage));
});
export const OPTIONS = preflight;
