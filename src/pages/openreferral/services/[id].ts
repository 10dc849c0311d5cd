/** One service, fully nested: organization, locations, schedules, contacts, costs, languages, areas and taxonomy terms. */
import { getSite } from '../../../data/site';
import { servedDirectory } from '../../../openreferral/load';
import { isUuid } from '../../../openreferral/query';
import { apiRoute, json, preflight, problem } from '../../../openreferral/respond';

export const prerender = false;

export const GET = apiRoute(async ({ params }) => {
  const { t } = await getSite();
  const id = params.id ?? '';
  if (!isUuid(id)) return problem(400, [t('openData.error.id', { value: id })]);
  const mapped = (await servedDirectory()).serviceById.get(id.toLowerCase());
  return mapped ? json(mapped.service) : problem(404, [t('openData.error.notFound', { kind: 'service', value: id })]);
});
export const OPTIONS = preflight;
