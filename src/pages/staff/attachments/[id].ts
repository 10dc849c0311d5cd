/** One file sent with an application, for staff who may see that application and that kind of document: always downloaded, never shown inline. */
import type { APIRoute } from 'astro';
import { requireRole } from '../../../staff/access';
import { downloadHeaders } from '../../../staff/downloads';
import { getStore } from '../../../store';
import { findApplicationAttachment } from '../../../store/staff-applications';
import { viewerFor } from '../applications/_viewer';

export const prerender = false;

export const GET: APIRoute = async (context) => {
  const access = await requireRole(context, 'applications.view');
  if ('response' in access) return access.response;
  // A panel member gets 404 for a file they may not open (financial, or of an application not theirs to see), as for one that does not exist.
  const file = await findApplicationAttachment(await getStore(), context.params.id ?? '', await viewerFor(access.staff.account));
  if (!file) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' } });
  // A copy in an ArrayBuffer of its own, which is what a Response body takes.
  return new Response(file.content.slice(), { headers: downloadHeaders(file) });
};
