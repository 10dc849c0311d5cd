/** The whole directory as Open Referral UK JSON, written at build so a static-only host publishes it too. */
import type { APIRoute } from 'astro';
import { servedDirectory } from '../../openreferral/load';
import { envelope } from '../../openreferral/query';

export const GET: APIRoute = async () => {
  const { services } = await servedDirectory();
  // One page holding every service: the API's envelope, so a reader of one reads the other.
  const all = envelope(services.map(({ service }) => service), 1, Math.max(1, services.length));
  return new Response(JSON.stringify(all), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
