/** The KPI report for a period, from the store and the content, and its labels: shared by the page and its CSV. */
import { getCollection } from 'astro:content';
import type { Translate } from '../../../i18n';
import { kpiReport, lastCompleteMonth, parsePeriod, periodBounds, type KpiLabels, type KpiReport, type Period } from '../../../staff/kpi';
import { getStore } from '../../../store';
import { loadKpiSubmissions } from '../../../store/reports';
import { currentTime } from '../../../rules/clock';

const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortMonth = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' });

/** "November 2026" or "Quarter 4 2026 (October to December)". */
export function periodLabel(period: Period, t: Translate): string {
  if (period.kind === 'month') return monthName.format(new Date(Date.UTC(period.year, period.month - 1, 1)));
  const first = (period.quarter - 1) * 3;
  return t('staff.reports.quarterLabel', {
    quarter: period.quarter,
    year: period.year,
    from: shortMonth.format(new Date(Date.UTC(period.year, first, 1))),
    to: shortMonth.format(new Date(Date.UTC(period.year, first + 2, 1))),
  });
}

/** The period asked for in ?period=, the last complete month when none; undefined when the one asked for is not a period. */
export function requestedPeriod(url: URL, now = currentTime()): Period | undefined {
  const asked = url.searchParams.get('period');
  return asked ? parsePeriod(asked.trim()) : lastCompleteMonth(now);
}

export async function areaNames(): Promise<Map<string, string>> {
  return new Map((await getCollection('areas')).map((area) => [area.id, area.data.name]));
}

export async function loadReport(period: Period): Promise<KpiReport> {
  const contacts = (await getCollection('contacts')).map((contact) => ({ role: contact.data.role, areas: contact.data.areas }));
  const submissions = await loadKpiSubmissions(await getStore(), periodBounds(period));
  return kpiReport(period, submissions, contacts);
}

export function kpiLabels(t: Translate, areas: ReadonlyMap<string, string>): KpiLabels {
  return {
    indicator: (key) => t(`staff.kpi.${key}`),
    area: (id) => areas.get(id) ?? id,
    projectType: (type) => (type === 'not-given' ? t('staff.kpi.notGiven') : t(`apply.projectType.${type as 'other'}`)),
  };
}
