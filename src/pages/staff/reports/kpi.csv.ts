/** The KPI report for a month or quarter as a spreadsheet, for officers and administrators. */
import type { APIRoute } from 'astro';
import { getSite } from '../../../data/site';
import { requireRole } from '../../../staff/access';
import { downloadHeaders, toCsv } from '../../../staff/csv';
import { kpiRows, periodKey } from '../../../staff/kpi';
import { areaNames, kpiLabels, loadReport, requestedPeriod } from './_load';

export const prerender = false;

export const GET: APIRoute = async (context) => {
  const access = await requireRole(context, 'reports.view');
  if ('response' in access) return access.response;
  const { t } = await getSite();
  const period = requestedPeriod(context.url);
  if (!period) return new Response(t('staff.reports.badPeriod'), { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' } });
  const report = await loadReport(period);
  const csv = toCsv([t('staff.reports.csv.indicator'), t('staff.reports.csv.detail'), t('staff.reports.csv.value')], kpiRows(report, kpiLabels(t, await areaNames())));
  return new Response(csv, { headers: downloadHeaders(`kpi-${periodKey(period)}.csv`, 'csv') });
};
