/** Every application as a spreadsheet, its columns headed with the questions applicants saw; contact details only for roles that may see them. */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { getSite } from '../../../data/site';
import { applicationFor } from '../../../forms/application';
import { applicationSections } from '../../../schemas/forms/application';
import { requireRole } from '../../../staff/access';
import { answerColumnTitles } from '../../../staff/application-view';
import { applicationsCsv, fixedColumns } from '../../../staff/applications-csv';
import { downloadHeaders } from '../../../staff/csv';
import { can } from '../../../staff/roles';
import { getStore } from '../../../store';
import { loadApplicationsForExport } from '../../../store/reports';
import { currentTime } from '../../../rules/clock';

export const prerender = false;

/** The headings: ours for the fixed columns, and each fund's questions at both stages for the answers. */
async function columnTitles(): Promise<Map<string, string>> {
  const { t } = await getSite();
  const journeys = [];
  for (const fund of await getCollection('funds')) {
    const application = await applicationFor(fund.id);
    if (application) journeys.push(applicationSections('outline', application.context), applicationSections('full', application.context));
  }
  const titles = answerColumnTitles(journeys);
  for (const key of fixedColumns) titles.set(key, t(`staff.exports.column.${key}`));
  return titles;
}

export const GET: APIRoute = async (context) => {
  const access = await requireRole(context, 'exports.download');
  if ('response' in access) return access.response;
  const applications = await loadApplicationsForExport(await getStore());
  const csv = applicationsCsv(applications, { showContact: can(access.staff.account.role, 'applications.contact'), titles: await columnTitles() });
  return new Response(csv, { headers: downloadHeaders(`applications-${currentTime().toISOString().slice(0, 10)}.csv`, 'csv') });
};
