import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { applicationsCsv, type ExportedApplication } from '../../src/staff/applications-csv';
import { safeCell, toCsv } from '../../src/staff/csv';
import { kpiAnswers } from '../../src/staff/kpi';
import { recipientOrganization, threeSixtyGivingCsv, threeSixtyGivingGrants, threeSixtyGivingPackage, type AwardedGrant } from '../../src/staff/threesixty';
import { kpiFixture } from '../support/kpi-fixture';
import { allCsvTitles, csvTitle, packageValidator } from '../support/threesixty';

const readCsv = (csv: string) => parse(csv, { bom: true, columns: true }) as Record<string, string>[];

// The Healthy Fenland Fund's rows: the fixture's other funds are for the KPI report's fund filter.
const healthyRows = kpiFixture.submissions.filter((row) => row.fundId === 'healthy-fenland-fund');

const applications: ExportedApplication[] = healthyRows
  .filter((row) => row.kind === 'application')
  .map((row) => ({
    reference: row.reference, fundId: row.fundId ?? null, fundRound: null, areaId: row.areaId, status: row.decision?.outcome ?? 'received',
    receivedAt: new Date(row.createdAt), answers: row.answers,
    decision: row.decision ? { ...row.decision, decidedAt: new Date(row.decision.decidedAt) } : null,
  }));

/** The funded applications as the store hands them over (tests/integration/reports-store.test.ts checks the store does). */
const awarded: AwardedGrant[] = healthyRows
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
const publisher = { prefix: 'fenlandhub', fundingOrganisationId: 'GB-LAE-FEN', fundingOrganisationName: 'Fenland Community Programme', dataSource: 'https://hub.example.org/open-data/grants.json' };
const areas = new Map([['march', { name: 'March', latitude: 52.55, longitude: 0.09, onsCode: 'E04001234' }], ['wisbech', { name: 'Wisbech', latitude: 52.66, longitude: 0.16, onsCode: 'E05002345' }], ['elm', { name: 'Elm' }], ['doddington', { name: 'Doddington' }]]);
/** Who funds the fund, as its content says: not the hub that runs it. */
const funders = new Map([['healthy-fenland-fund', { name: 'Cambridgeshire County Council Public Health', orgId: 'GB-LAE-CAM' }]]);
const grants = threeSixtyGivingGrants(awarded, publisher, areas, funders);

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

  it('heads its columns with the titles given, and an answer no question names any more with section.field', () => {
    const titles = new Map([['reference', 'Reference'], ['your-group.groupName', 'Your group: Name of your group']]);
    const [header] = parse(applicationsCsv(applications, { showContact: true, titles }), { bom: true }) as string[][];
    expect(header!.slice(0, 2)).toEqual(['Reference', 'fund']);
    expect(header).toContain('Your group: Name of your group');
    expect(header).not.toContain('your-group.groupName');
    expect(header).toContain('contact.contactEmail');
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

  it('identifies each grant as 360G-<prefix>-<reference>, funded by the fund’s own funder, with where the data lives', () => {
    expect(grants.map((grant) => grant.id)).toEqual(['360G-fenlandhub-KPIA0001', '360G-fenlandhub-KPIA0002', '360G-fenlandhub-KPIA0004']);
    expect(grants[0]).toMatchObject({
      title: 'Tools for the shed', currency: 'GBP', amountAppliedFor: 2000, amountAwarded: 1500, awardDate: '2026-10-20',
      fundingOrganization: [{ id: 'GB-LAE-CAM', name: 'Cambridgeshire County Council Public Health' }],
      beneficiaryLocation: [{ name: 'March', countryCode: 'GB', latitude: 52.55, longitude: 0.09, geoCode: 'E04001234', geoCodeType: 'PAR' }],
      grantProgramme: [{ code: 'healthy-fenland-fund', title: 'Healthy Fenland Fund' }],
      dataSource: 'https://hub.example.org/open-data/grants.json',
    });
    expect(grants[1]!.beneficiaryLocation![0]).toMatchObject({ geoCode: 'E05002345', geoCodeType: 'WD' });
  });

  it('uses the funder’s own 360Giving prefix when it publishes separately, and the hub’s organisation for a fund it cannot find', () => {
    const own = threeSixtyGivingGrants(awarded.slice(0, 1), publisher, areas, new Map([['healthy-fenland-fund', { name: 'Cambridgeshire County Council Public Health', orgId: 'GB-LAE-CAM', prefix: 'cambscc' }]]));
    expect(own[0]!.id).toBe('360G-cambscc-KPIA0001');
    const unknown = threeSixtyGivingGrants([{ ...awarded[0]!, fundId: null }], publisher, areas, funders);
    expect(unknown[0]!.fundingOrganization).toEqual([{ id: 'GB-LAE-FEN', name: 'Fenland Community Programme' }]);
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
    // Every contact answer and the declarant's name of every funded application, searched for in the JSON and the CSV.
    const personal = healthyRows
      .filter((row) => row.decision?.outcome === 'funded')
      .flatMap((row) => [...Object.values((row.answers.contact ?? {}) as Record<string, unknown>), (row.answers.declarations as { declarantName?: string } | undefined)?.declarantName])
      .filter((value): value is string => typeof value === 'string' && value.length > 2);
    expect(personal.length).toBeGreaterThan(3);
    for (const text of [JSON.stringify(grants), threeSixtyGivingCsv(grants)]) for (const value of personal) expect(text).not.toContain(value);
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

  it('puts the data source and each place’s geographic code in the CSV under 360Giving’s titles', () => {
    const [row] = readCsv(threeSixtyGivingCsv([grants[0]!]));
    expect(row).toMatchObject({ 'Data Source': 'https://hub.example.org/open-data/grants.json', 'Beneficiary Location:Geographic Code': 'E04001234', 'Beneficiary Location:Geographic Code Type': 'PAR' });
  });

  it('uses one set of location columns when no grant has more than one place', () => {
    const header = Object.keys(readCsv(threeSixtyGivingCsv([grants[0]!]))[0]!);
    expect(header).toContain('Beneficiary Location:Name');
  });
});

describe('recipients’ org-ids, as org-id.guide has them', () => {
  const orgId = (organisationType: string, registeredNumber: string) => recipientOrganization({ organisationType, registeredNumber, groupName: 'Example Group', reference: 'X1' }, 'fenlandhub').id;

  it('a charity in England and Wales, a Scottish charity and a Northern Irish one', () => {
    expect(orgId('charity', '1129876')).toBe('GB-CHC-1129876');
    expect(orgId('cio', '1201234')).toBe('GB-CHC-1201234');
    expect(orgId('charity', 'SC012345')).toBe('GB-SC-SC012345');
    expect(orgId('charity', 'NIC100002')).toBe('GB-NIC-100002');
  });

  it('a faith group’s charity number is a charity’s, not a company’s', () => {
    expect(orgId('faith-group', '1129876')).toBe('GB-CHC-1129876');
  });

  it('a company with a six-digit number, zero-padded to eight, and a Scottish company as it is', () => {
    expect(orgId('community-interest-company', '123456')).toBe('GB-COH-00123456');
    expect(orgId('business', 'SC123456')).toBe('GB-COH-SC123456');
    expect(orgId('charity', '04567890')).toBe('GB-COH-04567890');
  });

  it('a school by its URN, and a registered society on the Mutuals Public Register', () => {
    expect(orgId('school', '110654')).toBe('GB-EDU-110654');
    expect(orgId('community-group', 'IP31234R')).toBe('GB-MPR-IP31234R');
  });

  it('anything else gets a 360G- id made from its name', () => {
    expect(orgId('parish-council', '')).toBe('360G-fenlandhub-org-example-group');
    expect(orgId('public-body', '12345678')).toBe('360G-fenlandhub-org-example-group');
  });
});
