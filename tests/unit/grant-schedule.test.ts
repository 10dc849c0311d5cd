/** After the award, the pure rules: a fund's reporting schedule, when each email goes, and what is due or overdue on a day. */
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  defaultSchedule,
  finalDueDate,
  finalReminderDates,
  grantConditions,
  offerStanding,
  progressDueDates,
  progressEmailDates,
  projectEnd,
  reportStanding,
} from '../../src/grants/schedule';
import { fundSchema } from '../../src/schemas/fund';

const at = (iso: string) => new Date(iso);
const days = (dates: Date[]) => dates.map((date) => date.toISOString().slice(0, 10));

describe('a fund’s reporting schedule', () => {
  it('asks a quarterly fund’s project for a report every three months from its acceptance until it ends', () => {
    const end = projectEnd('2027-10-29', at('2026-12-10T15:00:00Z'));
    expect(days(progressDueDates({ progress: 'quarterly', finalReportWeeks: 4 }, at('2026-12-10T15:00:00Z'), end))).toEqual(['2027-03-10', '2027-06-10', '2027-09-10']);
  });

  it('leaves the last stretch to the final report: a report that would fall on or after the end is not asked for', () => {
    expect(days(progressDueDates({ progress: 'quarterly', finalReportWeeks: 2 }, at('2027-01-01T09:00:00Z'), at('2027-07-01T09:00:00Z')))).toEqual(['2027-04-01']);
  });

  it('asks monthly and six-monthly funds at their own pace, and a fund without progress reports for none', () => {
    const accepted = at('2027-01-31T12:00:00Z');
    const end = at('2027-06-15T09:00:00Z');
    // The 31st in a shorter month is its last day.
    expect(days(progressDueDates({ progress: 'monthly', finalReportWeeks: 2 }, accepted, end))).toEqual(['2027-02-28', '2027-03-31', '2027-04-30', '2027-05-31']);
    expect(days(progressDueDates({ progress: 'six-monthly', finalReportWeeks: 2 }, accepted, at('2028-06-15T09:00:00Z')))).toEqual(['2027-07-31', '2028-01-31']);
    expect(progressDueDates(defaultSchedule, accepted, end)).toEqual([]);
  });

  it('never asks for more than 24 progress reports, however long the project', () => {
    expect(progressDueDates({ progress: 'monthly', finalReportWeeks: 2 }, at('2027-01-01T09:00:00Z'), at('2035-01-01T09:00:00Z'))).toHaveLength(24);
  });

  it('takes a project with no end, or one already past, to run 12 weeks', () => {
    const now = at('2027-01-01T12:00:00Z');
    expect(projectEnd(undefined, now).toISOString().slice(0, 10)).toBe('2027-03-26');
    expect(projectEnd('2026-06-30', now)).toEqual(projectEnd(undefined, now));
    expect(projectEnd('2027-13-45', now)).toEqual(projectEnd(undefined, now));
  });

  it('has the final report due the fund’s weeks after the end, reminded then and four weeks later', () => {
    const due = finalDueDate({ progress: 'none', finalReportWeeks: 2 }, at('2026-08-31T09:00:00Z'));
    expect(due.toISOString()).toBe('2026-09-14T09:00:00.000Z');
    expect(days(finalReminderDates(due))).toEqual(['2026-09-14', '2026-10-12']);
  });

  it('adds calendar months across a year end', () => {
    expect(addMonths(at('2026-11-30T09:00:00Z'), 3).toISOString()).toBe('2027-02-28T09:00:00.000Z');
  });
});

describe('when a progress report’s emails go', () => {
  it('sends its link a fortnight before it is due and a reminder a week after', () => {
    const { link, reminder } = progressEmailDates(at('2027-03-10T09:00:00Z'), at('2026-12-10T15:00:00Z'));
    expect([link.toISOString(), reminder.toISOString()]).toEqual(['2027-02-24T09:00:00.000Z', '2027-03-17T09:00:00.000Z']);
  });
  it('sends the link at once when the report is due within a fortnight', () => {
    expect(progressEmailDates(at('2027-03-10T09:00:00Z'), at('2027-03-05T10:00:00Z')).link).toEqual(at('2027-03-05T10:00:00Z'));
  });
});

describe('due and overdue', () => {
  const report = { dueAt: at('2027-03-10T09:00:00Z'), receivedAt: null };
  it('shows a report as not due yet, then due a fortnight before, then overdue once its moment has passed, until it comes', () => {
    expect(reportStanding(report, at('2027-02-24T08:59:00Z'))).toBe('upcoming');
    expect(reportStanding(report, at('2027-02-24T09:00:00Z'))).toBe('due');
    expect(reportStanding(report, at('2027-03-10T09:00:00Z'))).toBe('due');
    expect(reportStanding(report, at('2027-03-10T09:01:00Z'))).toBe('overdue');
    expect(reportStanding({ ...report, receivedAt: at('2027-04-01T09:00:00Z') }, at('2027-05-01T09:00:00Z'))).toBe('received');
  });
  it('shows an offer as due for four weeks, then overdue, and accepted once accepted', () => {
    const offer = { offeredAt: at('2026-12-01T10:00:00Z'), acceptedAt: null };
    expect(offerStanding(offer, at('2026-12-29T10:00:00Z'))).toBe('due');
    expect(offerStanding(offer, at('2026-12-29T10:01:00Z'))).toBe('overdue');
    expect(offerStanding({ ...offer, acceptedAt: at('2026-12-02T10:00:00Z') }, at('2027-06-01T10:00:00Z'))).toBe('received');
  });
});

describe('the grant’s conditions', () => {
  it('are the fund’s standard ones, then the decision’s own, one a line, blank lines dropped', () => {
    expect(grantConditions(['Keep receipts.'], '  Run a walk in Leverington. \n\n Send a photo. ')).toEqual(['Keep receipts.', 'Run a walk in Leverington.', 'Send a photo.']);
    expect(grantConditions([], '')).toEqual([]);
  });
});

describe('the fund’s schema', () => {
  const fund = {
    name: 'A fund', funder: 'A council', funderOrgId: 'GB-LAE-CAM', summary: 'Small grants for groups.', rolling: true, minimumAward: 100, maximumAward: 500,
    whoCanApply: ['community-group'], eligibility: 'Groups in Fenland', themes: ['health-and-wellbeing'], criteria: [{ name: 'Need', description: 'Shows need' }],
    apply: { method: 'form' }, decisionTimeline: 'Within a month', contact: { email: 'fund@example.org' }, lastReviewed: '2026-11-01',
  };
  it('gives a fund that says nothing only the final report, two weeks after the end, and no standard conditions', () => {
    const parsed = fundSchema.parse(fund);
    expect(parsed.reporting).toEqual(defaultSchedule);
    expect(parsed.conditions).toEqual([]);
  });
  it('refuses a schedule it does not know, naming the field', () => {
    const result = fundSchema.safeParse({ ...fund, reporting: { progress: 'weekly' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['reporting', 'progress']);
    expect(fundSchema.safeParse({ ...fund, reporting: { finalReportWeeks: 40 } }).error?.issues[0]?.path).toEqual(['reporting', 'finalReportWeeks']);
  });
});
