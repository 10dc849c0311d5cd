import { describe, expect, it } from 'vitest';
import {
  applicationCases, financialYearOf, inPost, kpiAnswerFields, kpiAnswers, kpiReport, kpiRows, lastCompleteMonth, parsePeriod, periodBounds, periodKey, recruitedIn, type KpiData, type Period,
} from '../../src/staff/kpi';
import { fixtureData, kpiFixture } from '../support/kpi-fixture';

const october: Period = { kind: 'month', year: 2026, month: 10 };
const november: Period = { kind: 'month', year: 2026, month: 11 };
const quarter: Period = { kind: 'quarter', year: 2026, quarter: 4 };
const healthy = 'healthy-fenland-fund';
const innovation = 'cambridgeshire-communities-innovation-fund';
const report = (period: Period, fund: string | null = null, data: KpiData = fixtureData()) => kpiReport(period, data, { fund });

describe('the KPI report for a month, every fund', () => {
  const result = report(october);

  it('counts the funding enquiries and requests received in the UK month, however the clocks went', () => {
    // KPIA0002 arrived at 23:30 UTC on 30 September, 00:30 on 1 October in the UK; KPIE0002 at 23:59:59 on 31 October (GMT).
    expect({ enquiries: result.enquiries, applications: result.applications }).toEqual({ enquiries: 2, applications: 5 });
  });

  it('counts an outline and the full application made from it as one request, listed as one linked case', () => {
    expect(result.cases.map((item) => item.references)).toEqual([['KPIA0002'], ['KPIO0001', 'KPIO0002'], ['KPIB0001'], ['KPIA0003'], ['KPIA0005']]);
    // The full application arrived in November: that month has no new request from the case.
    expect(report(november).cases.map((item) => item.references)).toEqual([['KPIA0004']]);
    expect(report({ kind: 'quarter', year: 2026, quarter: 4 }, innovation).applications).toBe(1);
  });

  it('counts the requests assessed against the criteria in the month, a case at its first assessment', () => {
    expect(result.assessed).toBe(3);
    // KPIO0002 was assessed in November, but its case was at its outline in October.
    expect(report(november).assessed).toBe(1);
  });

  it('lists each project funded in the month with its description and value, and the total', () => {
    expect(result.funded.map((project) => [project.reference, project.title, project.amountAwarded])).toEqual([
      ['KPIA0001', 'Tools for the shed', 1500],
      ['KPIB0001', 'Picnic kit', 200],
      ['KPIA0002', 'Riverside fun day', 900],
    ]);
    expect(result.fundedValue).toBe(2600);
    expect(report(november).funded.map((project) => [project.reference, project.outline])).toEqual([['KPIA0004', null], ['KPIO0002', 'KPIO0001']]);
  });

  it('counts the communities that received funding, splitting a project’s value between its areas', () => {
    expect(result.communitiesFunded).toEqual([
      { areaId: 'chatteris', projects: 1, value: 200 },
      { areaId: 'elm', projects: 1, value: 450 },
      { areaId: 'march', projects: 1, value: 1500 },
      { areaId: 'wisbech', projects: 1, value: 450 },
    ]);
  });

  it('gives the enquiries, requests and funded projects of each community, enquiries with no area on their own row', () => {
    expect(result.communities).toEqual([
      { areaId: 'chatteris', enquiries: 0, applications: 2, funded: 1, value: 200 },
      { areaId: 'elm', enquiries: 0, applications: 1, funded: 1, value: 450 },
      { areaId: 'march', enquiries: 0, applications: 1, funded: 1, value: 1500 },
      { areaId: 'whittlesey', enquiries: 0, applications: 1, funded: 0, value: 0 },
      { areaId: 'wisbech', enquiries: 0, applications: 1, funded: 1, value: 450 },
      { areaId: null, enquiries: 2, applications: 0, funded: 0, value: 0 },
    ]);
  });

  it('counts the projects funded by type, every type listed', () => {
    expect(Object.fromEntries(result.fundedByType.map((row) => [row.type, row.projects]))).toEqual({
      'new-activity': 0, growing: 0, equipment: 2, building: 0, event: 1, training: 0, other: 0,
    });
  });

  it('counts the enablers and connectors in post in the month by their dates, and those recruited in it', () => {
    // enabler-gone's last day was 30 September; connector-chatteris started on 1 November; enabler-wisbech on 12 October.
    expect(result).toMatchObject({ connectors: 0, connectorsRecruited: 0, enablers: 2, enablersRecruited: 1, communitiesWithEnablers: ['march', 'whittlesey', 'wisbech'] });
    expect(report({ kind: 'month', year: 2026, month: 9 })).toMatchObject({ enablers: 2, enablersRecruited: 0, communitiesWithEnablers: ['chatteris', 'march', 'whittlesey'] });
    expect(report(november)).toMatchObject({ connectors: 1, connectorsRecruited: 1, enablers: 2, enablersRecruited: 0 });
  });

  it('counts the communities enablers helped to apply from who supported each request, not from where enablers are', () => {
    // KPIA0005 (March) and the KPIO0001 case (Whittlesey) were supported by enablers; KPIA0002 by a community worker.
    expect(result.communitiesWithEnablersThatApplied).toEqual(['march', 'whittlesey']);
    expect(result.supported).toBe(3);
  });

  it('sums the project reports received in the month: none in October', () => {
    expect({ feedback: result.feedback, reports: result.projectReports, people: result.peopleReached }).toEqual({ feedback: 0, reports: 0, people: 0 });
  });
});

describe('the KPI report for one fund', () => {
  it('counts only the Healthy Fenland Fund’s own enquiries, requests, assessments and grants', () => {
    const result = report(october, healthy);
    expect({ enquiries: result.enquiries, applications: result.applications, assessed: result.assessed, funded: result.funded.map((project) => project.reference), value: result.fundedValue }).toEqual({
      enquiries: 1, applications: 3, assessed: 2, funded: ['KPIA0001', 'KPIA0002'], value: 2400,
    });
    expect(result.cases.every((item) => item.fundId === healthy)).toBe(true);
    // Enablers and connectors are the programme's, whichever fund is chosen.
    expect(result.enablers).toBe(2);
  });

  it('shows the spend against the fund’s budget: committed and paid in the financial year to the end of the month', () => {
    expect(report(october, healthy).spend).toEqual([{ fundId: healthy, budget: 75000, committed: 2400, paid: 1000, committedInPeriod: 2400, paidInPeriod: 1000, remaining: 72600 }]);
    expect(report(november, healthy).spend).toEqual([{ fundId: healthy, budget: 75000, committed: 2900, paid: 2400, committedInPeriod: 500, paidInPeriod: 1400, remaining: 72100 }]);
  });

  it('counts the year to date from 1 April, and a quarter in the new year still in the year that began then', () => {
    expect(report({ kind: 'year', year: 2026 }, healthy).spend[0]).toMatchObject({ committed: 2900, paid: 2400, committedInPeriod: 2900 });
    expect(report({ kind: 'quarter', year: 2027, quarter: 1 }, healthy).spend[0]).toMatchObject({ committed: 2900, paid: 2400, committedInPeriod: 0, paidInPeriod: 0 });
    expect(report({ kind: 'year', year: 2027 }, healthy).spend[0]).toMatchObject({ committed: 0, paid: 0, remaining: 75000 });
  });

  it('with every fund, gives a row for each fund with a budget or money awarded or paid', () => {
    expect(report(october).spend.map((item) => [item.fundId, item.budget, item.committed, item.paid])).toEqual([
      [healthy, 75000, 2400, 1000],
      ['small-sparks', null, 200, 200],
    ]);
  });
});

describe('the KPI report for a quarter', () => {
  const result = report(quarter);

  it('adds up the three months, outline projects counted as "not given" by type', () => {
    expect({
      requests: result.enquiries + result.applications, assessed: result.assessed, funded: result.funded.length, value: result.fundedValue,
      communities: result.communitiesFunded.length, notGiven: result.fundedByType.find((row) => row.type === 'not-given')?.projects,
    }).toEqual({ requests: 9, assessed: 4, funded: 5, value: 18100, communities: 6, notGiven: 1 });
  });

  it('sums the outputs and people reached from every project report received, and counts each project once', () => {
    expect({ feedback: result.feedback, reports: result.projectReports, people: result.peopleReached }).toEqual({ feedback: 2, reports: 2, people: 52 });
    expect(result.outputs.map((output) => [output.reference, output.peopleReached])).toEqual([['KPIB0001', 12], ['KPIA0001', 40]]);
    // A project sending a quarterly report and then its final one: two reports, one project, the people of both.
    const data = fixtureData();
    const twice = { ...data, projectReports: [...data.projectReports!, { reference: 'KPIA0001', fundId: healthy, receivedAt: new Date('2026-11-02T10:00:00Z'), peopleReached: 25, outputs: 'First quarter: 8 sessions.' }] };
    expect(report(quarter, healthy, twice)).toMatchObject({ feedback: 1, projectReports: 2, peopleReached: 65 });
  });

  it('leaves out what happened in the months either side', () => {
    const september = report({ kind: 'month', year: 2026, month: 9 });
    expect({ applications: september.applications, assessed: september.assessed, funded: september.funded.length }).toEqual({ applications: 1, assessed: 0, funded: 0 });
  });
});

describe('cases and contacts', () => {
  it('groups an outline with the full application made from it, whichever is listed first', () => {
    const data = fixtureData();
    const cases = applicationCases([...data.submissions].reverse());
    expect(cases.find((stages) => stages[0]!.reference === 'KPIO0001')!.map((stage) => stage.reference)).toEqual(['KPIO0001', 'KPIO0002']);
    expect(cases).toHaveLength(data.submissions.filter((submission) => submission.kind === 'application').length - 1);
  });

  it('counts a contact in post up to and including their last day, and recruited in the month they started', () => {
    const contact = { role: 'enabler', areas: ['march'], started: new Date('2026-10-31T00:00:00Z'), stopped: new Date('2026-11-01T00:00:00Z') };
    expect([inPost(contact, periodBounds({ kind: 'month', year: 2026, month: 9 })), inPost(contact, periodBounds(october)), inPost(contact, periodBounds(november)), inPost(contact, periodBounds({ kind: 'month', year: 2026, month: 12 }))]).toEqual([false, true, true, false]);
    expect([recruitedIn(contact, periodBounds(october)), recruitedIn(contact, periodBounds(november))]).toEqual([true, false]);
    // No dates: in post throughout, never counted as recruited.
    expect(inPost({ role: 'connector', areas: [] }, periodBounds(october))).toBe(true);
  });
});

describe('periods', () => {
  it('reads months, quarters and financial years from the address and refuses anything else', () => {
    expect(parsePeriod('2026-10')).toEqual(october);
    expect(parsePeriod('2026-q4')).toEqual({ kind: 'quarter', year: 2026, quarter: 4 });
    expect(parsePeriod('FY2026-27')).toEqual({ kind: 'year', year: 2026 });
    expect(parsePeriod('FY2099-00')).toEqual({ kind: 'year', year: 2099 });
    for (const bad of ['2026-13', '2026-Q5', '26-10', '2026-10-01', '<script>', 'FY2026-28', 'FY2026']) expect(parsePeriod(bad)).toBeUndefined();
    expect(periodKey({ kind: 'quarter', year: 2026, quarter: 1 })).toBe('2026-Q1');
    expect(periodKey({ kind: 'year', year: 2026 })).toBe('FY2026-27');
  });

  it('starts and ends at UK midnight: BST in summer, GMT in winter', () => {
    expect(periodBounds(october)).toEqual({ start: new Date('2026-09-30T23:00:00Z'), end: new Date('2026-11-01T00:00:00Z') });
    expect(periodBounds({ kind: 'quarter', year: 2026, quarter: 4 }).end).toEqual(new Date('2027-01-01T00:00:00Z'));
    expect(periodBounds({ kind: 'year', year: 2026 })).toEqual({ start: new Date('2026-03-31T23:00:00Z'), end: new Date('2027-03-31T23:00:00Z') });
  });

  it('puts each period in the financial year it ends in', () => {
    expect([financialYearOf(october), financialYearOf({ kind: 'month', year: 2027, month: 3 }), financialYearOf({ kind: 'quarter', year: 2027, quarter: 1 }), financialYearOf({ kind: 'quarter', year: 2027, quarter: 2 })].map((year) => year.year)).toEqual([2026, 2026, 2026, 2027]);
  });

  it('defaults to the last complete month in the UK', () => {
    expect(lastCompleteMonth(new Date('2026-11-24T12:00:00Z'))).toEqual(october);
    expect(lastCompleteMonth(new Date('2027-01-01T00:30:00Z'))).toEqual({ kind: 'month', year: 2026, month: 12 });
    // 23:30 UTC on 31 May is already 1 June in the UK.
    expect(lastCompleteMonth(new Date('2026-05-31T23:30:00Z'))).toEqual({ kind: 'month', year: 2026, month: 5 });
  });
});

describe('what the report reads', () => {
  it('reads only the answer fields retention keeps: the report is the same with everything else erased', () => {
    const kept = kpiFixture.submissions.map((row) => {
      const answers: Record<string, Record<string, unknown>> = {};
      for (const [section, field] of kpiAnswerFields) {
        const value = (row.answers[section] as Record<string, unknown> | undefined)?.[field];
        if (value !== undefined) answers[section] = { ...answers[section], [field]: value };
      }
      return { ...row, answers };
    });
    expect(kept.every((row) => !('contact' in row.answers) && !('your-group' in row.answers))).toBe(true);
    const data = fixtureData();
    const erased = { ...data, submissions: data.submissions.map((submission, index) => ({ ...submission, answers: kpiAnswers(kept[index]!.answers) })) };
    for (const period of [october, quarter]) {
      expect(kpiReport(period, erased)).toEqual(report(period));
    }
  });

  it('gives the CSV rows in the seed’s order, each case once, each funded project with its value, and the spend per fund', () => {
    const rows = kpiRows(report(october), { indicator: (key) => key, area: (id) => id?.toUpperCase() ?? 'NONE', projectType: (type) => type, fund: (id) => `fund:${id}` });
    expect(rows[0]).toEqual(['requests', '', 7]);
    expect(rows).toContainEqual(['applications', 'KPIO0001 and KPIO0002: Fen skills exchange', 1]);
    expect(rows).toContainEqual(['funded', 'KPIA0002: Riverside fun day. A free day of games and food by the river for families.', 900]);
    expect(rows).toContainEqual(['communitiesFunded', 'MARCH', 1]);
    expect(rows).toContainEqual(['communityEnquiries', 'NONE', 2]);
    expect(rows).toContainEqual(['budget', `fund:${healthy}`, 75000]);
    expect(rows).toContainEqual(['paid', 'fund:small-sparks', 200]);
    // A fund without a budget has no budget or remaining rows.
    expect(rows.filter((row) => row[1] === 'fund:small-sparks').map((row) => row[0])).toEqual(['committed', 'paid', 'committedInPeriod', 'paidInPeriod']);
    expect(rows.at(-1)).toEqual(['communitiesWithEnablersThatApplied', '', 2]);
  });
});
