/**
 * tests/fixtures/kpi/fund.json as the KPI report reads it (pure), and written into a store as the
 * forms, the workflow, the decision, the payments and the feedback link would have left it
 * (integration and e2e).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { kpiAnswers, type KpiContact, type KpiData, type KpiFund, type KpiMoney, type KpiProjectReport, type KpiSubmission } from '../../src/staff/kpi';
import type { Queryable } from '../../src/store/database';

export interface FixtureSubmission {
  reference: string;
  kind: 'application' | 'enquiry';
  fundId?: string;
  areaId: string | null;
  createdAt: string;
  assessedAt: string | null;
  decision: { outcome: string; amountAwarded: number | null; decidedAt: string } | null;
  invitedFrom: string | null;
  supportedBy: string | null;
  payments: { paidOn: string; amount: number }[];
  reports: { receivedAt: string; peopleReached: number; outputs: string }[];
  answers: Record<string, unknown>;
}

interface FixtureContact {
  id: string;
  role: string;
  areas: string[];
  started?: string;
  stopped?: string;
}

export const kpiFixture = JSON.parse(readFileSync(new URL('../fixtures/kpi/fund.json', import.meta.url), 'utf8')) as {
  contacts: FixtureContact[];
  funds: KpiFund[];
  submissions: FixtureSubmission[];
};

const date = (iso: string | null) => (iso === null ? null : new Date(iso));
const day = (iso: string | undefined) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

export function fixtureSubmissions(): KpiSubmission[] {
  return kpiFixture.submissions.map((row) => ({
    reference: row.reference,
    kind: row.kind,
    fundId: row.fundId ?? null,
    receivedAt: new Date(row.createdAt),
    areaId: row.areaId,
    answers: kpiAnswers(row.kind === 'application' ? row.answers : {}),
    invitedFrom: row.invitedFrom,
    supportedBy: row.supportedBy,
    assessedAt: date(row.assessedAt),
    decision: row.decision ? { ...row.decision, decidedAt: new Date(row.decision.decidedAt) } : null,
  }));
}

/** The contacts as the report reads them from the content. */
export function fixtureContacts(): KpiContact[] {
  return kpiFixture.contacts.map((contact) => ({ ...contact, started: day(contact.started), stopped: day(contact.stopped) }));
}

/** Everything in the fixture as the report reads it; the report keeps what falls in its period. */
export function fixtureData(): KpiData {
  const money = (pick: (row: FixtureSubmission) => { amount: number; on: Date }[]): KpiMoney[] =>
    kpiFixture.submissions.flatMap((row) => pick(row).map((item) => ({ reference: row.reference, fundId: row.fundId ?? null, ...item })));
  const projectReports: KpiProjectReport[] = kpiFixture.submissions.flatMap((row) =>
    row.reports.map((report) => ({ reference: row.reference, fundId: row.fundId ?? null, receivedAt: new Date(report.receivedAt), peopleReached: report.peopleReached, outputs: report.outputs })),
  );
  return {
    submissions: fixtureSubmissions(),
    projectReports,
    awards: money((row) => (row.decision?.outcome === 'funded' ? [{ amount: row.decision.amountAwarded!, on: new Date(row.decision.decidedAt) }] : [])),
    payments: money((row) => row.payments.map((payment) => ({ amount: payment.amount, on: new Date(`${payment.paidOn}T00:00:00Z`) }))),
    contacts: fixtureContacts(),
    funds: kpiFixture.funds,
  };
}

/** Writes the fixture's submissions, audit entries, decisions, payments and feedback; references get `suffix` so a store can hold several copies. */
export async function writeKpiFixture(db: Queryable, suffix = ''): Promise<void> {
  for (const row of kpiFixture.submissions) {
    const answers = typeof row.answers.invitedFrom === 'string' ? { ...row.answers, invitedFrom: row.answers.invitedFrom + suffix } : row.answers;
    const [created] = await db.query<{ id: string }>(
      `INSERT INTO submissions (reference, idempotency_key, kind, fund_id, area_id, status, answers, supported_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $9, $9) RETURNING id`,
      [row.reference + suffix, randomUUID(), row.kind, row.fundId ?? null, row.areaId, row.decision?.outcome ?? (row.assessedAt ? 'assessed' : 'received'), JSON.stringify(answers), row.supportedBy, new Date(row.createdAt)],
    );
    const id = created!.id;
    if (row.assessedAt) {
      await db.query(
        `INSERT INTO audit_log (at, actor, action, subject_type, subject_id, before, after)
         VALUES ($1, 'command line', 'application.status', 'submission', $2, '{"status":"eligibility-checked"}'::jsonb, '{"status":"assessed"}'::jsonb)`,
        [new Date(row.assessedAt), id],
      );
    }
    if (row.decision) {
      await db.query(
        `INSERT INTO decisions (submission_id, outcome, amount_awarded, signposted_to, letter, decided_at) VALUES ($1, $2, $3, $4, 'Dear group', $5)`,
        [id, row.decision.outcome, row.decision.amountAwarded, row.decision.outcome === 'signposted' ? 'elsewhere' : null, new Date(row.decision.decidedAt)],
      );
    }
    for (const payment of row.payments) {
      await db.query('INSERT INTO payments (submission_id, paid_on, amount, recorded_at) VALUES ($1, $2::date, $3, $4)', [id, payment.paidOn, payment.amount, new Date(`${payment.paidOn}T12:00:00Z`)]);
    }
    for (const report of row.reports) {
      await db.query(
        `INSERT INTO feedback (submission_id, token_hash, requested_at, received_at, answers) VALUES ($1, $2, $3, $4, $5::text::jsonb)`,
        [id, randomUUID(), new Date(row.decision!.decidedAt), new Date(report.receivedAt), JSON.stringify({ outputs: report.outputs, peopleReached: report.peopleReached, story: 'It went well' })],
      );
    }
  }
}
