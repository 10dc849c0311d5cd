/** A shared story's photo, for staff who moderate: sent as a download with its stored type, never sniffed or rendered as a page. */
import type { APIRoute } from 'astro';
import { requireRole } from '../../../../staff/access';
import { downloadHeaders } from '../../../../staff/downloads';
import { getStore } from '../../../../store';
import { findStoryPhoto } from '../../../../store/moderation';

export const prerender = false;

export const GET: APIRoute = async (context) => {
  const access = await requireRole(context, 'moderation');
  if ('response' in access) return access.response;
  const photo = await findStoryPhoto(await getStore(), (context.params.reference ?? '').slice(0, 20));
  if (!photo) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' } });
  // A copy in an ArrayBuffer of its own, which is what a Response body takes.
  return new Response(photo.content.slice(), { headers: downloadHeaders(photo) });
};
