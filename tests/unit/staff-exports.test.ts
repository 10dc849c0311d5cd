import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { applicationsCsv, type ExportedApplication } from '../../src/staff/applications-csv';
import { safeCell, toCsv } from '../../src/staff/csv';
import { kpiAnswers } from '../../src/staff/kpi';
import { threeSixtyGivingCsv, threeSixtyGivingGrants, threeSixtyGivingPackage, type AwardedGrant } from '../../src/staff/threesixty';
import { kpiFixture } from '../support/kpi-fixture';
import { allCsvTitles, csvTitle, packageValidator } from '../support/threesixty';

const readCsv = (csv: string) => parse(csv, { bom: true, columns: true }) as Record<string, string>[];

const applications: ExportedApplication[] = kpiFixture.submissions
  .filter((row) => row.kind === 'application')
  .map((row) => ({
    reference: row.reference, fundId: row.fundId ?? null, fundRound: null, areaId: row.areaId, status: row.decision?.outcome ?? 'received',
    receivedAt: new Date(row.createdAt), answers: row.answers,
    decision: row.decision ? { ...row.decision, decidedAt: new Date(row.decision.decidedAt) } : null,
  }));

/** The funded applications as the store hands them over (tests/integration/reports-store.test.ts checks the store does). */
const awarded: AwardedGrant[] = kpiFixture.submissions
  .filter((row) => row.decision?.outcome === 'funded')
  .map((row) => {
    const group = row.answers['your-group'] as Record<string, string | undefined>;
    const answers = kpiAnswers(row.answers);
    return {
      reference: row.reference, fundId: row.fundId ?? null, fundName: 'Healthy Fenland Fund', groupName: group.groupName ?? '',
      organisationType: group.organisationType ?? null, registeredNumber: group.registeredNumber ?? null, title: answers.projectTitle,
      summary: answers.projectSummary, amountAsked: answers.amountAsked, amountAwarded: row.decision!.amountAwarded!, decidedAt: new Date(row.decision!.decidedAt), areas: answers.areas,
    };
  });
const publisher = { prefix: 'fenlandhub', fundingOrganisationId: 'GB-LAE-FEN', fundingOrganisationName: 'Fenland Community Programme' };
const areas = new Map([['march', { name: 'March', latitude: 52.55, longitude: 0.09 }], ['wisbech', { name: 'Wisbech', latitude: 52.66, longitude: 0.16 }], ['elm', { name: 'Elm' }], ['doddington', { name: 'Doddington' }]]);
const grants = threeSixtyGivingGrants(awarded, publisher, areas);

describe('spreadsheet cells', () => {
  it('prefix what a spreadsheet would run as a formula with an apostrophe, and leave the rest alone', () => {
    expect(['=1+1', '+44 1632', '-2', '@SUM(A1)', '\tx', '\r=x'].map(safeCell)).toEqual(["'=1+1", "'+44 1632", "'-2", "'@SUM(A1)", "'\tx", "'\r=x"]);
    expect([safeCell('Tools = joy'), safeCell(-5), safeCell(null)]).toEqual(['Tools = joy', -5, '']);
  });

  it('keep commas, quotes and line breaks inside one cell', () => {
    expect(readCsv(toCsv(['a', 'b'], [['one, "two"\nthree', 4]]))).toEqual([{ a: 'one, "two"\nthree', b: '4' }]);
  });
});

describe('the applications spreadsheet', () => {
  it('has one row an application with its decision and every answer flattened', () => {
    const rows = readCsv(applicationsCsv(applications, { showContact: true }));
    expect(rows.map((row) => row.reference)).toEqual(['KPIA0001', 'KPIA0002', 'KPIA0003', 'KPIA0004', 'KPIA0005']);
    expect(rows[0]).toMatchObject({
      decision: 'funded', amount_awarded: '1500', 'project.projectTitle': 'Tools for the shed', 'where-and-who.areas': 'march',
      'budget.budget': 'Lathe: £1,200; Hand tools: £800', 'contact.contactEmail': 'sam@example.org', 'declarations.declarantName': 'Sam Example',
    });
  });

  it('leaves out contact details and the declarant’s name for a role that may not see them', () => {
    const csv = applicationsCsv(applications, { showContact: false });
    expect(Object.keys(readCsv(csv)[0]!).filter((column) => column.startsWith('contact.') || column.endsWith('declarantName'))).toEqual([]);
    expect(csv).not.toContain('@example.org');
    expect(csv).not.toContain('Example');
  });

  it('cannot run a formula typed into an answer', () => {
    const row = readCsv(applicationsCsv(applications, { showContact: true })).find((item) => item.reference === 'KPIA0005')!;
    expect(row).toMatchObject({ 'your-group.groupName': `'=HYPERLINK("http://example.org","click")`, 'project.projectTitle': "'@SUM(1,2)", 'contact.contactName': "'+Lee Example", 'project.projectSummary': "'-1 first aid course for volunteers." });
  });
});

describe('awarded grants as 360Giving data', () => {
  it('is a package that validates against the 360Giving JSON Schema', () => {
    const validate = packageValidator();
    const valid = validate(threeSixtyGivingPackage(grants));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('fails the schema when a required field is missing, so the check can catch a mistake', () => {
    const validate = packageValidator();
    const { awardDate: _left, ...broken } = grants[0]!;
    expect(validate({ grants: [broken] })).toBe(false);
  });

  it('identifies each grant as 360G-<prefix>-<reference>, funded by the organisation in the settings', () => {
    expect(grants.map((grant) => grant.id)).toEqual(['360G-fenlandhub-KPIA0001', '360G-fenlandhub-KPIA0002', '360G-fenlandhub-KPIA0004']);
    expect(grants[0]).toMatchObject({
      title: 'Tools for the shed', currency: 'GBP', amountAppliedFor: 2000, amountAwarded: 1500, awardDate: '2026-10-20',
      fundingOrganization: [{ id: 'GB-LAE-FEN', name: 'Fenland Community Programme' }],
      beneficiaryLocation: [{ name: 'March', countryCode: 'GB', latitude: 52.55, longitude: 0.09 }],
      grantProgramme: [{ code: 'healthy-fenland-fund', title: 'Healthy Fenland Fund' }],
    });
  });

  it('dates an award by the UK day it was decided', () => {
    // 23:30 UTC on 31 October 2026 is still 31 October in the UK (GMT).
    expect(grants[1]!.awardDate).toBe('2026-10-31');
  });

  it('names the group as the recipient with its charity or company number, and never a person', () => {
    expect(grants.map((grant) => grant.recipientOrganization[0])).toEqual([
      { id: 'GB-CHC-1234567', name: "March Men's Shed", charityNumber: '1234567' },
      { id: '360G-fenlandhub-org-script-alert-group-script-friends', name: "<script>alert('group')</script> Friends" },
      { id: 'GB-COH-09876543', name: 'Doddington Community Interest Kitchen', companyNumber: '09876543' },
    ]);
    const json = JSON.stringify(grants);
    expect(json).not.toContain('example.org');
    expect(json).not.toContain('Example');
  });

  it('has 360Giving’s own column titles in its CSV, a row a grant', () => {
    const csv = threeSixtyGivingCsv(grants);
    const header = Object.keys(readCsv(csv)[0]!);
    const allowed = allCsvTitles();
    // Numbered columns ("Beneficiary Location:0:Name") are the same title with the item's index.
    expect(header.map((title) => title.replace(/:\d+:/, ':')).filter((title) => !allowed.has(title))).toEqual([]);
    expect(header).toEqual(expect.arrayContaining(['Identifier', 'Title', 'Description', 'Currency', 'Amount Awarded', 'Award Date', csvTitle(['recipientOrganization', 'id']), 'Recipient Org:Name', 'Funding Org:Identifier', 'Funding Org:Name', 'Beneficiary Location:0:Name', 'Beneficiary Location:1:Name']));
    const rows = readCsv(csv);
    expect(rows.map((row) => [row.Identifier, row['Amount Awarded'], row['Beneficiary Location:0:Name'], row['Beneficiary Location:1:Name']])).toEqual([
      ['360G-fenlandhub-KPIA0001', '1500', 'March', ''],
      ['360G-fenlandhub-KPIA0002', '900', 'Wisbech', 'Elm'],
      ['360G-fenlandhub-KPIA0004', '500', 'Doddington', ''],
    ]);
  });

  it('uses one set of location columns when no grant has more than one place', () => {
    const header = Object.keys(readCsv(threeSixtyGivingCsv([grants[0]!]))[0]!);
    expect(header).toContain('Beneficiary Location:Name');
  });
});
