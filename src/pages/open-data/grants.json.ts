/**
 * The grants awarded, as a 360Giving data package, for anyone. Served from the database on each request
 * (awards live there, not in the content), with the same records as the staff download: the group a
 * grant went to, never the person who applied.
 */
import type { APIRoute } from 'astro';
import { loadGrants } from '../../grants/published';
import { threeSixtyGivingPackage } from '../../staff/threesixty';

export const prerender = false;

/** Open to every site, like the rest of the open data, and fresh within five minutes. */
export const openDataHeaders = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=300' };

export const GET: APIRoute = async () => {
  const grants = await loadGrants();
  if (!grants) return new Response(JSON.stringify({ message: 'The 360Giving prefix is not set in the site settings yet, so no grants are published.' }), { status: 404, headers: { ...openDataHeaders, 'Content-Type': 'application/json; charset=utf-8' } });
  return new Response(JSON.stringify(threeSixtyGivingPackage(grants), null, 2), { headers: { ...openDataHeaders, 'Content-Type': 'application/json; charset=utf-8' } });
};
