/**
 * tests/fixtures/kpi/fund.json as the KPI report reads it (pure), and written into a store as the
 * forms, the workflow, the decision and the feedback link would have left it (integration and e2e).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { kpiAnswers, type KpiContact, type KpiSubmission } from '../../src/staff/kpi';
import type { Queryable } from '../../src/store/database';

export interface FixtureSubmission {
  reference: string;
  kind: 'application' | 'enquiry';
  fundId?: string;
  areaId: string | null;
  createdAt: string;
  assessedAt: string | null;
  decision: { outcome: string; amountAwarded: number | null; decidedAt: string } | null;
  feedbackReceivedAt: string | null;
  answers: Record<string, unknown>;
}

export const kpiFixture = JSON.parse(readFileSync(new URL('../fixtures/kpi/fund.json', import.meta.url), 'utf8')) as {
  contacts: KpiContact[];
  submissions: FixtureSubmission[];
};

const date = (iso: string | null) => (iso === null ? null : new Date(iso));

export function fixtureSubmissions(): KpiSubmission[] {
  return kpiFixture.submissions.map((row) => ({
    reference: row.reference,
    kind: row.kind,
    receivedAt: new Date(row.createdAt),
    areaId: row.areaId,
    answers: kpiAnswers(row.kind === 'application' ? row.answers : {}),
    assessedAt: date(row.assessedAt),
    decision: row.decision ? { ...row.decision, decidedAt: new Date(row.decision.decidedAt) } : null,
    feedbackReceivedAt: date(row.feedbackReceivedAt),
  }));
}

/** Writes the fixture's submissions, audit entries, decisions and feedback; references get `suffix` so a store can hold several copies. */
export async function writeKpiFixture(db: Queryable, suffix = ''): Promise<void> {
  for (const row of kpiFixture.submissions) {
    const [created] = await db.query<{ id: string }>(
      `INSERT INTO submissions (reference, idempotency_key, kind, fund_id, area_id, status, answers, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $8) RETURNING id`,
      [row.reference + suffix, randomUUID(), row.kind, row.fundId ?? null, row.areaId, row.decision?.outcome ?? (row.assessedAt ? 'assessed' : 'received'), JSON.stringify(row.answers), new Date(row.createdAt)],
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
    if (row.feedbackReceivedAt) {
      await db.query(
        `INSERT INTO feedback (submission_id, token_hash, requested_at, received_at, answers) VALUES ($1, $2, $3, $4, '{"story":"It went well"}'::jsonb)`,
        [id, randomUUID(), new Date(row.decision!.decidedAt), new Date(row.feedbackReceivedAt)],
      );
    }
  }
}
