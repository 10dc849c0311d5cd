/** Records which enabler, connector or community worker supported an application (or none), then back to the application. */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { getSite } from '../../../../data/site';
import { readStaffPost, refusedPost, requireRole } from '../../../../staff/access';
import { supporterRoles } from '../../../../staff/payments';
import { getStore } from '../../../../store';
import { setSupportedBy } from '../../../../store/payments';

export const prerender = false;

export const POST: APIRoute = async (context) => {
  const access = await requireRole(context, 'grants.record');
  if ('response' in access) return access.response;
  const { staff } = access;
  const { t } = await getSite();
  const read = await readStaffPost(context.request, staff.csrfToken);
  if ('refusal' in read) return refusedPost(read.refusal, t);
  const reference = (context.params.reference ?? '').slice(0, 20);
  const chosen = String(read.form.get('supportedBy') ?? '').trim();
  const contacts = (await getCollection('contacts')).filter((contact) => supporterRoles.includes(contact.data.role));
  if (chosen && !contacts.some((contact) => contact.id === chosen)) {
    return new Response(t('staff.support.unknown'), { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' } });
  }
  const saved = await setSupportedBy(await getStore(), reference, chosen || null, { account: staff.account });
  if (!saved.ok) return new Response(t('staff.application.notFound', { reference }), { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' } });
  return context.redirect(`/staff/applications/${encodeURIComponent(reference)}/?supported=1#supported-by`, 303);
};
