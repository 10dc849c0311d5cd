/**
 * Postcodes as residents type them, and the council's table of where postcode sectors and districts
 * are (content/postcodes.csv, written by `npm run postcodes` from the ONS Postcode Directory). A
 * resident may type a whole postcode ("PE16 6AB"), its sector ("PE16 6") or its district ("PE16"), in
 * any case and spacing; the most precise place the table knows is the one distances are measured from.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { fix, parse, validOutcode } from 'postcode';
import type { LatLng } from './distance';

/** A postcode as typed, read at each level the table may know: the whole postcode, its sector and its district. */
export interface TypedPostcode {
  /** What to call it back to the resident, e.g. "PE16 6AB", "PE16 6" or "PE16". */
  text: string;
  /** "PE16 6AB", when the whole postcode was typed. */
  unit?: string;
  /** "PE16 6", when at least the sector was typed. */
  sector?: string;
  /** "PE16": the outward code, always there. */
  district: string;
}

/**
 * Reads a full or partial postcode, or gives undefined when it cannot be one. Common slips in a whole
 * postcode (O for 0, I for 1 after the area's letters) are put right. A bare outward code is a
 * district ("PE16", not "PE1 6"), as residents mean it; "PE16 6A", typed halfway, is read as its sector.
 */
export function readPostcode(input: string): TypedPostcode | undefined {
  const compact = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (compact.length < 2 || compact.length > 7) return undefined;
  const whole = parse(fix(compact));
  // …but a digit where the area's letters go is not a slip ("16 6AB" is not "I6 6AB").
  if (whole.valid && compact.startsWith(whole.area)) return { text: whole.postcode, unit: whole.postcode, sector: whole.sector, district: whole.outcode };
  // A space says where the outward code ends ("PE7 1" is a sector, "PE71" a district)…
  const spaced = /^([A-Z0-9]+) (\d)[A-Z]?$/.exec(input.toUpperCase().trim().replace(/\s+/g, ' '));
  if (!spaced && validOutcode(compact)) return { text: compact, district: compact };
  // …else an outward code, then the sector's digit and perhaps the first letter of the unit.
  const split = spaced ? [spaced[1], spaced[2]] : /^(.+?)(\d)[A-Z]?$/.exec(compact)?.slice(1);
  if (split && validOutcode(split[0]!)) {
    const sector = `${split[0]} ${split[1]}`;
    return { text: sector, sector, district: split[0]! };
  }
  return undefined;
}

/** One row of the postcode table: a postcode, sector or district, where its centre is, and over how many postcodes that centre was taken. */
export interface PostcodeRow extends LatLng {
  postcode: string;
  count: number;
}

export type PostcodeTable = ReadonlyMap<string, LatLng>;

/** The most precise known place for a typed postcode: its own row, else its sector's, else its district's. */
export function locatePostcode(typed: TypedPostcode, table: PostcodeTable): LatLng | undefined {
  for (const key of [typed.unit, typed.sector, typed.district]) {
    const at = key && table.get(key);
    if (at) return at;
  }
  return undefined;
}

/** "PE16 6AB" → "PE16 6": the outward code and the first digit of the inward code. */
export const sectorOf = (postcode: string) => postcode.slice(0, postcode.indexOf(' ') + 2);
/** "PE16 6AB" → "PE16". */
export const districtOf = (postcode: string) => postcode.slice(0, postcode.indexOf(' '));

/**
 * The table's rows from the positions of postcodes (as "PE16 6AB", the ONS `pcds` form): each sector
 * and each district at the mean of its postcodes' positions, and each postcode itself if `withUnits`.
 * Districts first, then sectors, then postcodes, each in order.
 */
export function centroids(points: Iterable<{ postcode: string } & LatLng>, withUnits = false): PostcodeRow[] {
  const sums = new Map<string, { lat: number; lng: number; count: number }>();
  const add = (key: string, { lat, lng }: LatLng) => {
    const sum = sums.get(key) ?? { lat: 0, lng: 0, count: 0 };
    sums.set(key, { lat: sum.lat + lat, lng: sum.lng + lng, count: sum.count + 1 });
  };
  for (const point of points) {
    add(districtOf(point.postcode), point);
    add(sectorOf(point.postcode), point);
    if (withUnits) add(point.postcode, point);
  }
  const level = (key: string) => (key.includes(' ') ? (/[A-Z]$/.test(key) ? 2 : 1) : 0);
  return [...sums]
    .map(([postcode, { lat, lng, count }]) => ({ postcode, lat: round(lat / count), lng: round(lng / count), count }))
    .sort((a, b) => level(a.postcode) - level(b.postcode) || a.postcode.localeCompare(b.postcode, 'en-GB', { numeric: true }));
}

// Five decimal places of a degree is about a metre: more would pretend a precision the data has not.
const round = (degrees: number) => Math.round(degrees * 1e5) / 1e5;

/** The table as a CSV file, with its source in `#` lines at the top. */
export function formatPostcodeTable(rows: PostcodeRow[], about: string[]): string {
  const lines = [...about.map((line) => `# ${line}`), 'postcode,lat,lng,count', ...rows.map((row) => `${row.postcode},${row.lat},${row.lng},${row.count}`)];
  return `${lines.join('\n')}\n`;
}

/** Reads the table's CSV file; a row that is not a postcode with a position is an error naming its line. */
export function parsePostcodeTable(text: string): PostcodeRow[] {
  const records = parseCsv(text, { columns: true, comment: '#', skip_empty_lines: true, trim: true, info: true }) as {
    record: Record<string, string>;
    info: { lines: number };
  }[];
  return records.map(({ record, info }) => {
    const number = (text = '') => (text === '' ? Number.NaN : Number(text));
    const [lat, lng, count] = [number(record.lat), number(record.lng), number(record.count ?? '1')];
    const postcode = (record.postcode ?? '').toUpperCase().replace(/\s+/g, ' ');
    const typed = readPostcode(postcode);
    if (!typed || typed.text !== postcode) throw new Error(`line ${info.lines}: "${record.postcode}" is not a postcode, sector or district written like PE16 6AB, PE16 6 or PE16`);
    if (!(Math.abs(lat) <= 90 && Math.abs(lng) <= 180)) throw new Error(`line ${info.lines}: ${postcode} has no position in decimal degrees (lat, lng)`);
    return { postcode, lat, lng, count: Number.isInteger(count) && count > 0 ? count : 1 };
  });
}
