/** Our taxonomies (categories, audiences, listing types and organisation types) with their terms, as Open Referral UK JSON. */
import type { APIRoute } from 'astro';
import { servedDirectory } from '../../openreferral/load';
import { envelope } from '../../openreferral/query';

export const GET: APIRoute = async () => {
  const { taxonomies, taxonomyTerms } = await servedDirectory();
  const nested = taxonomies.map((taxonomy) => ({ ...taxonomy, taxonomy_terms: taxonomyTerms.filter((term) => term.taxonomy_id === taxonomy.id) }));
  return new Response(JSON.stringify(envelope(nested, 1, nested.length)), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
