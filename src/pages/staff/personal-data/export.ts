/** Everything held about one email address as a JSON download, for admins answering a subject access request; audit-logged with counts. */
import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { readStaffPost, requireRole } from '../../../staff/access';
import { attachmentDisposition } from '../../../staff/downloads';
import { getStore } from '../../../store';
import { exportPersonalData } from '../../../store/personal-data';
import { currentTime } from '../../../rules/clock';

export const prerender = false;

const plain = (status: number, text: string) => new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' } });

export const POST: APIRoute = async (context) => {
  const access = await requireRole(context, 'personalData.manage');
  if ('response' in access) return access.response;
  const read = await readStaffPost(context.request, access.staff.csrfToken);
  if ('refusal' in read) return plain(read.refusal.status, read.refusal.reason);
  const email = z.string().trim().email().max(320).safeParse(String(read.form.get('email') ?? ''));
  if (!email.success) return plain(400, 'Enter an email address');
  const now = currentTime();
  const data = await exportPersonalData(await getStore(), email.data, { account: access.staff.account }, now);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': attachmentDisposition(`personal-data-${now.toISOString().slice(0, 10)}.json`),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    },
  });
};

// A GET (a bookmarked or typed address) gets the same checks, then the search page.
export const GET: APIRoute = async (context) => {
  const access = await requireRole(context, 'personalData.manage');
  if ('response' in access) return access.response;
  return context.redirect('/staff/personal-data/', 303);
};
