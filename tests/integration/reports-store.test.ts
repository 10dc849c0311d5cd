import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiReport, periodBounds, type Period } from '../../src/staff/kpi';
import { threeSixtyGivingGrants, threeSixtyGivingPackage } from '../../src/staff/threesixty';
import type { Store } from '../../src/store';
import { countApplications, loadApplicationsForExport, loadAwardedGrants, loadKpiSubmissions } from '../../src/store/reports';
import { testDatabases } from '../support/databases';
import { fixtureSubmissions, kpiFixture, writeKpiFixture } from '../support/kpi-fixture';
import { packageValidator } from '../support/threesixty';

const october: Period = { kind: 'month', year: 2026, month: 10 };
const quarter: Period = { kind: 'quarter', year: 2026, quarter: 4 };

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

  it('loads what the KPI report needs and gives the same report as the fixture itself', async () => {
    for (const period of [october, quarter, { kind: 'month', year: 2026, month: 9 } as Period]) {
      const loaded = await loadKpiSubmissions(store, periodBounds(period));
      expect(kpiReport(period, loaded, kpiFixture.contacts)).toEqual(kpiReport(period, fixtureSubmissions(), kpiFixture.contacts));
    }
  });

  it('loads only submissions with something in the period, and never an enquiry’s answers', async () => {
    const loaded = await loadKpiSubmissions(store, periodBounds({ kind: 'month', year: 2026, month: 12 }));
    // Only KPIA0001's feedback came in December.
    expect(loaded.map((submission) => submission.reference)).toEqual(['KPIA0001']);
    const october = await loadKpiSubmissions(store, periodBounds({ kind: 'month', year: 2026, month: 10 }));
    expect(october.filter((submission) => submission.kind === 'enquiry').map((submission) => submission.answers)).toEqual([
      { projectTitle: '', projectSummary: '', projectType: null, areas: [], amountAsked: null },
      { projectTitle: '', projectSummary: '', projectType: null, areas: [], amountAsked: null },
    ]);
  });

  it('exports every application with its decision, oldest first', async () => {
    const applications = await loadApplicationsForExport(store);
    expect(applications.map((application) => [application.reference, application.decision?.outcome ?? null, application.decision?.amountAwarded ?? null])).toEqual([
      ['KPIA0001', 'funded', 1500], ['KPIA0002', 'funded', 900], ['KPIA0003', 'declined', null], ['KPIA0005', null, null], ['KPIA0004', 'funded', 500],
    ]);
    expect(applications[0]!.answers).toEqual(kpiFixture.submissions[0]!.answers);
    expect(await countApplications(store)).toBe(5);
  });

  it('loads the funded grants with their group, and they validate as 360Giving data', async () => {
    const awarded = await loadAwardedGrants(store, new Map([['healthy-fenland-fund', 'Healthy Fenland Fund']]));
    expect(awarded.map((grant) => [grant.reference, grant.groupName, grant.amountAwarded, grant.areas])).toEqual([
      ['KPIA0001', "March Men's Shed", 1500, ['march']],
      ['KPIA0002', "<script>alert('group')</script> Friends", 900, ['wisbech', 'elm']],
      ['KPIA0004', 'Doddington Community Interest Kitchen', 500, ['doddington']],
    ]);
    const grants = threeSixtyGivingGrants(awarded, { prefix: 'fenlandhub', fundingOrganisationId: 'GB-LAE-FEN', fundingOrganisationName: 'Fenland Community Programme' }, new Map([['march', { name: 'March' }]]));
    const validate = packageValidator();
    expect(validate(threeSixtyGivingPackage(grants)), JSON.stringify(validate.errors)).toBe(true);
  });
});
