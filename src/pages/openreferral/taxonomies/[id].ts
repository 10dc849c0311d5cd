/** One taxonomy with its terms (the UK profile nests them). */
import { getSite } from '../../../data/site';
import { servedDirectory } from '../../../openreferral/load';
import { isUuid } from '../../../openreferral/query';
import { apiRoute, json, preflight, problem } from '../../../openreferral/respond';

export const prerender = false;

export const GET = apiRoute(async ({ params }) => {
  const { t } = await getSite();
  const id = params.id ?? '';
  if (!isUuid(id)) return problem(400, [t('openData.error.id', { value: id })]);
  const { taxonomies, taxonomyTerms } = await servedDirectory();
  const taxonomy = taxonomies.find((candidate) => candidate.id === id.toLowerCase());
  if (!taxonomy) return problem(404, [t('openData.error.notFound', { kind: 'taxonomy', value: id })]);
  return json({ ...taxonomy, taxonomy_terms: taxonomyTerms.filter((term) => term.taxonomy_id === taxonomy.id) });
});
export const OPTIONS = preflight;
