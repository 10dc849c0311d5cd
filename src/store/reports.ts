/**
 * What the KPI report and the exports read: applications and enquiries with their assessment date
 * (audit log) and decision, the project reports, the money awarded and paid; every application for
 * the CSV; funded ones for 360Giving.
 * Runs unchanged on PGlite and PostgreSQL. Server-only.
 */
import type { ExportedApplication } from '../staff/applications-csv';
import { kpiAnswers, type KpiData, type KpiMoney, type KpiProjectReport, type KpiSubmission } from '../staff/kpi';
import type { AwardedGrant } from '../staff/threesixty';
import type { Queryable } from './database';

/** When each application was first moved to "assessed against the criteria". */
const assessedAtJoin = `LEFT JOIN (
    SELECT subject_id, min(at) AS assessed_at FROM audit_log
    WHERE action = 'application.status' AND subject_type = 'submission' AND after->>'status' = 'assessed'
    GROUP BY subject_id
  ) assessed ON assessed.subject_id = s.id::text`;

interface KpiRow {
  reference: string;
  kind: 'application' | 'enquiry';
  fund_id: string | null;
  created_at: Date;
  area_id: string | null;
  answers: Record<string, unknown> | null;
  invited_from: string | null;
  supported_by: string | null;
  assessed_at: Date | null;
  outcome: string | null;
  amount_awarded: number | null;
  decided_at: Date | null;
}

const dateOrNull = (value: Date | string | null) => (value === null ? null : new Date(value));

/** The report's scope: every fund, or one. */
export interface KpiScope {
  fund?: string | null;
}

/**
 * Every application and enquiry with something the report counts in [start, end): received, assessed
 * or decided; and the other stage of each two-stage case among them (an outline and the full
 * application made from it, linked by the full one's `invitedFrom`), whenever it happened, so the case
 * is counted once. Enquiries' answers are personal and never read.
 */
export async function loadKpiSubmissions(db: Queryable, { start, end }: { start: Date; end: Date }, { fund = null }: KpiScope = {}): Promise<KpiSubmission[]> {
  const inPeriod = (column: string) => `(${column} >= $1 AND ${column} < $2)`;
  const caseKey = (alias: string) => `coalesce(${alias}.answers->>'invitedFrom', ${alias}.reference)`;
  const rows = await db.query<KpiRow>(
    `WITH in_period AS (
       SELECT s.id, s.kind, ${caseKey('s')} AS case_key
       FROM submissions s
       ${assessedAtJoin}
       LEFT JOIN decisions d ON d.submission_id = s.id
       WHERE s.kind IN ('application', 'enquiry') AND ($3::text IS NULL OR s.fund_id = $3)
         AND (${inPeriod('s.created_at')} OR ${inPeriod('assessed.assessed_at')} OR ${inPeriod('d.decided_at')})
     )
     SELECT s.reference, s.kind, s.fund_id, s.created_at, s.area_id,
       CASE WHEN s.kind = 'application' THEN s.answers END AS answers,
       CASE WHEN s.kind = 'application' THEN s.answers->>'invitedFrom' END AS invited_from,
       s.supported_by, assessed.assessed_at, d.outcome, d.amount_awarded, d.decided_at
     FROM submissions s
     ${assessedAtJoin}
     LEFT JOIN decisions d ON d.submission_id = s.id
     WHERE s.id IN (SELECT id FROM in_period)
       OR (s.kind = 'application' AND ${caseKey('s')} IN (SELECT case_key FROM in_period WHERE kind = 'application'))
     ORDER BY s.created_at, s.reference`,
    [start, end, fund],
  );
  return rows.map((row) => ({
    reference: row.reference,
    kind: row.kind,
    fundId: row.fund_id,
    receivedAt: new Date(row.created_at),
    areaId: row.area_id,
    answers: kpiAnswers(row.answers ?? {}),
    invitedFrom: row.invited_from,
    supportedBy: row.supported_by,
    assessedAt: dateOrNull(row.assessed_at),
    decision: row.outcome && row.decided_at ? { outcome: row.outcome, amountAwarded: row.amount_awarded === null ? null : Number(row.amount_awarded), decidedAt: new Date(row.decided_at) } : null,
  }));
}

/**
 * Every project report received in [start, end): the end-of-project feedback and any scheduled report,
 * each a row of `feedback` (never assumed one per application), with the outputs and people reached.
 */
export async function loadProjectReports(db: Queryable, { start, end }: { start: Date; end: Date }, { fund = null }: KpiScope = {}): Promise<KpiProjectReport[]> {
  const rows = await db.query<{ reference: string; fund_id: string | null; received_at: Date; people_reached: string | null; outputs: string | null }>(
    `SELECT s.reference, s.fund_id, f.received_at, f.answers->>'peopleReached' AS people_reached, f.answers->>'outputs' AS outputs
     FROM feedback f JOIN submissions s ON s.id = f.submission_id
     WHERE f.received_at >= $1 AND f.received_at < $2 AND ($3::text IS NULL OR s.fund_id = $3)
     ORDER BY f.received_at, s.reference`,
    [start, end, fund],
  );
  return rows.map((row) => ({
    reference: row.reference,
    fundId: row.fund_id,
    receivedAt: new Date(row.received_at),
    peopleReached: row.people_reached !== null && /^\d+$/.test(row.people_reached) ? Number(row.people_reached) : null,
    outputs: row.outputs,
  }));
}

/** The grants awarded and the payments made in [start, end): for the spend against each fund's budget. */
export async function loadGrantMoney(db: Queryable, { start, end }: { start: Date; end: Date }, { fund = null }: KpiScope = {}): Promise<{ awards: KpiMoney[]; payments: KpiMoney[] }> {
  const awards = await db.query<{ reference: string; fund_id: string | null; amount: number; decided_at: Date }>(
    `SELECT s.reference, s.fund_id, d.amount_awarded AS amount, d.decided_at
     FROM decisions d JOIN submissions s ON s.id = d.submission_id
     WHERE d.outcome = 'funded' AND d.decided_at >= $1 AND d.decided_at < $2 AND ($3::text IS NULL OR s.fund_id = $3)
     ORDER BY d.decided_at, s.reference`,
    [start, end, fund],
  );
  // A payment's day is a UK day; the window's ends are instants, so the days either side are read and the report keeps those inside.
  const payments = await db.query<{ reference: string; fund_id: string | null; amount: number; paid_on: string }>(
    `SELECT s.reference, s.fund_id, p.amount, p.paid_on::text AS paid_on
     FROM payments p JOIN submissions s ON s.id = p.submission_id
     WHERE p.paid_on >= ($1::timestamptz - interval '1 day')::date AND p.paid_on <= ($2::timestamptz + interval '1 day')::date AND ($3::text IS NULL OR s.fund_id = $3)
     ORDER BY p.paid_on, s.reference, p.id`,
    [start, end, fund],
  );
  return {
    awards: awards.map((row) => ({ reference: row.reference, fundId: row.fund_id, amount: Number(row.amount), on: new Date(row.decided_at) })),
    payments: payments.map((row) => ({ reference: row.reference, fundId: row.fund_id, amount: Number(row.amount), on: new Date(`${row.paid_on}T00:00:00Z`) })),
  };
}

/** Everything the KPI report reads from the store for a period (see `reportWindow`), limited to one fund when asked. */
export async function loadKpiData(db: Queryable, window: { start: Date; end: Date; yearStart: Date }, scope: KpiScope = {}): Promise<Omit<KpiData, 'contacts' | 'funds'>> {
  const [submissions, projectReports, money] = [
    await loadKpiSubmissions(db, window, scope),
    await loadProjectReports(db, window, scope),
    await loadGrantMoney(db, { start: window.yearStart, end: window.end }, scope),
  ];
  return { submissions, projectReports, ...money };
}

interface ExportRow {
  reference: string;
  fund_id: string | null;
  fund_round: string | null;
  area_id: string | null;
  status: string;
  created_at: Date;
  answers: Record<string, unknown>;
  outcome: string | null;
  amount_awarded: number | null;
  decided_at: Date | null;
}

/** Every application, oldest first, with its decision if it has one. */
export async function loadApplicationsForExport(db: Queryable): Promise<ExportedApplication[]> {
  const rows = await db.query<ExportRow>(
    `SELECT s.reference, s.fund_id, s.fund_round, s.area_id, s.status, s.created_at, s.answers, d.outcome, d.amount_awarded, d.decided_at
     FROM submissions s LEFT JOIN decisions d ON d.submission_id = s.id
     WHERE s.kind = 'application' ORDER BY s.created_at, s.reference`,
  );
  return rows.map((row) => ({
    reference: row.reference,
    fundId: row.fund_id,
    fundRound: row.fund_round,
    areaId: row.area_id,
    status: row.status,
    receivedAt: new Date(row.created_at),
    answers: row.answers,
    decision: row.outcome && row.decided_at ? { outcome: row.outcome, amountAwarded: row.amount_awarded, decidedAt: new Date(row.decided_at) } : null,
  }));
}

interface GrantRow {
  reference: string;
  fund_id: string | null;
  area_id: string | null;
  group_name: string | null;
  organisation_type: string | null;
  registered_number: string | null;
  answers: Record<string, unknown>;
  amount_awarded: number;
  decided_at: Date;
}

/** Every funded application, in the order decided, with the group (never a person) it went to. */
export async function loadAwardedGrants(db: Queryable, fundNames: ReadonlyMap<string, string>): Promise<AwardedGrant[]> {
  const rows = await db.query<GrantRow>(
    `SELECT s.reference, s.fund_id, s.area_id, s.answers,
       s.answers->'your-group'->>'groupName' AS group_name,
       s.answers->'your-group'->>'organisationType' AS organisation_type,
       s.answers->'your-group'->>'registeredNumber' AS registered_number,
       d.amount_awarded, d.decided_at
     FROM submissions s JOIN decisions d ON d.submission_id = s.id
     WHERE s.kind = 'application' AND d.outcome = 'funded'
     ORDER BY d.decided_at, s.reference`,
  );
  return rows.map((row) => {
    const answers = kpiAnswers(row.answers);
    return {
      reference: row.reference,
      fundId: row.fund_id,
      fundName: row.fund_id ? fundNames.get(row.fund_id) ?? null : null,
      groupName: row.group_name ?? '',
      organisationType: row.organisation_type,
      registeredNumber: row.registered_number,
      title: answers.projectTitle,
      summary: answers.projectSummary,
      amountAsked: answers.amountAsked,
      amountAwarded: Number(row.amount_awarded),
      decidedAt: new Date(row.decided_at),
      areas: answers.areas.length > 0 ? answers.areas : row.area_id ? [row.area_id] : [],
    };
  });
}

/** How many applications there are, for the exports page. */
export async function countApplications(db: Queryable): Promise<number> {
  const [row] = await db.query<{ count: number }>("SELECT count(*)::int AS count FROM submissions WHERE kind = 'application'");
  return row?.count ?? 0;
}
