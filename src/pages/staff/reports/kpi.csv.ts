/** The KPI report for a period and a fund (or all funds) as a spreadsheet, for officers and administrators: the page's figures, row by row. */
import type { APIRoute } from 'astro';
import { getSite } from '../../../data/site';
import { requireRole } from '../../../staff/access';
import { downloadHeaders, toCsv } from '../../../staff/csv';
import { kpiRows, periodKey } from '../../../staff/kpi';
import { areaNames, fundChoices, kpiLabels, loadReport, requestedFund, requestedPeriod } from './_load';

export const prerender = false;

export const GET: APIRoute = async (context) => {
  const access = await requireRole(context, 'reports.view');
  if ('response' in access) return access.response;
  const { t } = await getSite();
  const period = requestedPeriod(context.url);
  const fund = await requestedFund(context.url);
  if (!period || fund === undefined) {
    return new Response(t(period ? 'staff.reports.badFund' : 'staff.reports.badPeriod'), { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' } });
  }
  const report = await loadReport(period, fund);
  const funds = new Map((await fundChoices()).map((choice) => [choice.id, choice.name]));
  const csv = toCsv([t('staff.reports.csv.indicator'), t('staff.reports.csv.detail'), t('staff.reports.csv.value')], kpiRows(report, kpiLabels(t, await areaNames(), funds), { and: t('staff.reports.and') }));
  return new Response(csv, { headers: downloadHeaders(`kpi-${periodKey(period)}${fund ? `-${fund}` : ''}.csv`, 'csv') });
};
