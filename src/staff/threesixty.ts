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
  fundingOrganisationId: string;
  fundingOrganisationName: string;
}

export interface AreaPlace {
  name: string;
  latitude?: number;
  longitude?: number;
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
}

const ukDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** 360G-<prefix>-<reference>, as 360Giving's identifier guidance asks. */
export const grantIdentifier = (prefix: string, reference: string) => `360G-${prefix}-${reference}`;

const slug = (text: string) => text.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'group';

/**
 * The recipient's org-id: its Charity Commission or Companies House number when it gave one, otherwise
 * one of ours made from its name (360Giving's advice for unregistered groups), so repeat grants link up.
 */
export function recipientOrganization(grant: AwardedGrant, prefix: string): Organization {
  const number = grant.registeredNumber?.replace(/\s+/g, '').toUpperCase();
  const name = grant.groupName || grant.reference;
  if (number && /^\d{6,8}$/.test(number) && (grant.organisationType === 'charity' || grant.organisationType === 'cio')) {
    return { id: `GB-CHC-${number}`, name, charityNumber: number };
  }
  if (number && /^([A-Z]{2})?\d{6,8}$/.test(number) && grant.organisationType !== 'charity' && grant.organisationType !== 'cio') {
    return { id: `GB-COH-${number}`, name, companyNumber: number };
  }
  return { id: `360G-${prefix}-org-${slug(name)}`, name };
}

export function threeSixtyGivingGrants(grants: readonly AwardedGrant[], publisher: Publisher, areas: ReadonlyMap<string, AreaPlace>): Grant[] {
  return grants.map((grant) => {
    const locations = grant.areas.flatMap((id): Location[] => {
      const area = areas.get(id);
      return area ? [{ name: area.name, countryCode: 'GB', ...(area.latitude !== undefined && area.longitude !== undefined ? { latitude: area.latitude, longitude: area.longitude } : {}) }] : [];
    });
    return {
      id: grantIdentifier(publisher.prefix, grant.reference),
      title: grant.title || grant.reference,
      description: grant.summary || grant.title || grant.reference,
      currency: 'GBP',
      ...(grant.amountAsked !== null ? { amountAppliedFor: grant.amountAsked } : {}),
      amountAwarded: grant.amountAwarded,
      awardDate: ukDay.format(grant.decidedAt),
      recipientOrganization: [recipientOrganization(grant, publisher.prefix)],
      fundingOrganization: [{ id: publisher.fundingOrganisationId, name: publisher.fundingOrganisationName }],
      ...(locations.length > 0 ? { beneficiaryLocation: locations } : {}),
      ...(grant.fundId ? { grantProgramme: [{ code: grant.fundId, title: grant.fundName ?? grant.fundId }] as [{ code: string; title: string }] } : {}),
      dateModified: grant.decidedAt.toISOString(),
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
];

const locationColumns: [string, keyof Location][] = [['Name', 'name'], ['Country Code', 'countryCode'], ['Latitude', 'latitude'], ['Longitude', 'longitude']];

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
