/** Any other address under /openreferral/ answers in JSON, with the CORS header, like the rest of the API. */
import { getSite } from '../../data/site';
import { apiRoute, preflight, problem } from '../../openreferral/respond';

export const prerender = false;

export const GET = apiRoute(async ({ url }) => problem(404, [(await getSite()).t('openData.error.noEndpoint', { value: url.pathname })]));
export const OPTIONS = preflight;
