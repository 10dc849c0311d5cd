/**
 * Prerendered by every build: writes what the server loads at start (src/data/build-data.ts), the search
 * documents with their word forms and the mapped Open Referral directory, and says how much of each.
 */
import type { APIRoute } from 'astro';
import { writeSearchDocuments } from '../data/search-documents';
import { writeDirectory } from '../openreferral/load';

export const GET: APIRoute = async () => {
  const bytes = { search: await writeSearchDocuments(), openReferral: await writeDirectory() };
  return new Response(JSON.stringify({ bytes }), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
