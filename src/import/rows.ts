/**
 * Spreadsheet rows (and Open Referral services turned into rows) → group and asset entries.
 * The column mapping is documented in docs/editing-content.md and shown by templates/import-template.csv.
 */

export type ImportKind = 'groups' | 'assets';

/** One row as read: column name → cell text, plus the row number a person sees in the spreadsheet. */
export interface SourceRow {
  row: number;
  cells: Record<string, string>;
}

export interface RowProblem {
  row: number;
  column: string;
  message: string;
}

/** An entry made from a row: its id, front matter and Markdown body. */
export interface ImportedEntry {
  row: number;
  kind: ImportKind;
  id: string;
  data: Record<string, unknown>;
  body: string;
}

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
function compact(value: Record<string, unknown>): Record<string, unknown> {
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

/** One row → one entry, or the problems that stop it being read at all. */
export function entryFromRow({ row, cells }: SourceRow, defaultKind?: ImportKind): ImportedEntry | RowProblem[] {
  const cell = (column: Column) => cells[column]?.trim() || undefined;
  const kindText = cell('kind')?.toLowerCase();
  const kind: ImportKind | undefined = kindText === 'group' || kindText === 'groups' ? 'groups' : kindText === 'asset' || kindText === 'assets' ? 'assets' : kindText ? undefined : defaultKind;
  if (!kind) return [{ row, column: 'kind', message: kindText ? `"${cell('kind')}" must be group or asset` : 'is required (group or asset)' }];
  const name = cell('name');
  const id = cell('id') ?? (name ? slugify(name) : '');
  if (!id) return [{ row, column: 'name', message: 'is required' }];

  const problems: RowProblem[] = [];
  const schedule = list(cells.schedule).map((text) => {
    const match = sessionPattern.exec(text);
    if (!match) {
      problems.push({ row, column: 'schedule', message: `"${text}" must look like "monday 10:00-12:00 weekly"` });
      return undefined;
    }
    const [, day, opens, closes, frequency] = match;
    return { day: day.toLowerCase(), opens: opens.padStart(5, '0'), closes: closes.padStart(5, '0'), frequency: frequency?.toLowerCase() ?? 'weekly' };
  });
  if (problems.length) return problems;

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
  return { row, kind, id, data: compacted, body: cell('description') ?? '' };
}
