/** The Open Referral UK API's front door: which version of HSDS, which profile, and where its OpenAPI description is. */
import { apiRoute, json, preflight } from '../../openreferral/respond';

export const prerender = false;

export const GET = apiRoute(async ({ url }) =>
  json({
    version: '3.0',
    profile: 'https://github.com/openreferral/uk-profile',
    openapi_url: new URL('/openreferral/openapi.json', url).href,
  }),
);
export const OPTIONS = preflight;
