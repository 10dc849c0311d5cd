import type { APIRoute } from 'astro';
import { getSite } from '../../../data/site';
import { whatsOnFeed } from '../../../data/whats-on';
import { atomHeaders } from '../../../feeds/atom';
import { feedKinds } from '../../../whats-on/filters';

export const prerender = false;

/** One kind as an Atom feed: /whats-on/feed/events.xml, training.xml, volunteering.xml; made on each request. */
export const GET: APIRoute = async ({ params, site }) => {
  const kind = Object.entries(feedKinds).find(([, name]) => name === params.kind)?.[0] as keyof typeof feedKinds | undefined;
  if (!kind) return new Response(null, { status: 404 });
  return new Response(await whatsOnFeed({ kind }, `/whats-on/feed/${params.kind}.xml`, site!, (await getSite()).t), { headers: atomHeaders });
};
