/** The UK profile's OpenAPI description of this API (a copy of Open Referral UK's openapi30.json, CC BY-SA 4.0). */
import openapi from '../../openreferral/openapi.json';
import { apiRoute, json, preflight } from '../../openreferral/respond';

export const prerender = false;

export const GET = apiRoute(async () => json(openapi));
export const OPTIONS = preflight;
