/** One file sent with an application, for staff who may see that application: always downloaded, never shown inline. */
import type { APIRoute } from 'astro';
import { requireRole } from '../../../staff/access';
import { downloadHeaders } from '../../../staff/downloads';
import { can } from '../../../staff/roles';
import { getStore } from '../../../store';
import { findApplicationAttachment } from '../../../store/staff-applications';

export const prerender = false;

export const GET: APIRoute = async (context) => {
  const access = await requireRole(context, 'applications.view');
  if ('response' in access) return access.response;
  const { account } = access.staff;
  const file = await findApplicationAttachment(await getStore(), context.params.id ?? '', { accountId: account.id, everyRound: can(account.role, 'applications.viewAll') });
  if (!file) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' } });
  // A copy in an ArrayBuffer of its own, which is what a Response body takes.
  return new Response(file.content.slice(), { headers: downloadHeaders(file) });
};
