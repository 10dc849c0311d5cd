/**
 * Awarded grants as 360Giving open data (standard 1.4, `../shared/standards/360giving/`): one grant
 * per funded application, as the package JSON `{ "grants": [...] }` and as the standard's flat CSV
 * (column titles as 360Giving's templates spell them). No personal data: the recipient is the group,
 * never the person who applied. Pure.
 */
import { toCsv } from './csv';

/** A funded application as the store loads it for publishing. */
export interface AwardedGrant {
  reference: string;
  fundId: string | null;
  fundName: string | null;
  groupName: string;
  organisationType: string | null;
  registeredNumber: string | null;
  title: string;
  summary: string;
  amountAsked: number | null;
  amountAwarded: number;
  decidedAt: Date;
  /** Area ids (content/areas) the project serves. */
  areas: string[];
}

export interface Publisher {
  /** The 360Giving prefix from settings. */
  prefix: string;
  /** Who awards grants from a fund that names no funder of its own: the hub's organisation. */
  fundingOrganisationId: string;
  fundingOrganisationName: string;
  /** Where the published data lives (the public grants file), for each grant's `dataSource`. */
  dataSource?: string;
}

/** Who funds a fund, from the fund's content. */
export interface Funder {
  name: string;
  /** Its org-id (org-id.guide), e.g. GB-LAE-CAM. */
  orgId: string;
  /** Its own 360Giving prefix when it publishes its grants itself, so the identifiers are the ones it uses. */
  prefix?: string;
}

export interface AreaPlace {
  name: string;
  latitude?: number;
  longitude?: number;
  /** Its ONS (GSS) code, e.g. E04001234 for a parish. */
  onsCode?: string;
}

interface Organization {
  id: string;
  name: string;
  charityNumber?: string;
  companyNumber?: string;
}

interface Location {
  name: string;
  countryCode: 'GB';
  latitude?: number;
  longitude?: number;
  geoCode?: string;
  geoCodeType?: string;
}

/** One grant in 360Giving's JSON shape. */
export interface Grant {
  id: string;
  title: string;
  description: string;
  currency: 'GBP';
  amountAppliedFor?: number;
  amountAwarded: number;
  awardDate: string;
  recipientOrganization: [Organization];
  fundingOrganization: [Organization];
  beneficiaryLocation?: Location[];
  grantProgramme?: [{ code: string; title: string }];
  dateModified: string;
  dataSource?: string;
}

const ukDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** 360G-<prefix>-<reference>, as 360Giving's identifier guidance asks. */
export const grantIdentifier = (prefix: string, reference: string) => `360G-${prefix}-${reference}`;

const slug = (text: string) => text.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'group';

/** Kinds of organisation registered with a charity regulator when they give a number. */
const charityTypes = new Set(['charity', 'cio', 'faith-group', 'community-group']);
/** Kinds of organisation registered at Companies House when they give a number. */
const companyTypes = new Set(['community-interest-company', 'social-enterprise', 'business']);

/**
 * The recipient's org-id, following org-id.guide: GB-CHC for a charity in England and Wales, GB-SC for
 * Scotland (SC012345), GB-NIC for Northern Ireland (NIC100002), GB-COH for a company (zero-padded to
 * eight characters), GB-EDU for a school's URN, GB-MPR for a registered society (IP12345R, 30123R);
 * otherwise one of ours made from its name (360Giving's advice for unregistered groups), so repeat
 * grants link up.
 */
export function recipientOrganization(grant: Pick<AwardedGrant, 'registeredNumber' | 'organisationType' | 'groupName' | 'reference'>, prefix: string): Organization {
  const number = grant.registeredNumber?.replace(/\s+/g, '').toUpperCase() ?? '';
  const type = grant.organisationType ?? '';
  const name = grant.groupName || grant.reference;
  if (number) {
    if (/^(IP)?\d{1,6}R$/.test(number) || /^IP\d{1,6}$/.test(number)) return { id: `GB-MPR-${number}`, name };
    if (charityTypes.has(type) || type === '') {
      if (/^SC0\d{5}$/.test(number)) return { id: `GB-SC-${number}`, name, charityNumber: number };
      if (/^NIC\d{6}$/.test(number)) return { id: `GB-NIC-${number.slice(3)}`, name, charityNumber: number };
      if (/^\d{6,7}$/.test(number)) return { id: `GB-CHC-${number}`, name, charityNumber: number };
    }
    if (type === 'school' && /^\d{6}$/.test(number)) return { id: `GB-EDU-${number}`, name };
    if (companyTypes.has(type) || charityTypes.has(type) || type === '') {
      if (/^\d{1,8}$/.test(number)) return { id: `GB-COH-${number.padStart(8, '0')}`, name, companyNumber: number.padStart(8, '0') };
      if (/^[A-Z]{2}\d{6}$/.test(number)) return { id: `GB-COH-${number}`, name, companyNumber: number };
    }
  }
  return { id: `360G-${prefix}-org-${slug(name)}`, name };
}

/** 360Giving's geoCodeType for an ONS (GSS) code, by its entity (the first three characters). */
const geoCodeTypes: Record<string, string> = {
  E00: 'OA', E01: 'LSOA', E02: 'MSOA', E04: 'PAR', E05: 'WD', E06: 'UA', E07: 'NMD', E08: 'MD', E09: 'LONB', E10: 'CTY', E14: 'WPC',
  W04: 'COM', W05: 'WD', W06: 'UA', W07: 'WPC', S12: 'CA', S13: 'WD', S14: 'WPC', N06: 'WPC',
};
export const geoCodeType = (onsCode: string): string | undefined => geoCodeTypes[onsCode.slice(0, 3).toUpperCase()];

/**
 * The grants as 360Giving has them. Each is funded by its fund's funder (the hub's organisation when
 * the fund names none) and, when that funder publishes its own 360Giving data, carries its prefix.
 */
export function threeSixtyGivingGrants(grants: readonly AwardedGrant[], publisher: Publisher, areas: ReadonlyMap<string, AreaPlace>, funders: ReadonlyMap<string, Funder> = new Map()): Grant[] {
  return grants.map((grant) => {
    const locations = grant.areas.flatMap((id): Location[] => {
      const area = areas.get(id);
      if (!area) return [];
      const codeType = area.onsCode ? geoCodeType(area.onsCode) : undefined;
      return [{
        name: area.name,
        countryCode: 'GB',
        ...(area.latitude !== undefined && area.longitude !== undefined ? { latitude: area.latitude, longitude: area.longitude } : {}),
        ...(area.onsCode && codeType ? { geoCode: area.onsCode, geoCodeType: codeType } : {}),
      }];
    });
    const funder = grant.fundId ? funders.get(grant.fundId) : undefined;
    return {
      id: grantIdentifier(funder?.prefix ?? publisher.prefix, grant.reference),
      title: grant.title || grant.reference,
      description: grant.summary || grant.title || grant.reference,
      currency: 'GBP',
      ...(grant.amountAsked !== null ? { amountAppliedFor: grant.amountAsked } : {}),
      amountAwarded: grant.amountAwarded,
      awardDate: ukDay.format(grant.decidedAt),
      recipientOrganization: [recipientOrganization(grant, publisher.prefix)],
      fundingOrganization: [funder ? { id: funder.orgId, name: funder.name } : { id: publisher.fundingOrganisationId, name: publisher.fundingOrganisationName }],
      ...(locations.length > 0 ? { beneficiaryLocation: locations } : {}),
      ...(grant.fundId ? { grantProgramme: [{ code: grant.fundId, title: grant.fundName ?? grant.fundId }] as [{ code: string; title: string }] } : {}),
      dateModified: grant.decidedAt.toISOString(),
      ...(publisher.dataSource ? { dataSource: publisher.dataSource } : {}),
    };
  });
}

/** The 360Giving package: what the JSON download holds. */
export const threeSixtyGivingPackage = (grants: Grant[]) => ({ grants });

/** The flat columns, as [360Giving column title, value of a grant]; beneficiary locations are added per index. */
const columns: [string, (grant: Grant) => string | number | undefined][] = [
  ['Identifier', (grant) => grant.id],
  ['Title', (grant) => grant.title],
  ['Description', (grant) => grant.description],
  ['Currency', (grant) => grant.currency],
  ['Amount Applied For', (grant) => grant.amountAppliedFor],
  ['Amount Awarded', (grant) => grant.amountAwarded],
  ['Award Date', (grant) => grant.awardDate],
  ['Recipient Org:Identifier', (grant) => grant.recipientOrganization[0].id],
  ['Recipient Org:Name', (grant) => grant.recipientOrganization[0].name],
  ['Recipient Org:Charity Number', (grant) => grant.recipientOrganization[0].charityNumber],
  ['Recipient Org:Company Number', (grant) => grant.recipientOrganization[0].companyNumber],
  ['Funding Org:Identifier', (grant) => grant.fundingOrganization[0].id],
  ['Funding Org:Name', (grant) => grant.fundingOrganization[0].name],
  ['Grant Programme:Code', (grant) => grant.grantProgramme?.[0].code],
  ['Grant Programme:Title', (grant) => grant.grantProgramme?.[0].title],
  ['Last Modified', (grant) => grant.dateModified],
  ['Data Source', (grant) => grant.dataSource],
];

const locationColumns: [string, keyof Location][] = [['Name', 'name'], ['Country Code', 'countryCode'], ['Latitude', 'latitude'], ['Longitude', 'longitude'], ['Geographic Code', 'geoCode'], ['Geographic Code Type', 'geoCodeType']];

/**
 * The grants as 360Giving's CSV: one row a grant. One beneficiary location is "Beneficiary Location:Name";
 * when a grant has more, each gets numbered columns ("Beneficiary Location:0:Name", ...), as 360Giving's converter reads them.
 */
export function threeSixtyGivingCsv(grants: readonly Grant[]): string {
  const most = Math.max(1, ...grants.map((grant) => grant.beneficiaryLocation?.length ?? 0));
  const header = [
    ...columns.map(([title]) => title),
    ...Array.from({ length: most }, (_, index) => locationColumns.map(([title]) => (most === 1 ? `Beneficiary Location:${title}` : `Beneficiary Location:${index}:${title}`))).flat(),
  ];
  const rows = grants.map((grant) => [
    ...columns.map(([, value]) => value(grant)),
    ...Array.from({ length: most }, (_, index) => locationColumns.map(([, key]) => grant.beneficiaryLocation?.[index]?.[key])).flat(),
  ]);
  return toCsv(header, rows);
}
