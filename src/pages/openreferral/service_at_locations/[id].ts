/** One service at one location, with the location and the whole service nested. */
import { getSite } from '../../../data/site';
import { servedDirectory } from '../../../openreferral/load';
import { isUuid, serviceAtLocationFull } from '../../../openreferral/query';
import { apiRoute, json, preflight, problem } from '../../../openreferral/respond';

export const prerender = false;

export const GET = apiRoute(async ({ params }) => {
  const { t } = await getSite();
  const id = params.id ?? '';
  if (!isUuid(id)) return problem(400, [t('openData.error.id', { value: id })]);
  const atId = id.toLowerCase();
  const mapped = (await servedDirectory()).atLocationById.get(atId);
  return mapped ? json(serviceAtLocationFull(mapped, atId)) : problem(404, [t('openData.error.notFound', { kind: 'service_at_location', value: id })]);
});
export const OPTIONS = preflight;
