/**
 * What the KPI report and the exports read: applications and enquiries with their assessment date
 * (audit log), decision and feedback; every application for the CSV; funded ones for 360Giving.
 * Runs unchanged on PGlite and PostgreSQL. Server-only.
 */
import type { ExportedApplication } from '../staff/applications-csv';
import { kpiAnswers, type KpiSubmission } from '../staff/kpi';
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
  created_at: Date;
  area_id: string | null;
  answers: Record<string, unknown> | null;
  assessed_at: Date | null;
  outcome: string | null;
  amount_awarded: number | null;
  decided_at: Date | null;
  received_at: Date | null;
}

const dateOrNull = (value: Date | string | null) => (value === null ? null : new Date(value));

/**
 * Every application and enquiry with something the report counts in [start, end): received, assessed,
 * decided or reported back on. Enquiries' answers are personal and never read.
 */
export async function loadKpiSubmissions(db: Queryable, { start, end }: { start: Date; end: Date }): Promise<KpiSubmission[]> {
  const inPeriod = (column: string) => `(${column} >= $1 AND ${column} < $2)`;
  const rows = await db.query<KpiRow>(
    `SELECT s.reference, s.kind, s.created_at, s.area_id,
       CASE WHEN s.kind = 'application' THEN s.answers END AS answers,
       assessed.assessed_at, d.outcome, d.amount_awarded, d.decided_at, f.received_at
     FROM submissions s
     ${assessedAtJoin}
     LEFT JOIN decisions d ON d.submission_id = s.id
     LEFT JOIN feedback f ON f.submission_id = s.id AND f.report = 'final'
     WHERE s.kind IN ('application', 'enquiry')
       AND (${inPeriod('s.created_at')} OR ${inPeriod('assessed.assessed_at')} OR ${inPeriod('d.decided_at')} OR ${inPeriod('f.received_at')})
     ORDER BY s.created_at, s.reference`,
    [start, end],
  );
  return rows.map((row) => ({
    reference: row.reference,
    kind: row.kind,
    receivedAt: new Date(row.created_at),
    areaId: row.area_id,
    answers: kpiAnswers(row.answers ?? {}),
    assessedAt: dateOrNull(row.assessed_at),
    decision: row.outcome && row.decided_at ? { outcome: row.outcome, amountAwarded: row.amount_awarded, decidedAt: new Date(row.decided_at) } : null,
    feedbackReceivedAt: dateOrNull(row.received_at),
  }));
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
