/** One taxonomy term. */
import { getSite } from '../../../data/site';
import { servedDirectory } from '../../../openreferral/load';
import { isUuid } from '../../../openreferral/query';
import { apiRoute, json, preflight, problem } from '../../../openreferral/respond';

export const prerender = false;

export const GET = apiRoute(async ({ params }) => {
  const { t } = await getSite();
  const id = params.id ?? '';
  if (!isUuid(id)) return problem(400, [t('openData.error.id', { value: id })]);
  const term = (await servedDirectory()).taxonomyTerms.find((candidate) => candidate.id === id.toLowerCase());
  return term ? json(term) : problem(404, [t('openData.error.notFound', { kind: 'taxonomy_term', value: id })]);
});
export const OPTIONS = preflight;
