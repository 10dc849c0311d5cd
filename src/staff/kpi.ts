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

/**
 * A calendar month or quarter in UK time, or a financial year (1 April `year` to 31 March after):
 * the year to date while it is the current one.
 */
export type Period = { kind: 'month'; year: number; month: number } | { kind: 'quarter'; year: number; quarter: number } | { kind: 'year'; year: number };

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
  /** The fund it was made to, or the one an enquiry was about (null for an enquiry about funding in general). */
  fundId: string | null;
  receivedAt: Date;
  /** The area column the form set, used when the answers name none. */
  areaId: string | null;
  answers: KpiAnswers;
  /** For a full application made after an invited outline: the outline's reference (one case with it). */
  invitedFrom: string | null;
  /** The contact (content/contacts/<id>.yaml) staff recorded as having supported the application. */
  supportedBy: string | null;
  /** When it was first moved to "assessed against the criteria" (the audit log). */
  assessedAt: Date | null;
  decision: { outcome: string; amountAwarded: number | null; decidedAt: Date } | null;
}

/** One project report (the end-of-project feedback or a scheduled report) as received. */
export interface KpiProjectReport {
  reference: string;
  fundId: string | null;
  receivedAt: Date;
  /** Null once erased or when the report did not say. */
  peopleReached: number | null;
  outputs: string | null;
}

/** Money for one funded grant: awarded when decided, or paid on a day. */
export interface KpiMoney {
  reference: string;
  fundId: string | null;
  amount: number;
  /** When it was decided, or the UK day it was paid (midnight UTC of that day). */
  on: Date;
}

/** A contact from the content, as far as the report needs. */
export interface KpiContact {
  id?: string;
  role: string;
  areas: readonly string[];
  /** The day they started (midnight UTC of that day); none means before records began. */
  started?: Date | null;
  /** Their last day in the role. */
  stopped?: Date | null;
}

/** A fund from the content, as far as the report needs. */
export interface KpiFund {
  id: string;
  /** Its budget for each financial year, in pounds, if it has one. */
  budget: number | null;
}

/** Everything the report is computed from. */
export interface KpiData {
  /** Applications and enquiries with anything in the period, and every other stage of their cases. */
  submissions: readonly KpiSubmission[];
  /** Project reports received in the period. */
  projectReports?: readonly KpiProjectReport[];
  /** Grants awarded and payments made from the start of the financial year to the end of the period. */
  awards?: readonly KpiMoney[];
  payments?: readonly KpiMoney[];
  contacts: readonly KpiContact[];
  funds?: readonly KpiFund[];
}

export interface FundedProject {
  reference: string;
  /** The outline it followed, for a two-stage case. */
  outline: string | null;
  fundId: string | null;
  title: string;
  summary: string;
  projectType: string | null;
  areas: string[];
  amountAwarded: number;
  decidedAt: Date;
}

/** A request for funding: one application, or an outline and the full application it led to. */
export interface KpiCase {
  /** The first stage's reference, then the full application's when there is one. */
  references: string[];
  fundId: string | null;
  title: string;
  areas: string[];
  receivedAt: Date;
  supportedBy: string | null;
}

/** One community's row: what came from it and what it received in the period. */
export interface CommunityRow {
  /** Null for enquiries that named no area. */
  areaId: string | null;
  enquiries: number;
  applications: number;
  funded: number;
  value: number;
}

/** A fund's spend against its budget for the financial year, up to the end of the period. */
export interface FundSpend {
  fundId: string;
  budget: number | null;
  /** Awarded from the start of the financial year to the end of the period. */
  committed: number;
  /** Paid from the start of the financial year to the end of the period. */
  paid: number;
  /** Of those, in the period itself. */
  committedInPeriod: number;
  paidInPeriod: number;
  /** The budget less what is committed; null without a budget. */
  remaining: number | null;
}

export interface KpiReport {
  period: Period;
  /** The fund the report is limited to, or null for every fund. */
  fund: string | null;
  /** The financial year the spend is counted in: its first day. */
  yearStart: Date;
  /** Funding enquiries received in the period. */
  enquiries: number;
  /** Requests for funding received in the period: cases, so an outline and its full application count once. */
  applications: number;
  /** Those requests, each case once, oldest first. */
  cases: KpiCase[];
  /** Requests first moved to "assessed against the criteria" in the period (a case once, at its first assessment). */
  assessed: number;
  /** Projects decided as funded in the period, oldest decision first. */
  funded: FundedProject[];
  fundedValue: number;
  /** Areas (the communities, as agreed with the commissioner) named by projects funded in the period, with how many each. */
  communitiesFunded: { areaId: string; projects: number; value: number }[];
  /** Every community that enquired, applied or was funded in the period. */
  communities: CommunityRow[];
  /** Every project type, with how many funded projects were of it; "not-given" for outlines, only when there are some. */
  fundedByType: { type: string; projects: number }[];
  /** Funded projects that sent a report in the period (each once), the reports, and what they said. */
  feedback: number;
  projectReports: number;
  peopleReached: number;
  /** Each report received in the period: what it said the project did and how many people it reached. */
  outputs: { reference: string; receivedAt: Date; outputs: string; peopleReached: number | null }[];
  /** Each fund's spend against its budget (only the chosen fund's when there is one). */
  spend: FundSpend[];
  /** Requests received in the period that a contact supported. */
  supported: number;
  /** Connectors and enablers in post at any time in the period, and of them those who started in it. */
  connectors: number;
  connectorsRecruited: number;
  enablers: number;
  enablersRecruited: number;
  /** Areas an enabler in post in the period covers. */
  communitiesWithEnablers: string[];
  /** Areas named by requests received in the period that an enabler supported. */
  communitiesWithEnablersThatApplied: string[];
}

const pad = (value: number) => String(value).padStart(2, '0');

/** "2026-11", "2026-Q4" or "FY2026-27", as used in the report's address. */
export function periodKey(period: Period): string {
  if (period.kind === 'year') return `FY${period.year}-${pad((period.year + 1) % 100)}`;
  return period.kind === 'month' ? `${period.year}-${pad(period.month)}` : `${period.year}-Q${period.quarter}`;
}

/** A period from its key, or undefined when the key is not one. */
export function parsePeriod(key: string): Period | undefined {
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) return { kind: 'month', year: Number(month[1]), month: Number(month[2]) };
  const quarter = /^(\d{4})-Q([1-4])$/i.exec(key);
  if (quarter) return { kind: 'quarter', year: Number(quarter[1]), quarter: Number(quarter[2]) };
  const year = /^FY(\d{4})-(\d{2})$/i.exec(key);
  if (year && Number(year[2]) === (Number(year[1]) + 1) % 100) return { kind: 'year', year: Number(year[1]) };
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

/** When a day written as midnight UTC (a content date, a payment's day) starts in the UK. */
const ukDayStart = (day: Date) => ukMidnight(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());

/** The period's first moment and the first moment after it. */
export function periodBounds(period: Period): { start: Date; end: Date } {
  if (period.kind === 'year') return { start: ukMidnight(period.year, 4, 1), end: ukMidnight(period.year + 1, 4, 1) };
  const firstMonth = period.kind === 'month' ? period.month : (period.quarter - 1) * 3 + 1;
  const months = period.kind === 'month' ? 1 : 3;
  const after = firstMonth + months;
  return { start: ukMidnight(period.year, firstMonth, 1), end: ukMidnight(after > 12 ? period.year + 1 : period.year, after > 12 ? after - 12 : after, 1) };
}

/** The financial year (from 1 April) a period ends in: the spend against a budget is counted from its start. */
export function financialYearOf(period: Period): { kind: 'year'; year: number } {
  if (period.kind === 'year') return period;
  const lastMonth = period.kind === 'month' ? period.month : period.quarter * 3;
  return { kind: 'year', year: lastMonth >= 4 ? period.year : period.year - 1 };
}

/** What the loaders read for a period: the period itself, and the financial year to its end for money. */
export function reportWindow(period: Period): { start: Date; end: Date; yearStart: Date } {
  const bounds = periodBounds(period);
  return { ...bounds, yearStart: periodBounds(financialYearOf(period)).start };
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

type Bounds = { start: Date; end: Date };
const within = (date: Date | null, { start, end }: Bounds) => date !== null && date >= start && date < end;

/** The areas an application concerns: those it names, or the area column when it names none. */
const areasOf = (submission: KpiSubmission) => (submission.answers.areas.length > 0 ? submission.answers.areas : submission.areaId ? [submission.areaId] : []);

/** Whether a contact was in post at any moment of the period (`stopped` is their last whole day). */
export function inPost(contact: KpiContact, { start, end }: Bounds): boolean {
  const from = contact.started ? ukDayStart(contact.started) : null;
  const until = contact.stopped ? ukDayStart(new Date(contact.stopped.getTime() + 24 * 60 * 60 * 1000)) : null;
  return (from === null || from < end) && (until === null || until > start);
}

/** Whether a contact started in the period: recruited then. */
export const recruitedIn = (contact: KpiContact, bounds: Bounds): boolean => (contact.started ? within(ukDayStart(contact.started), bounds) : false);

/**
 * The applications grouped into cases: an outline and the full application made from it are one case,
 * keyed by the outline's reference; any other application is a case of its own.
 */
export function applicationCases(submissions: readonly KpiSubmission[]): KpiSubmission[][] {
  const cases = new Map<string, KpiSubmission[]>();
  for (const submission of submissions) {
    if (submission.kind !== 'application') continue;
    const key = submission.invitedFrom ?? submission.reference;
    cases.set(key, [...(cases.get(key) ?? []), submission].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime()));
  }
  return [...cases.values()];
}

const earliest = (dates: (Date | null)[]) => dates.reduce<Date | null>((first, date) => (date && (!first || date < first) ? date : first), null);

/** The seed 000 KPIs for one period, limited to one fund when `fund` names it. */
export function kpiReport(period: Period, data: KpiData, { fund = null }: { fund?: string | null } = {}): KpiReport {
  const bounds = periodBounds(period);
  const yearStart = periodBounds(financialYearOf(period)).start;
  const yearToDate = { start: yearStart, end: bounds.end };
  const ofFund = <T extends { fundId: string | null }>(rows: readonly T[] = []) => (fund === null ? [...rows] : rows.filter((row) => row.fundId === fund));
  const submissions = ofFund(data.submissions);

  // A case counts as a request when its first stage arrives, and as assessed when any stage first is.
  const cases = applicationCases(submissions);
  const receivedCases = cases
    .filter((stages) => within(stages[0]!.receivedAt, bounds))
    .sort((a, b) => a[0]!.receivedAt.getTime() - b[0]!.receivedAt.getTime() || a[0]!.reference.localeCompare(b[0]!.reference));
  const caseRows: KpiCase[] = receivedCases.map((stages) => {
    const latest = stages.at(-1)!;
    return {
      references: stages.map((stage) => stage.reference),
      fundId: stages[0]!.fundId,
      title: latest.answers.projectTitle || stages[0]!.answers.projectTitle,
      areas: areasOf(latest).length > 0 ? areasOf(latest) : areasOf(stages[0]!),
      receivedAt: stages[0]!.receivedAt,
      supportedBy: stages.map((stage) => stage.supportedBy).find((id) => id !== null) ?? null,
    };
  });
  const enquiries = submissions.filter((submission) => submission.kind === 'enquiry' && within(submission.receivedAt, bounds));

  const funded: FundedProject[] = submissions
    .filter((submission) => submission.kind === 'application' && submission.decision?.outcome === 'funded' && submission.decision.amountAwarded !== null && within(submission.decision.decidedAt, bounds))
    .map((submission) => ({
      reference: submission.reference,
      outline: submission.invitedFrom,
      fundId: submission.fundId,
      title: submission.answers.projectTitle,
      summary: submission.answers.projectSummary,
      projectType: submission.answers.projectType,
      areas: areasOf(submission),
      amountAwarded: submission.decision!.amountAwarded!,
      decidedAt: submission.decision!.decidedAt,
    }))
    .sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime() || a.reference.localeCompare(b.reference));

  const communities = new Map<string | null, CommunityRow & { exactValue: number }>();
  const community = (areaId: string | null) => {
    const row = communities.get(areaId) ?? { areaId, enquiries: 0, applications: 0, funded: 0, value: 0, exactValue: 0 };
    communities.set(areaId, row);
    return row;
  };
  for (const enquiry of enquiries) community(enquiry.areaId).enquiries += 1;
  for (const row of caseRows) for (const areaId of row.areas) community(areaId).applications += 1;
  for (const project of funded) {
    for (const areaId of project.areas) {
      const row = community(areaId);
      row.funded += 1;
      // A project in several areas counts once in each; its value is split evenly between them.
      row.exactValue += project.amountAwarded / project.areas.length;
    }
  }
  const communityRows = [...communities.values()]
    .map(({ exactValue, ...row }) => ({ ...row, value: Math.round(exactValue) }))
    .sort((a, b) => (a.areaId === null ? 1 : b.areaId === null ? -1 : a.areaId.localeCompare(b.areaId)));

  const byType = new Map<string, number>(projectTypes.map((type) => [type, 0]));
  for (const project of funded) {
    const type = project.projectType ?? 'not-given';
    byType.set(type, (byType.get(type) ?? 0) + 1);
  }

  const reports = ofFund(data.projectReports).filter((report) => within(report.receivedAt, bounds));

  const awards = ofFund(data.awards).filter((award) => within(award.on, yearToDate));
  const payments = ofFund(data.payments).filter((payment) => within(ukDayStart(payment.on), yearToDate));
  const fundIds = new Set<string>([
    ...(data.funds ?? []).filter((item) => item.budget !== null && (fund === null || item.id === fund)).map((item) => item.id),
    ...[...awards, ...payments].map((money) => money.fundId).filter((id): id is string => id !== null),
    ...(fund === null ? [] : [fund]),
  ]);
  const sum = (rows: KpiMoney[]) => rows.reduce((total, row) => total + row.amount, 0);
  const spend: FundSpend[] = [...fundIds].sort().map((fundId) => {
    const budget = data.funds?.find((item) => item.id === fundId)?.budget ?? null;
    const awarded = awards.filter((award) => award.fundId === fundId);
    const paid = payments.filter((payment) => payment.fundId === fundId);
    const committed = sum(awarded);
    return {
      fundId,
      budget,
      committed,
      paid: sum(paid),
      committedInPeriod: sum(awarded.filter((award) => within(award.on, bounds))),
      paidInPeriod: sum(paid.filter((payment) => within(ukDayStart(payment.on), bounds))),
      remaining: budget === null ? null : budget - committed,
    };
  });

  const contactsInPost = data.contacts.filter((contact) => inPost(contact, bounds));
  const enablers = contactsInPost.filter((contact) => contact.role === 'enabler');
  const connectors = contactsInPost.filter((contact) => contact.role === 'connector');
  const enablerIds = new Set(data.contacts.filter((contact) => contact.role === 'enabler' && contact.id).map((contact) => contact.id));
  const enablerAreas = new Set(enablers.flatMap((contact) => contact.areas));
  const appliedAreas = new Set(caseRows.filter((row) => row.supportedBy !== null && enablerIds.has(row.supportedBy)).flatMap((row) => row.areas));

  return {
    period,
    fund,
    yearStart,
    enquiries: enquiries.length,
    applications: caseRows.length,
    cases: caseRows,
    assessed: cases.filter((stages) => within(earliest(stages.map((stage) => stage.assessedAt)), bounds)).length,
    funded,
    fundedValue: funded.reduce((total, project) => total + project.amountAwarded, 0),
    communitiesFunded: communityRows
      .filter((row): row is CommunityRow & { areaId: string } => row.funded > 0 && row.areaId !== null)
      .map((row) => ({ areaId: row.areaId, projects: row.funded, value: row.value }))
      .sort((a, b) => b.projects - a.projects || a.areaId.localeCompare(b.areaId)),
    communities: communityRows,
    fundedByType: [...byType].map(([type, projects]) => ({ type, projects })).filter((row) => row.type !== 'not-given' || row.projects > 0),
    feedback: new Set(reports.map((report) => report.reference)).size,
    projectReports: reports.length,
    peopleReached: reports.reduce((total, report) => total + (report.peopleReached ?? 0), 0),
    outputs: reports
      .map((report) => ({ reference: report.reference, receivedAt: report.receivedAt, outputs: report.outputs ?? '', peopleReached: report.peopleReached }))
      .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.reference.localeCompare(b.reference)),
    spend,
    supported: caseRows.filter((row) => row.supportedBy !== null).length,
    connectors: connectors.length,
    connectorsRecruited: connectors.filter((contact) => recruitedIn(contact, bounds)).length,
    enablers: enablers.length,
    enablersRecruited: enablers.filter((contact) => recruitedIn(contact, bounds)).length,
    communitiesWithEnablers: [...enablerAreas].sort(),
    communitiesWithEnablersThatApplied: [...appliedAreas].sort(),
  };
}

export type Indicator =
  | 'requests'
  | 'enquiries'
  | 'applications'
  | 'supported'
  | 'assessed'
  | 'funded'
  | 'fundedValue'
  | 'communitiesFunded'
  | 'fundedByType'
  | 'communityEnquiries'
  | 'communityApplications'
  | 'communityFunded'
  | 'feedback'
  | 'projectReports'
  | 'peopleReached'
  | 'budget'
  | 'committed'
  | 'paid'
  | 'remaining'
  | 'committedInPeriod'
  | 'paidInPeriod'
  | 'connectorsAndEnablers'
  | 'connectors'
  | 'enablers'
  | 'connectorsRecruited'
  | 'enablersRecruited'
  | 'communitiesWithEnablers'
  | 'communitiesWithEnablersThatApplied';

/** Labels the CSV and the page need, given by the caller from the i18n strings. */
export interface KpiLabels {
  indicator: (key: Indicator) => string;
  area: (areaId: string | null) => string;
  projectType: (type: string) => string;
  fund: (fundId: string) => string;
}

/** One headline figure; `of` names the figure it is a part of. */
export interface KpiFigure {
  key: Indicator;
  of?: Indicator;
  value: number;
  pounds?: boolean;
}

/** The spend columns, in the order the page and the CSV give them. */
export const spendColumns = ['budget', 'committed', 'paid', 'remaining', 'committedInPeriod', 'paidInPeriod'] as const satisfies readonly (Indicator & keyof FundSpend)[];

/** The report's headline figures in the seed's order: the fund's, then building the communities'. */
export function kpiFigures(report: KpiReport): { fund: KpiFigure[]; communities: KpiFigure[] } {
  return {
    fund: [
      { key: 'requests', value: report.enquiries + report.applications },
      { key: 'enquiries', of: 'requests', value: report.enquiries },
      { key: 'applications', of: 'requests', value: report.applications },
      { key: 'supported', of: 'applications', value: report.supported },
      { key: 'assessed', value: report.assessed },
      { key: 'funded', value: report.funded.length },
      { key: 'fundedValue', value: report.fundedValue, pounds: true },
      { key: 'communitiesFunded', value: report.communitiesFunded.length },
      { key: 'feedback', value: report.feedback },
      { key: 'projectReports', value: report.projectReports },
      { key: 'peopleReached', value: report.peopleReached },
    ],
    communities: [
      { key: 'connectorsAndEnablers', value: report.connectors + report.enablers },
      { key: 'connectors', of: 'connectorsAndEnablers', value: report.connectors },
      { key: 'enablers', of: 'connectorsAndEnablers', value: report.enablers },
      { key: 'connectorsRecruited', value: report.connectorsRecruited },
      { key: 'enablersRecruited', value: report.enablersRecruited },
      { key: 'communitiesWithEnablers', value: report.communitiesWithEnablers.length },
      { key: 'communitiesWithEnablersThatApplied', value: report.communitiesWithEnablersThatApplied.length },
    ],
  };
}

/** A case as the report writes it: "KPIA0009 and KPIA0010: Title". */
export const caseLabel = (row: KpiCase, and: string) => `${row.references.join(` ${and} `)}: ${row.title}`;

/**
 * The report as rows of indicator, detail and value: the CSV download, each figure followed by its
 * details, then the spend against each fund's budget. Every number the page shows is here.
 */
export function kpiRows(report: KpiReport, labels: KpiLabels, { and = 'and' }: { and?: string } = {}): [string, string, number][] {
  const { indicator } = labels;
  const row = (key: Indicator, detail: string, value: number): [string, string, number] => [indicator(key), detail, value];
  const perCommunity = (key: Indicator, count: (row: CommunityRow) => number) => report.communities.filter((community) => count(community) > 0).map((community) => row(key, labels.area(community.areaId), count(community)));
  const details: Partial<Record<Indicator, [string, string, number][]>> = {
    applications: report.cases.map((item) => row('applications', caseLabel(item, and), 1)),
    funded: report.funded.map((project) => row('funded', `${project.reference}: ${project.title}. ${project.summary}`, project.amountAwarded)),
    communitiesFunded: [
      ...report.communitiesFunded.map((community) => row('communitiesFunded', labels.area(community.areaId), community.projects)),
      ...report.fundedByType.map((type) => row('fundedByType', labels.projectType(type.type), type.projects)),
      ...perCommunity('communityEnquiries', (community) => community.enquiries),
      ...perCommunity('communityApplications', (community) => community.applications),
      ...perCommunity('communityFunded', (community) => community.funded),
    ],
    projectReports: report.outputs.map((output) => row('projectReports', `${output.reference}: ${output.outputs}`, output.peopleReached ?? 0)),
  };
  const { fund, communities } = kpiFigures(report);
  const spend = report.spend.flatMap((item) =>
    spendColumns.flatMap((column) => (item[column] === null ? [] : [row(column, labels.fund(item.fundId), item[column]!)])),
  );
  return [
    ...fund.flatMap((figure): [string, string, number][] => [figure.of ? [indicator(figure.of), indicator(figure.key), figure.value] : row(figure.key, '', figure.value), ...(details[figure.key] ?? [])]),
    ...spend,
    ...communities.flatMap((figure): [string, string, number][] => [figure.of ? [indicator(figure.of), indicator(figure.key), figure.value] : row(figure.key, '', figure.value), ...(details[figure.key] ?? [])]),
  ];
}
