/** Every taxonomy term, a page at a time; `taxonomy_id` narrows them to one taxonomy. */
import { getSite } from '../../../data/site';
import { servedDirectory } from '../../../openreferral/load';
import { envelope, isUuid, readPaging } from '../../../openreferral/query';
import { apiRoute, json, preflight, problem } from '../../../openreferral/respond';

export const prerender = false;

export const GET = apiRoute(async ({ url }) => {
  const { t } = await getSite();
  const paging = readPaging(url.searchParams, t);
  const taxonomyId = url.searchParams.get('taxonomy_id')?.trim();
  const errors = [...(paging.ok ? [] : paging.errors), ...(taxonomyId && !isUuid(taxonomyId) ? [t('openData.error.uuid', { name: 'taxonomy_id', value: taxonomyId })] : [])];
  if (!paging.ok || errors.length) return problem(400, errors);
  const terms = (await servedDirectory()).taxonomyTerms.filter((term) => !taxonomyId || term.taxonomy_id === taxonomyId.toLowerCase());
  return json(envelope(terms, paging.value.page, paging.value.perPage));
});
export const OPTIONS = preflight;
