import type { APIRoute } from 'astro';
import { namesOf } from '../../../../data/directory';
import { getSite } from '../../../../data/site';
import { whatsOnFeed } from '../../../../data/whats-on';
import { atomHeaders } from '../../../../feeds/atom';

export const prerender = false;

/** What's on and volunteering in one town or village as an Atom feed: /whats-on/feed/areas/<area>.xml; made on each request. */
export const GET: APIRoute = async ({ params, site }) => {
  const name = (await namesOf('areas')).get(params.area ?? '');
  if (!name) return new Response(null, { status: 404 });
  return new Response(await whatsOnFeed({ area: { id: params.area!, name } }, `/whats-on/feed/areas/${params.area}.xml`, site!, (await getSite()).t), { headers: atomHeaders });
};
