import type { APIRoute } from 'astro';
import { getSite } from '../../data/site';
import { whatsOnFeed } from '../../data/whats-on';
import { atomHeaders } from '../../feeds/atom';

export const prerender = false;

/** Everything on and every open volunteering role as an Atom feed, made on each request so nothing in it has passed. */
export const GET: APIRoute = async ({ site }) => new Response(await whatsOnFeed({}, '/whats-on/feed.xml', site!, (await getSite()).t), { headers: atomHeaders });
