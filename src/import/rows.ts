/**
 * Spreadsheet rows → group and asset entries. The column mapping is documented in
 * docs/editing-content.md and shown by templates/import-template.csv.
 */
import type { ImportProblem } from './messages';

export type ImportKind = 'groups' | 'assets';

/** One row as read: column name → cell text, plus the row number a person sees in the spreadsheet. */
export interface SourceRow {
  row: number;
  cells: Record<string, string>;
}

/** An entry made from a row or a feed's service: its id, front matter and Markdown body. */
export interface ImportedEntry {
  row: number;
  /** How a problem names it: `row 3 (Tea Club)` or `service "Tea Club" (id …)`. */
  record: string;
  /** The collection it goes in: a spreadsheet or feed gives groups and assets, a calendar file events. */
  kind: ImportKind | 'events';
  id: string;
  data: Record<string, unknown>;
  body: string;
  /** Where each field came from in the source, so a problem names what the person can see (defaults to the CSV columns). */
  fieldNames?: Record<string, string>;
  /** How to fix a missing or unknown value of a field, by field. */
  fieldHints?: Record<string, string>;
  /** Fields the source cannot carry, kept from an existing entry it replaces. */
  keeps?: string[];
}

/** Fields no spreadsheet column or Open Referral field carries, kept when an import replaces an entry. */
export const fieldsImportsKeep = ['image', 'sensitive', 'visibleFrom', 'visibleTo', 'editorNote'];

/** How to fix an empty list or an unknown id in a spreadsheet column. */
export const columnHints: Record<string, string> = {
  categories: 'List category ids from content/taxonomy/categories, separated by semicolons',
  areas: 'List area ids from content/areas, separated by semicolons',
  area: 'Give an area id from content/areas',
  last_reviewed: 'Give the date the details were last checked, as YYYY-MM-DD',
  block: 'Give one of the six building blocks',
  how_to_use: 'Say how to use, book or join it',
  summary: 'Write one or two sentences, 10 to 300 characters',
};

/** The columns and what they become. Lists are separated by semicolons. */
export const columns = {
  kind: 'group or asset',
  id: 'file name; made from the name when blank',
  name: 'name',
  summary: 'summary',
  description: 'the Markdown body',
  categories: 'category ids; list',
  areas: 'area ids (groups); list',
  area: 'area id (assets)',
  block: 'building block (assets)',
  how_to_use: 'howToUse (assets)',
  audiences: 'audience ids; list',
  accessibility: 'accessibility feature ids; list',
  languages: 'language codes; list',
  venue: 'asset id of the venue (groups)',
  related_groups: 'group ids (assets); list',
  address_line1: 'address.line1',
  address_line2: 'address.line2',
  town: 'address.town',
  postcode: 'address.postcode',
  lat: 'location.lat',
  lng: 'location.lng',
  email: 'contact.email',
  phone: 'contact.phone',
  website: 'contact.website',
  schedule: 'sessions "monday 10:00-12:00 weekly"; list',
  schedule_note: 'scheduleNote',
  cost: 'cost.type: free, low-cost or paid',
  cost_details: 'cost.details',
  min_age: 'ages.min',
  max_age: 'ages.max',
  organisation_type: 'organisation.type',
  registered_number: 'organisation.registeredNumber',
  status: 'active, temporarily-closed or closed',
  last_reviewed: 'lastReviewed, YYYY-MM-DD',
} as const;
export type Column = keyof typeof columns;

/** Which column a schema field came from, so a schema problem names what the person typed. */
export const columnOfField: Record<string, Column> = {
  name: 'name',
  summary: 'summary',
  categories: 'categories',
  areas: 'areas',
  area: 'area',
  block: 'block',
  howToUse: 'how_to_use',
  audiences: 'audiences',
  accessibility: 'accessibility',
  languages: 'languages',
  venue: 'venue',
  relatedGroups: 'related_groups',
  'address.line1': 'address_line1',
  'address.line2': 'address_line2',
  'address.town': 'town',
  'address.postcode': 'postcode',
  'location.lat': 'lat',
  'location.lng': 'lng',
  'contact.email': 'email',
  'contact.phone': 'phone',
  'contact.website': 'website',
  schedule: 'schedule',
  scheduleNote: 'schedule_note',
  'cost.type': 'cost',
  'cost.details': 'cost_details',
  'ages.min': 'min_age',
  'ages.max': 'max_age',
  'organisation.type': 'organisation_type',
  'organisation.registeredNumber': 'registered_number',
  status: 'status',
  lastReviewed: 'last_reviewed',
};

/** "Wisbech Tool Library" → "wisbech-tool-library". */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const list = (text: string | undefined) =>
  (text ?? '')
    .split(';')
    .map((item) => item.trim())
    .filter(Boolean);

/** Drops keys whose value is undefined or an object left empty, so optional parts stay out of the file. */
export function compact(value: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      const inner = compact(item as Record<string, unknown>);
      if (Object.keys(inner).length > 0) result[key] = inner;
    } else result[key] = item;
  }
  return result;
}

const sessionPattern = /^(\w+)\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})(?:\s+(weekly|fortnightly|monthly))?$/i;

/** A number if the cell is one, the text otherwise (so the schema reports "expected number"). */
function numberCell(text: string | undefined): number | string | undefined {
  if (!text) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : text;
}

/**
 * One row → its entry, and the problems found reading it. A row whose kind or name is missing gives
 * no entry; any other problem is listed beside the entry, so the schema's checks still run on the rest.
 */
export function entryFromRow({ row, cells }: SourceRow, defaultKind?: ImportKind): { entry?: ImportedEntry; problems: ImportProblem[] } {
  const cell = (column: Column) => cells[column]?.trim() || undefined;
  const name = cell('name');
  const record = name ? `row ${row} (${name})` : `row ${row}`;
  const kindText = cell('kind')?.toLowerCase();
  const kind: ImportKind | undefined = kindText === 'group' || kindText === 'groups' ? 'groups' : kindText === 'asset' || kindText === 'assets' ? 'assets' : kindText ? undefined : defaultKind;
  const problems: ImportProblem[] = [];
  if (!kind) problems.push({ row, record, column: 'kind', message: kindText ? `"${cell('kind')}" must be group or asset` : 'is required', hint: 'Write group or asset, or run the import with --kind group' });
  const id = cell('id') ?? (name ? slugify(name) : '');
  if (!id) problems.push({ row, record, column: 'name', message: 'is required', hint: 'Every row needs a name (or an id)' });
  if (!kind || !id) return { problems };

  const schedule = list(cells.schedule).flatMap((text) => {
    const match = sessionPattern.exec(text);
    if (!match) {
      problems.push({ row, record, column: 'schedule', message: `"${text}" cannot be read`, hint: 'Write each session like "monday 10:00-12:00 weekly", separated by semicolons' });
      return [];
    }
    const [, day, opens, closes, frequency] = match;
    return [{ day: day.toLowerCase(), opens: opens.padStart(5, '0'), closes: closes.padStart(5, '0'), frequency: frequency?.toLowerCase() ?? 'weekly' }];
  });

  const shared = {
    name,
    summary: cell('summary'),
    address: { line1: cell('address_line1'), line2: cell('address_line2'), town: cell('town'), postcode: cell('postcode') },
    location: { lat: numberCell(cell('lat')), lng: numberCell(cell('lng')) },
    categories: list(cells.categories),
    accessibility: list(cells.accessibility),
    contact: { email: cell('email'), phone: cell('phone'), website: cell('website') },
  };
  const data =
    kind === 'groups'
      ? {
          name: shared.name,
          summary: shared.summary,
          categories: shared.categories,
          audiences: list(cells.audiences),
          areas: list(cells.areas),
          venue: cell('venue'),
          address: shared.address,
          location: shared.location,
          schedule,
          scheduleNote: cell('schedule_note'),
          cost: { type: cell('cost') ?? 'free', details: cell('cost_details') },
          ages: { min: numberCell(cell('min_age')), max: numberCell(cell('max_age')) },
          accessibility: shared.accessibility,
          languages: list(cells.languages).length ? list(cells.languages) : ['en'],
          contact: shared.contact,
          organisation: { type: cell('organisation_type') ?? 'community-group', registeredNumber: cell('registered_number') },
          status: cell('status') ?? 'active',
          lastReviewed: cell('last_reviewed'),
        }
      : {
          name: shared.name,
          block: cell('block'),
          summary: shared.summary,
          area: cell('area'),
          address: shared.address,
          location: shared.location,
          howToUse: cell('how_to_use'),
          categories: shared.categories,
          accessibility: shared.accessibility,
          contact: shared.contact,
          relatedGroups: list(cells.related_groups),
          lastReviewed: cell('last_reviewed'),
        };
  const compacted = compact(data);
  // A group must always say how to reach it, even if every contact cell is blank.
  if (kind === 'groups' && !compacted.contact) compacted.contact = {};
  return { entry: { row, record, kind, id, data: compacted, body: cell('description') ?? '', fieldHints: columnHints, keeps: fieldsImportsKeep }, problems };
}
