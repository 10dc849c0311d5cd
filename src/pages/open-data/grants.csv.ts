/** The grants awarded, as 360Giving's spreadsheet (CSV), for anyone; from the database, like grants.json. */
import type { APIRoute } from 'astro';
import { loadGrants } from '../../grants/published';
import { threeSixtyGivingCsv } from '../../staff/threesixty';
import { openDataHeaders } from './grants.json';

export const prerender = false;

export const GET: APIRoute = async () => {
  const grants = await loadGrants();
  if (!grants) return new Response('The 360Giving prefix is not set in the site settings yet, so no grants are published.\n', { status: 404, headers: { ...openDataHeaders, 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(threeSixtyGivingCsv(grants), { headers: { ...openDataHeaders, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'inline; filename="grants.csv"' } });
};
