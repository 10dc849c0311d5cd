/** The KPI report for a period and a fund (or all funds), from the store and the content, and its labels: shared by the page and its CSV. */
import { getCollection } from 'astro:content';
import type { Translate } from '../../../i18n';
import { kpiReport, lastCompleteMonth, parsePeriod, periodKey, reportWindow, type KpiLabels, type KpiReport, type Period } from '../../../staff/kpi';
import { getStore } from '../../../store';
import { loadKpiData } from '../../../store/reports';
import { currentTime } from '../../../rules/clock';

const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortMonth = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' });

/** "November 2026", "Quarter 4 2026 (October to December)" or "Financial year 2026 to 2027". */
export function periodLabel(period: Period, t: Translate): string {
  if (period.kind === 'month') return monthName.format(new Date(Date.UTC(period.year, period.month - 1, 1)));
  if (period.kind === 'year') return t('staff.reports.yearLabel', { from: period.year, to: period.year + 1 });
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

/** Every fund's id and name, by name. */
export async function fundChoices(): Promise<{ id: string; name: string; budget: number | null }[]> {
  return (await getCollection('funds'))
    .map((fund) => ({ id: fund.id, name: fund.data.name, budget: fund.data.budget ?? null }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The fund asked for in ?fund=: null for all funds (none asked), undefined when it is not a fund. */
export async function requestedFund(url: URL): Promise<string | null | undefined> {
  const asked = url.searchParams.get('fund')?.trim();
  if (!asked) return null;
  return (await fundChoices()).some((fund) => fund.id === asked) ? asked : undefined;
}

/** The report's address for a period and fund; `csv` for its spreadsheet. */
export function reportHref(period: Period, fund: string | null, csv = false): string {
  const query = new URLSearchParams({ period: periodKey(period), ...(fund ? { fund } : {}) });
  return `/staff/reports/${csv ? 'kpi.csv' : ''}?${query}`;
}

export async function areaNames(): Promise<Map<string, string>> {
  return new Map((await getCollection('areas')).map((area) => [area.id, area.data.name]));
}

export async function loadReport(period: Period, fund: string | null): Promise<KpiReport> {
  const contacts = (await getCollection('contacts')).map((contact) => ({
    id: contact.id,
    role: contact.data.role,
    areas: contact.data.areas,
    started: contact.data.started ?? null,
    stopped: contact.data.stopped ?? null,
  }));
  const data = await loadKpiData(await getStore(), reportWindow(period), { fund });
  return kpiReport(period, { ...data, contacts, funds: await fundChoices() }, { fund });
}

export function kpiLabels(t: Translate, areas: ReadonlyMap<string, string>, funds: ReadonlyMap<string, string>): KpiLabels {
  return {
    indicator: (key) => t(`staff.kpi.${key}`),
    area: (id) => (id === null ? t('staff.reports.noArea') : areas.get(id) ?? id),
    projectType: (type) => (type === 'not-given' ? t('staff.kpi.notGiven') : t(`apply.projectType.${type as 'other'}`)),
    fund: (id) => funds.get(id) ?? id,
  };
}
