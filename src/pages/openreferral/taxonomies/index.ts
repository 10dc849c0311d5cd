/** The taxonomies our services are classified by: categories, audiences, listing types and organisation types; `search` narrows them. */
import { getSite } from '../../../data/site';
import { servedDirectory } from '../../../openreferral/load';
import { envelope, readPaging, unsupportedParameters } from '../../../openreferral/query';
import { apiRoute, json, preflight, problem } from '../../../openreferral/respond';

export const prerender = false;

export const GET = apiRoute(async ({ url }) => {
  const { t } = await getSite();
  const paging = readPaging(url.searchParams, t);
  const errors = [...unsupportedParameters(url.searchParams, 'taxonomies', t), ...(paging.ok ? [] : paging.errors)];
  if (!paging.ok || errors.length) return problem(400, errors);
  const search = url.searchParams.get('search')?.trim().toLowerCase();
  const taxonomies = (await servedDirectory()).taxonomies.filter((taxonomy) => !search || `${taxonomy.name} ${taxonomy.description}`.toLowerCase().includes(search));
  return json(envelope(taxonomies, paging.value.page, paging.value.perPage));
});
export const OPTIONS = preflight;
