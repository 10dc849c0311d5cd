import { describe, expect, it } from 'vitest';
import { kpiAnswerFields, kpiAnswers, kpiReport, kpiRows, lastCompleteMonth, parsePeriod, periodBounds, periodKey, type Period } from '../../src/staff/kpi';
import { fixtureSubmissions, kpiFixture } from '../support/kpi-fixture';

const october: Period = { kind: 'month', year: 2026, month: 10 };
const report = (period: Period) => kpiReport(period, fixtureSubmissions(), kpiFixture.contacts);

describe('the KPI report for a month', () => {
  const result = report(october);

  it('counts the funding enquiries and applications received in the UK month, however the clocks went', () => {
    // KPIA0002 arrived at 23:30 UTC on 30 September, 00:30 on 1 October in the UK; KPIE0002 at 23:59:59 on 31 October (GMT).
    expect({ enquiries: result.enquiries, applications: result.applications }).toEqual({ enquiries: 2, applications: 3 });
  });

  it('counts the applications assessed against the criteria in the month, whenever they arrived', () => {
    expect(result.assessed).toBe(2);
  });

  it('lists each project funded in the month with its description and value, and the total', () => {
    expect(result.funded.map((project) => [project.reference, project.title, project.summary, project.amountAwarded])).toEqual([
      ['KPIA0001', 'Tools for the shed', 'A lathe and hand tools so older men can make and mend together.', 1500],
      ['KPIA0002', 'Riverside fun day', 'A free day of games and food by the river for families.', 900],
    ]);
    expect(result.fundedValue).toBe(2400);
  });

  it('counts the communities that received funding, splitting a project’s value between its areas', () => {
    expect(result.communitiesFunded).toEqual([
      { areaId: 'elm', projects: 1, value: 450 },
      { areaId: 'march', projects: 1, value: 1500 },
      { areaId: 'wisbech', projects: 1, value: 450 },
    ]);
  });

  it('counts the projects funded by type, every type listed', () => {
    expect(Object.fromEntries(result.fundedByType.map((row) => [row.type, row.projects]))).toEqual({
      'new-activity': 0, growing: 0, equipment: 1, building: 0, event: 1, training: 0, other: 0,
    });
  });

  it('counts connectors and enablers, the communities with enablers, and those of them that applied', () => {
    expect(result).toMatchObject({ connectors: 1, enablers: 2, communitiesWithEnablers: ['march', 'whittlesey', 'wisbech'], communitiesWithEnablersThatApplied: ['march', 'wisbech'] });
  });

  it('counts no feedback when none came in the month', () => {
    expect(result.feedback).toBe(0);
  });
});

describe('the KPI report for a quarter', () => {
  const result = report({ kind: 'quarter', year: 2026, quarter: 4 });

  it('adds up the three months, outline projects counted as "not given" by type', () => {
    expect({
      requests: result.enquiries + result.applications, assessed: result.assessed, funded: result.funded.length, value: result.fundedValue,
      communities: result.communitiesFunded.length, feedback: result.feedback, notGiven: result.fundedByType.find((row) => row.type === 'not-given')?.projects,
    }).toEqual({ requests: 7, assessed: 3, funded: 3, value: 2900, communities: 4, feedback: 1, notGiven: 1 });
  });

  it('leaves out what happened in the months either side', () => {
    const september = report({ kind: 'month', year: 2026, month: 9 });
    expect({ applications: september.applications, assessed: september.assessed, funded: september.funded.length }).toEqual({ applications: 1, assessed: 0, funded: 0 });
  });
});

describe('periods', () => {
  it('reads months and quarters from the address and refuses anything else', () => {
    expect(parsePeriod('2026-10')).toEqual(october);
    expect(parsePeriod('2026-q4')).toEqual({ kind: 'quarter', year: 2026, quarter: 4 });
    for (const bad of ['2026-13', '2026-Q5', '26-10', '2026-10-01', '<script>']) expect(parsePeriod(bad)).toBeUndefined();
    expect(periodKey({ kind: 'quarter', year: 2026, quarter: 1 })).toBe('2026-Q1');
  });

  it('starts and ends at UK midnight: BST in summer, GMT in winter', () => {
    expect(periodBounds(october)).toEqual({ start: new Date('2026-09-30T23:00:00Z'), end: new Date('2026-11-01T00:00:00Z') });
    expect(periodBounds({ kind: 'quarter', year: 2026, quarter: 4 }).end).toEqual(new Date('2027-01-01T00:00:00Z'));
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
    const erased = fixtureSubmissions().map((submission, index) => ({ ...submission, answers: kpiAnswers(kept[index]!.answers) }));
    for (const period of [october, { kind: 'quarter', year: 2026, quarter: 4 } as Period]) {
      expect(kpiReport(period, erased, kpiFixture.contacts)).toEqual(report(period));
    }
  });

  it('gives the CSV rows in the seed’s order with each funded project and its value', () => {
    const rows = kpiRows(report(october), { indicator: (key) => key, area: (id) => id.toUpperCase(), projectType: (type) => type });
    expect(rows[0]).toEqual(['requests', '', 5]);
    expect(rows).toContainEqual(['funded', 'KPIA0002: Riverside fun day. A free day of games and food by the river for families.', 900]);
    expect(rows).toContainEqual(['communitiesFunded', 'MARCH', 1]);
    expect(rows.at(-1)).toEqual(['communitiesWithEnablersThatApplied', '', 2]);
  });
});
