/** Every taxonomy term, a page at a time; narrowed by `taxonomy_id`, `parent_id`, `top_only` and `search`. */
import { getSite } from '../../../data/site';
import { servedDirectory } from '../../../openreferral/load';
import { booleanParameter, envelope, isUuid, readPaging, unsupportedParameters } from '../../../openreferral/query';
import { apiRoute, json, preflight, problem } from '../../../openreferral/respond';

export const prerender = false;

export const GET = apiRoute(async ({ url }) => {
  const { t } = await getSite();
  const params = url.searchParams;
  const paging = readPaging(params, t);
  const text = (name: string) => params.get(name)?.trim() || undefined;
  const [taxonomyId, parentId, topOnlyText, search] = [text('taxonomy_id'), text('parent_id'), text('top_only'), text('search')?.toLowerCase()];
  const topOnly = topOnlyText === undefined ? undefined : booleanParameter(topOnlyText);
  const errors = [
    ...unsupportedParameters(params, 'taxonomy_terms', t),
    ...(paging.ok ? [] : paging.errors),
    ...(taxonomyId && !isUuid(taxonomyId) ? [t('openData.error.uuid', { name: 'taxonomy_id', value: taxonomyId })] : []),
    ...(parentId && !isUuid(parentId) ? [t('openData.error.uuid', { name: 'parent_id', value: parentId })] : []),
    ...(topOnlyText !== undefined && topOnly === undefined ? [t('openData.error.boolean', { name: 'top_only', value: topOnlyText })] : []),
  ];
  if (!paging.ok || errors.length) return problem(400, errors);
  const terms = (await servedDirectory()).taxonomyTerms.filter((term) =>
    (!taxonomyId || term.taxonomy_id === taxonomyId.toLowerCase()) &&
    (!parentId || term.parent_id === parentId.toLowerCase()) &&
    (!topOnly || term.parent_id === undefined) &&
    (!search || `${term.name} ${term.description}`.toLowerCase().includes(search)));
  return json(envelope(terms, paging.value.page, paging.value.perPage));
});
export const OPTIONS = preflight;
