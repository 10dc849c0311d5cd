/**
 * The KPI report at scale, run by `./kpi.ts` with vite-node (which bundles the migrations as the server
 * build does): writes `--applications` synthetic applications over two financial years across three funds
 * (a tenth of them full applications after an outline, a third funded and paid, a sixth reporting back),
 * a fifth as many enquiries, then times the report's loading and counting for a month, a quarter and a
 * financial year, for every fund and for one. Prints one JSON line per database (PGlite, and PostgreSQL
 * when TEST_DATABASE_URL is set).
 */
import { parseArgs } from 'node:util';
import { kpiReport, reportWindow, type Period } from '../../src/staff/kpi';
import type { Store } from '../../src/store';
import { loadKpiData } from '../../src/store/reports';
import { testDatabases } from '../../tests/support/databases';

const { values } = parseArgs({ options: { applications: { type: 'string', default: '10000' }, runs: { type: 'string', default: '5' } } });
const applications = Number(values.applications);
const runs = Number(values.runs);
const funds = ['healthy-fenland-fund', 'small-sparks', 'cambridgeshire-communities-innovation-fund'];

async function fill(store: Store): Promise<void> {
  // Two financial years from 1 April 2025, spread evenly.
  const spread = `timestamptz '2025-04-01T00:00:00Z' + (i * interval '17520 hours') / ${applications}`;
  await store.query(
    `INSERT INTO submissions (reference, idempotency_key, kind, fund_id, area_id, status, answers, supported_by, created_at, updated_at)
     SELECT 'B' || lpad(i::text, 7, '0'), 'bench-a-' || i, 'application', (ARRAY['${funds.join("','")}'])[1 + i % 3], (ARRAY['march','wisbech','chatteris','whittlesey'])[1 + i % 4], 'received',
       jsonb_build_object('stage', 'full', 'project', jsonb_build_object('projectTitle', 'Project ' || i, 'projectType', 'equipment', 'projectSummary', 'A bench project.', 'amount', 500),
         'where-and-who', jsonb_build_object('areas', jsonb_build_array((ARRAY['march','wisbech','chatteris','whittlesey'])[1 + i % 4]), 'peopleReached', 20))
         || CASE WHEN i % 10 = 0 THEN jsonb_build_object('invitedFrom', 'B' || lpad((i - 1)::text, 7, '0')) ELSE '{}'::jsonb END,
       CASE WHEN i % 4 = 0 THEN 'dan-whitlock' END, ${spread}, ${spread}
     FROM generate_series(1, ${applications}) AS i`,
  );
  // A full application shares its outline's fund.
  await store.query(`UPDATE submissions s SET fund_id = o.fund_id FROM submissions o WHERE o.reference = s.answers->>'invitedFrom'`);
  await store.query(
    `INSERT INTO submissions (reference, idempotency_key, kind, fund_id, answers, created_at, updated_at)
     SELECT 'E' || lpad(i::text, 7, '0'), 'bench-e-' || i, 'enquiry', (ARRAY['${funds.join("','")}'])[1 + i % 3], '{}'::jsonb, ${spread.replace(applications.toString(), String(Math.ceil(applications / 5)))}, now()
     FROM generate_series(1, ${Math.ceil(applications / 5)}) AS i`,
  );
  await store.query(
    `INSERT INTO audit_log (at, actor, action, subject_type, subject_id, before, after)
     SELECT created_at + interval '5 days', 'bench', 'application.status', 'submission', id::text, '{"status":"eligibility-checked"}'::jsonb, '{"status":"assessed"}'::jsonb
     FROM submissions WHERE kind = 'application' AND right(reference, 1) IN ('0', '2', '4', '6', '8')`,
  );
  await store.query(
    `INSERT INTO decisions (submission_id, outcome, amount_awarded, letter, decided_at)
     SELECT id, 'funded', 400, 'Dear group', created_at + interval '20 days' FROM submissions WHERE kind = 'application' AND substring(reference, 2)::int % 3 = 0`,
  );
  await store.query(`INSERT INTO payments (submission_id, paid_on, amount) SELECT submission_id, (decided_at + interval '10 days')::date, 400 FROM decisions`);
  await store.query(
    `INSERT INTO feedback (submission_id, token_hash, requested_at, received_at, answers)
     SELECT d.submission_id, 'bench-' || d.submission_id, d.decided_at, d.decided_at + interval '90 days', jsonb_build_object('outputs', 'Sessions held.', 'peopleReached', 30)
     FROM decisions d JOIN submissions s ON s.id = d.submission_id WHERE substring(s.reference, 2)::int % 2 = 0`,
  );
}

const periods: [string, Period][] = [
  ['a month', { kind: 'month', year: 2026, month: 10 }],
  ['a quarter', { kind: 'quarter', year: 2026, quarter: 4 }],
  ['a financial year', { kind: 'year', year: 2026 }],
];

for (const database of testDatabases) {
  if (database.skip) continue;
  const store = await database.open();
  try {
    const filled = performance.now();
    await fill(store);
    const fillMs = performance.now() - filled;
    const timings: { period: string; fund: string; ms: number[]; cpuMs: number[]; requests: number }[] = [];
    for (const [label, period] of periods) {
      for (const fund of [null, funds[0]!]) {
        const ms: number[] = [];
        const cpuMs: number[] = [];
        let requests = 0;
        for (let run = 0; run < runs; run++) {
          const cpu = process.cpuUsage();
          const started = performance.now();
          const data = await loadKpiData(store, reportWindow(period), { fund });
          requests = kpiReport(period, { ...data, contacts: [], funds: [{ id: funds[0]!, budget: 75000 }] }, { fund }).applications;
          ms.push(performance.now() - started);
          const used = process.cpuUsage(cpu);
          cpuMs.push((used.user + used.system) / 1000);
        }
        timings.push({ period: label, fund: fund ?? 'all funds', ms, cpuMs, requests });
      }
    }
    console.log(JSON.stringify({ database: database.name, applications, enquiries: Math.ceil(applications / 5), fillMs, timings }));
  } finally {
    await store.close();
  }
}
