import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiReport, reportWindow, type Period } from '../../src/staff/kpi';
import { threeSixtyGivingGrants, threeSixtyGivingPackage } from '../../src/staff/threesixty';
import type { Store } from '../../src/store';
import { paymentsFor, recordPayment, setSupportedBy, supportedBy } from '../../src/store/payments';
import { countApplications, loadApplicationsForExport, loadAwardedGrants, loadKpiData, loadKpiSubmissions } from '../../src/store/reports';
import { auditTrail } from '../../src/store/staff';
import { testDatabases } from '../support/databases';
import { fixtureContacts, fixtureData, kpiFixture, writeKpiFixture } from '../support/kpi-fixture';
import { packageValidator } from '../support/threesixty';

const window = reportWindow;
const october: Period = { kind: 'month', year: 2026, month: 10 };
const november: Period = { kind: 'month', year: 2026, month: 11 };
const quarter: Period = { kind: 'quarter', year: 2026, quarter: 4 };
const year: Period = { kind: 'year', year: 2026 };
const healthy = 'healthy-fenland-fund';
const innovation = 'cambridgeshire-communities-innovation-fund';

describe.each(testDatabases)('the reports store on $name', ({ skip, open }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await writeKpiFixture(store);
    // A suggested edit is neither an enquiry nor a request for funding.
    await store.query(`INSERT INTO submissions (reference, idempotency_key, kind, answers, created_at) VALUES ('KPIS0001', 'suggested-edit-key-0001', 'suggested-edit', '{}'::jsonb, '2026-10-10T10:00:00Z')`);
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  const reportFrom = async (period: Period, fund: string | null = null) =>
    kpiReport(period, { ...(await loadKpiData(store, reportWindow(period), { fund })), contacts: fixtureContacts(), funds: kpiFixture.funds }, { fund });

  it('loads what the KPI report needs and gives the same report as the fixture itself, for every fund and for one', async () => {
    for (const period of [october, november, quarter, year, { kind: 'month', year: 2026, month: 9 } as Period]) {
      for (const fund of [null, healthy, innovation]) {
        expect(await reportFrom(period, fund), `${JSON.stringify(period)} ${fund}`).toEqual(kpiReport(period, fixtureData(), { fund }));
      }
    }
  });

  it('loads only the chosen fund’s applications and enquiries', async () => {
    const loaded = await loadKpiSubmissions(store, window(october), { fund: healthy });
    expect(loaded.map((submission) => submission.reference)).toEqual(['KPIA0001', 'KPIA0002', 'KPIE0001', 'KPIA0003', 'KPIA0005']);
  });

  it('loads both stages of a two-stage case when only one of them falls in the period', async () => {
    // Only the full application was decided in November; its outline came in October.
    const loaded = await loadKpiSubmissions(store, window(november), { fund: innovation });
    expect(loaded.map((submission) => [submission.reference, submission.invitedFrom])).toEqual([['KPIO0001', null], ['KPIO0002', 'KPIO0001']]);
  });

  it('loads only submissions with something in the period, and never an enquiry’s answers', async () => {
    const december = await loadKpiData(store, window({ kind: 'month', year: 2026, month: 12 }));
    // Nothing arrived, was assessed or decided in December: only KPIA0001's report and KPIO0002's payment.
    expect(december.submissions).toEqual([]);
    expect(december.projectReports!.map((report) => [report.reference, report.peopleReached])).toEqual([['KPIA0001', 40]]);
    expect(december.payments!.filter((payment) => payment.on >= new Date('2026-12-01T00:00:00Z')).map((payment) => [payment.reference, payment.amount])).toEqual([['KPIO0002', 7500]]);
    const loaded = await loadKpiSubmissions(store, window(october));
    expect(loaded.filter((submission) => submission.kind === 'enquiry').map((submission) => submission.answers)).toEqual([
      { projectTitle: '', projectSummary: '', projectType: null, areas: [], amountAsked: null },
      { projectTitle: '', projectSummary: '', projectType: null, areas: [], amountAsked: null },
    ]);
  });

  it('exports every application with its decision, oldest first', async () => {
    const applications = await loadApplicationsForExport(store);
    expect(applications.map((application) => [application.reference, application.decision?.outcome ?? null, application.decision?.amountAwarded ?? null])).toEqual([
      ['KPIA0001', 'funded', 1500], ['KPIA0002', 'funded', 900], ['KPIO0001', 'invited', null], ['KPIB0001', 'funded', 200], ['KPIA0003', 'declined', null],
      ['KPIA0005', null, null], ['KPIA0004', 'funded', 500], ['KPIO0002', 'funded', 15000],
    ]);
    expect(applications[0]!.answers).toEqual(kpiFixture.submissions[0]!.answers);
    expect(await countApplications(store)).toBe(8);
  });

  it('loads the funded grants with their group, and they validate as 360Giving data', async () => {
    const awarded = await loadAwardedGrants(store, new Map([['healthy-fenland-fund', 'Healthy Fenland Fund']]));
    expect(awarded.map((grant) => [grant.reference, grant.groupName, grant.amountAwarded, grant.areas])).toEqual([
      ['KPIA0001', "March Men's Shed", 1500, ['march']],
      ['KPIB0001', 'Chatteris Picnickers', 200, ['chatteris']],
      ['KPIA0002', "<script>alert('group')</script> Friends", 900, ['wisbech', 'elm']],
      ['KPIA0004', 'Doddington Community Interest Kitchen', 500, ['doddington']],
      ['KPIO0002', 'Whittlesey Timebank', 15000, ['whittlesey']],
    ]);
    const grants = threeSixtyGivingGrants(awarded, { prefix: 'fenlandhub', fundingOrganisationId: 'GB-LAE-FEN', fundingOrganisationName: 'Fenland Community Programme' }, new Map([['march', { name: 'March' }]]));
    const validate = packageValidator();
    expect(validate(threeSixtyGivingPackage(grants)), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe.each(testDatabases)('payments and support recorded by officers on $name', ({ skip, open }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await writeKpiFixture(store, '-P');
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });
  const actor = { system: 'test officer' };
  const idOf = async (reference: string) => (await store.query<{ id: string }>('SELECT id FROM submissions WHERE reference = $1', [reference]))[0]!.id;

  it('records a payment with its audit entry, and it shows in the grant and in that month’s spend', async () => {
    const before = (await reportFrom(store, { kind: 'month', year: 2026, month: 12 }, healthy)).spend[0]!;
    // KPIA0004 was awarded £500 in November, and nothing has been paid on it.
    const recorded = await recordPayment(store, 'KPIA0004-P', { day: '3', month: '12', year: '2026', amount: '£300' }, actor, new Date('2026-12-04T10:00:00Z'));
    expect(recorded).toEqual({ ok: true, payment: { paidOn: '2026-12-03', amount: 300 } });
    const grant = await paymentsFor(store, await idOf('KPIA0004-P'));
    expect({ awarded: grant.awarded, paid: grant.paid, days: grant.payments.map((payment) => payment.paidOn) }).toEqual({ awarded: 500, paid: 300, days: ['2026-12-03'] });
    const after = (await reportFrom(store, { kind: 'month', year: 2026, month: 12 }, healthy)).spend[0]!;
    expect([after.paid - before.paid, after.paidInPeriod - before.paidInPeriod, after.committed - before.committed]).toEqual([300, 300, 0]);
    const trail = await auditTrail(store, 'submission', await idOf('KPIA0004-P'));
    expect(trail.at(-1)).toMatchObject({ action: 'application.payment', actor: 'test officer', after: { paidOn: '2026-12-03', amount: 300, paid: 300 } });
  });

  it('refuses a payment beyond the award, or on an application not funded, and stores nothing', async () => {
    const count = async () => (await store.query<{ count: number }>('SELECT count(*)::int AS count FROM payments'))[0]!.count;
    const stored = await count();
    expect(await recordPayment(store, 'KPIA0002-P', { day: '3', month: '12', year: '2026', amount: '1' }, actor, new Date('2026-12-04T10:00:00Z'))).toEqual({
      ok: false, problem: 'invalid', errors: [{ field: 'amount', problem: 'amountTooMuch', left: 0 }],
    });
    expect(await recordPayment(store, 'KPIA0005-P', { day: '3', month: '12', year: '2026', amount: '100' }, actor, new Date('2026-12-04T10:00:00Z'))).toMatchObject({ ok: false, problem: 'invalid' });
    expect(await recordPayment(store, 'NOSUCH', { day: '3', month: '12', year: '2026', amount: '100' }, actor)).toEqual({ ok: false, problem: 'not-found' });
    expect(await count()).toBe(stored);
  });

  it('two officers paying the last of a grant at once pay it once', async () => {
    const at = new Date('2026-12-04T10:00:00Z');
    // KPIO0002 has 7,500 of 15,000 left.
    const results = await Promise.all([1, 2].map(() => recordPayment(store, 'KPIO0002-P', { day: '4', month: '12', year: '2026', amount: '7500' }, actor, at)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect((await paymentsFor(store, await idOf('KPIO0002-P'))).paid).toBe(15000);
  });

  it('records who supported an application, audit-logged, and the report counts the community they helped apply', async () => {
    const id = await idOf('KPIA0003-P');
    expect(await setSupportedBy(store, 'KPIA0003-P', 'enabler-gone', actor)).toEqual({ ok: true });
    expect(await supportedBy(store, id)).toBe('enabler-gone');
    expect((await auditTrail(store, 'submission', id)).at(-1)).toMatchObject({ action: 'application.supported-by', before: { supportedBy: null }, after: { supportedBy: 'enabler-gone' } });
    const loaded = await loadKpiSubmissions(store, window(october), { fund: healthy });
    expect(loaded.find((submission) => submission.reference === 'KPIA0003-P')?.supportedBy).toBe('enabler-gone');
    expect(await setSupportedBy(store, 'NOSUCH', null, actor)).toEqual({ ok: false });
  });
});

async function reportFrom(store: Store, period: Period, fund: string | null) {
  return kpiReport(period, { ...(await loadKpiData(store, reportWindow(period), { fund })), contacts: fixtureContacts(), funds: kpiFixture.funds }, { fund });
}
