/** Awarded grants as 360Giving's spreadsheet (CSV), for officers and administrators. */
import type { APIRoute } from 'astro';
import { requireRole } from '../../../staff/access';
import { downloadHeaders } from '../../../staff/csv';
import { threeSixtyGivingCsv } from '../../../staff/threesixty';
import { loadGrants, notSetUp } from '../../../grants/published';

export const prerender = false;

export const GET: APIRoute = async (context) => {
  const access = await requireRole(context, 'exports.download');
  if ('response' in access) return access.response;
  const grants = await loadGrants();
  if (!grants) return notSetUp();
  return new Response(threeSixtyGivingCsv(grants), { headers: downloadHeaders('360giving-grants.csv', 'csv') });
};
