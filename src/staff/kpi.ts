/**
 * The commissioner's KPI report (seed 000, section 5) for a month or a quarter, computed from the
 * applications, enquiries, decisions, feedback and audit log rows `src/store/reports.ts` loads, and
 * from the contacts content. Pure: every count is unit-tested from fixtures without a database.
 */
import { projectTypes } from '../schemas/forms/application';
import { currentTime } from '../rules/clock';

/**
 * The only answers the report reads, as [section, field] paths into `submissions.answers`. Retention
 * keeps exactly these when it erases an old application's personal data, so a past report never changes.
 */
export const kpiAnswerFields = [
  ['project', 'projectTitle'],
  ['outline', 'projectTitle'],
  ['project', 'projectSummary'],
  ['outline', 'outlineSummary'],
  ['project', 'projectType'],
  ['where-and-who', 'areas'],
  ['project', 'amount'],
  ['outline', 'amount'],
] as const satisfies readonly (readonly [string, string])[];

/** A calendar month or quarter in UK time. */
export type Period = { kind: 'month'; year: number; month: number } | { kind: 'quarter'; year: number; quarter: number };

/** The KPI answers of one application, read from `kpiAnswerFields` only. */
export interface KpiAnswers {
  projectTitle: string;
  projectSummary: string;
  /** One of `projectTypes`; null for an outline, which does not ask. */
  projectType: string | null;
  areas: string[];
  amountAsked: number | null;
}

/** One application or funding enquiry, with the dates of what happened to it. */
export interface KpiSubmission {
  reference: string;
  kind: 'application' | 'enquiry';
  receivedAt: Date;
  /** The area column the form set, used when the answers name none. */
  areaId: string | null;
  answers: KpiAnswers;
  /** When it was first moved to "assessed against the criteria" (the audit log). */
  assessedAt: Date | null;
  decision: { outcome: string; amountAwarded: number | null; decidedAt: Date } | null;
  feedbackReceivedAt: Date | null;
}

/** A contact from the content, as far as the report needs. */
export interface KpiContact {
  role: string;
  areas: readonly string[];
}

export interface FundedProject {
  reference: string;
  title: string;
  summary: string;
  projectType: string | null;
  areas: string[];
  amountAwarded: number;
  decidedAt: Date;
}

export interface KpiReport {
  period: Period;
  /** Funding enquiries received in the period. */
  enquiries: number;
  /** Applications (requests for funding) received in the period. */
  applications: number;
  /** Applications moved to "assessed against the criteria" in the period. */
  assessed: number;
  /** Projects decided as funded in the period, oldest decision first. */
  funded: FundedProject[];
  fundedValue: number;
  /** Areas (the communities, as agreed with the commissioner) named by projects funded in the period, with how many each. */
  communitiesFunded: { areaId: string; projects: number; value: number }[];
  /** Every project type, with how many funded projects were of it; "not-given" for outlines, only when there are some. */
  fundedByType: { type: string; projects: number }[];
  /** Funded projects that sent their feedback in the period. */
  feedback: number;
  connectors: number;
  enablers: number;
  /** Areas at least one enabler covers (contacts content, as it is now). */
  communitiesWithEnablers: string[];
  /** Of those, the areas an application received in the period names. */
  communitiesWithEnablersThatApplied: string[];
}

const pad = (value: number) => String(value).padStart(2, '0');

/** "2026-11" or "2026-Q4", as used in the report's address. */
export function periodKey(period: Period): string {
  return period.kind === 'month' ? `${period.year}-${pad(period.month)}` : `${period.year}-Q${period.quarter}`;
}

/** A period from its key, or undefined when the key is not one. */
export function parsePeriod(key: string): Period | undefined {
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) return { kind: 'month', year: Number(month[1]), month: Number(month[2]) };
  const quarter = /^(\d{4})-Q([1-4])$/i.exec(key);
  if (quarter) return { kind: 'quarter', year: Number(quarter[1]), quarter: Number(quarter[2]) };
  return undefined;
}

const londonParts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });

function londonWallClock(instant: Date): { year: number; month: number; day: number; hour: number; minute: number } {
  const parts = Object.fromEntries(londonParts.formatToParts(instant).map((part) => [part.type, Number(part.value)]));
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute! };
}

/** The moment a UK calendar day starts (clocks change at 01:00 UTC, so midnight is never skipped or doubled). */
function ukMidnight(year: number, month: number, day: number): Date {
  const guess = Date.UTC(year, month - 1, day);
  const wall = londonWallClock(new Date(guess));
  const offset = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) - guess;
  return new Date(guess - offset);
}

/** The period's first moment and the first moment after it. */
export function periodBounds(period: Period): { start: Date; end: Date } {
  const firstMonth = period.kind === 'month' ? period.month : (period.quarter - 1) * 3 + 1;
  const months = period.kind === 'month' ? 1 : 3;
  const after = firstMonth + months;
  return { start: ukMidnight(period.year, firstMonth, 1), end: ukMidnight(after > 12 ? period.year + 1 : period.year, after > 12 ? after - 12 : after, 1) };
}

/** The UK calendar month `now` is in. */
export function monthOf(now: Date = currentTime()): { kind: 'month'; year: number; month: number } {
  const { year, month } = londonWallClock(now);
  return { kind: 'month', year, month };
}

/** The last whole month before `now` in UK time: what the commissioner's monthly report covers by default. */
export function lastCompleteMonth(now: Date = currentTime()): Period {
  const { year, month } = monthOf(now);
  return month === 1 ? { kind: 'month', year: year - 1, month: 12 } : { kind: 'month', year, month: month - 1 };
}

/** Reads the KPI answers of an application from its stored answers, by `kpiAnswerFields` only. */
export function kpiAnswers(answers: Record<string, unknown>): KpiAnswers {
  const read = (section: string, field: string): unknown => {
    const part = answers[section];
    return part && typeof part === 'object' ? (part as Record<string, unknown>)[field] : undefined;
  };
  const text = (...values: unknown[]) => values.find((value): value is string => typeof value === 'string') ?? '';
  const amount = [read('project', 'amount'), read('outline', 'amount')].find((value) => typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value)));
  const areas = read('where-and-who', 'areas');
  const projectType = read('project', 'projectType');
  return {
    projectTitle: text(read('project', 'projectTitle'), read('outline', 'projectTitle')),
    projectSummary: text(read('project', 'projectSummary'), read('outline', 'outlineSummary')),
    projectType: typeof projectType === 'string' ? projectType : null,
    areas: Array.isArray(areas) ? areas.filter((area): area is string => typeof area === 'string') : [],
    amountAsked: amount === undefined ? null : Number(amount),
  };
}

const within = (date: Date | null, { start, end }: { start: Date; end: Date }) => date !== null && date >= start && date < end;

/** The areas an application concerns: those it names, or the area column when it names none. */
const areasOf = (submission: KpiSubmission) => (submission.answers.areas.length > 0 ? submission.answers.areas : submission.areaId ? [submission.areaId] : []);

/** The seed 000 KPIs for one period. */
export function kpiReport(period: Period, submissions: readonly KpiSubmission[], contacts: readonly KpiContact[]): KpiReport {
  const bounds = periodBounds(period);
  const received = submissions.filter((submission) => within(submission.receivedAt, bounds));
  const applications = received.filter((submission) => submission.kind === 'application');
  const funded: FundedProject[] = submissions
    .filter((submission) => submission.kind === 'application' && submission.decision?.outcome === 'funded' && submission.decision.amountAwarded !== null && within(submission.decision.decidedAt, bounds))
    .map((submission) => ({
      reference: submission.reference,
      title: submission.answers.projectTitle,
      summary: submission.answers.projectSummary,
      projectType: submission.answers.projectType,
      areas: areasOf(submission),
      amountAwarded: submission.decision!.amountAwarded!,
      decidedAt: submission.decision!.decidedAt,
    }))
    .sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime() || a.reference.localeCompare(b.reference));

  const communities = new Map<string, { projects: number; value: number }>();
  for (const project of funded) {
    for (const areaId of project.areas) {
      const community = communities.get(areaId) ?? { projects: 0, value: 0 };
      community.projects += 1;
      // A project in several areas counts once in each; its value is split evenly between them.
      community.value += project.amountAwarded / project.areas.length;
      communities.set(areaId, community);
    }
  }
  const byType = new Map<string, number>(projectTypes.map((type) => [type, 0]));
  for (const project of funded) {
    const type = project.projectType ?? 'not-given';
    byType.set(type, (byType.get(type) ?? 0) + 1);
  }

  const enablerAreas = new Set(contacts.filter((contact) => contact.role === 'enabler').flatMap((contact) => contact.areas));
  // "Applied": we do not record which person sent an application, so a community with enablers has
  // applied when an application received in the period names it among its areas.
  const appliedAreas = new Set(applications.flatMap(areasOf));

  return {
    period,
    enquiries: received.filter((submission) => submission.kind === 'enquiry').length,
    applications: applications.length,
    assessed: submissions.filter((submission) => submission.kind === 'application' && within(submission.assessedAt, bounds)).length,
    funded,
    fundedValue: funded.reduce((sum, project) => sum + project.amountAwarded, 0),
    communitiesFunded: [...communities].map(([areaId, community]) => ({ areaId, projects: community.projects, value: Math.round(community.value) })).sort((a, b) => b.projects - a.projects || a.areaId.localeCompare(b.areaId)),
    fundedByType: [...byType].map(([type, projects]) => ({ type, projects })).filter((row) => row.type !== 'not-given' || row.projects > 0),
    feedback: submissions.filter((submission) => submission.kind === 'application' && within(submission.feedbackReceivedAt, bounds)).length,
    connectors: contacts.filter((contact) => contact.role === 'connector').length,
    enablers: contacts.filter((contact) => contact.role === 'enabler').length,
    communitiesWithEnablers: [...enablerAreas].sort(),
    communitiesWithEnablersThatApplied: [...enablerAreas].filter((area) => appliedAreas.has(area)).sort(),
  };
}

export type Indicator =
  | 'requests'
  | 'enquiries'
  | 'applications'
  | 'assessed'
  | 'funded'
  | 'fundedValue'
  | 'communitiesFunded'
  | 'fundedByType'
  | 'feedback'
  | 'connectorsAndEnablers'
  | 'connectors'
  | 'enablers'
  | 'communitiesWithEnablers'
  | 'communitiesWithEnablersThatApplied';

/** Labels the CSV and the page need, given by the caller from the i18n strings. */
export interface KpiLabels {
  indicator: (key: Indicator) => string;
  area: (areaId: string) => string;
  projectType: (type: string) => string;
}

/** One headline figure; `of` names the figure it is a part of. */
export interface KpiFigure {
  key: Indicator;
  of?: Indicator;
  value: number;
  pounds?: boolean;
}

/** The report's headline figures in the seed's order: the fund's, then building the communities'. */
export function kpiFigures(report: KpiReport): { fund: KpiFigure[]; communities: KpiFigure[] } {
  return {
    fund: [
      { key: 'requests', value: report.enquiries + report.applications },
      { key: 'enquiries', of: 'requests', value: report.enquiries },
      { key: 'applications', of: 'requests', value: report.applications },
      { key: 'assessed', value: report.assessed },
      { key: 'funded', value: report.funded.length },
      { key: 'fundedValue', value: report.fundedValue, pounds: true },
      { key: 'communitiesFunded', value: report.communitiesFunded.length },
      { key: 'feedback', value: report.feedback },
    ],
    communities: [
      { key: 'connectorsAndEnablers', value: report.connectors + report.enablers },
      { key: 'connectors', of: 'connectorsAndEnablers', value: report.connectors },
      { key: 'enablers', of: 'connectorsAndEnablers', value: report.enablers },
      { key: 'communitiesWithEnablers', value: report.communitiesWithEnablers.length },
      { key: 'communitiesWithEnablersThatApplied', value: report.communitiesWithEnablersThatApplied.length },
    ],
  };
}

/** The report as rows of indicator, detail and value: the CSV download, each figure followed by its details. */
export function kpiRows(report: KpiReport, labels: KpiLabels): [string, string, number][] {
  const { indicator } = labels;
  const details: Partial<Record<Indicator, [string, string, number][]>> = {
    funded: report.funded.map((project) => [indicator('funded'), `${project.reference}: ${project.title}. ${project.summary}`, project.amountAwarded]),
    communitiesFunded: [
      ...report.communitiesFunded.map((community): [string, string, number] => [indicator('communitiesFunded'), labels.area(community.areaId), community.projects]),
      ...report.fundedByType.map((row): [string, string, number] => [indicator('fundedByType'), labels.projectType(row.type), row.projects]),
    ],
  };
  const { fund, communities } = kpiFigures(report);
  return [...fund, ...communities].flatMap((figure): [string, string, number][] => [
    figure.of ? [indicator(figure.of), indicator(figure.key), figure.value] : [indicator(figure.key), '', figure.value],
    ...(details[figure.key] ?? []),
  ]);
}
