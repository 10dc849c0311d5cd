/** Every application as a spreadsheet; contact details only for roles that may see them. */
import type { APIRoute } from 'astro';
import { requireRole } from '../../../staff/access';
import { applicationsCsv } from '../../../staff/applications-csv';
import { downloadHeaders } from '../../../staff/csv';
import { can } from '../../../staff/roles';
import { getStore } from '../../../store';
import { loadApplicationsForExport } from '../../../store/reports';
import { currentTime } from '../../../rules/clock';

export const prerender = false;

export const GET: APIRoute = async (context) => {
  const access = await requireRole(context, 'exports.download');
  if ('response' in access) return access.response;
  const applications = await loadApplicationsForExport(await getStore());
  const csv = applicationsCsv(applications, { showContact: can(access.staff.account.role, 'applications.contact') });
  return new Response(csv, { headers: downloadHeaders(`applications-${currentTime().toISOString().slice(0, 10)}.csv`, 'csv') });
};
