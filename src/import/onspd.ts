/**
 * Reads the ONS Postcode Directory (ONSPD, open data from the ONS Open Geography Portal) for a
 * council's own districts: each live postcode with its position. The whole UK file is over a gigabyte,
 * so it is read a line at a time and only lines naming one of the districts are parsed.
 *
 * Columns used: `pcds` (the postcode, "PE16 6AB"), `doterm` (when it was terminated; empty while
 * live), `lat` and `long`, and the local authority district: `oslaua` up to 2025, `lad25cd` (and so on
 * by year) from the November 2025 edition.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { parse } from 'csv-parse/sync';

export interface OnspdPostcode {
  postcode: string;
  lat: number;
  lng: number;
}

/** What reading found, for the command to report. */
export interface OnspdCounts {
  /** Rows of the districts asked for. */
  inDistricts: number;
  /** …of which terminated, and left out. */
  terminated: number;
  /** …of which live but without a position (ONSPD gives them lat 99.999999), and left out. */
  withoutPosition: number;
}

export class OnspdError extends Error {}

/** The columns a file's header puts each field in, or an error naming what is missing. */
function columnsOf(header: string, file: string) {
  const names = (parse(header) as string[][])[0]!.map((name) => name.trim().toLowerCase());
  const at = (name: string) => names.indexOf(name);
  const columns = { pcds: at('pcds'), doterm: at('doterm'), lat: at('lat'), long: at('long'), district: names.findIndex((name) => name === 'oslaua' || /^lad\d\dcd$/.test(name)) };
  const missing = Object.entries(columns).filter(([, index]) => index < 0).map(([name]) => (name === 'district' ? 'oslaua (or lad25cd)' : name));
  if (missing.length > 0) throw new OnspdError(`${file} does not look like the ONS Postcode Directory: it has no ${missing.join(', ')} column`);
  return columns;
}

/** The live postcodes with a position in `districts` (GSS codes such as E07000010), from one ONSPD CSV file. */
export async function* onspdPostcodes(file: string, districts: ReadonlySet<string>, counts: OnspdCounts): AsyncGenerator<OnspdPostcode> {
  if (!fs.existsSync(file)) throw new OnspdError(`${file}: no such file`);
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let columns: ReturnType<typeof columnsOf> | undefined;
  const codes = [...districts];
  for await (const line of lines) {
    if (!columns) {
      columns = columnsOf(line.replace(/^\uFEFF/, ''), file);
      continue;
    }
    // Most of the country is skipped without parsing.
    if (!codes.some((code) => line.includes(code))) continue;
    const row = (parse(line) as string[][])[0]!;
    if (!districts.has(row[columns.district]!)) continue;
    counts.inDistricts += 1;
    if (row[columns.doterm]) {
      counts.terminated += 1;
      continue;
    }
    const [lat, lng] = [Number(row[columns.lat]), Number(row[columns.long])];
    if (!(Math.abs(lat) < 90 && Math.abs(lng) <= 180) || row[columns.lat] === '') {
      counts.withoutPosition += 1;
      continue;
    }
    yield { postcode: row[columns.pcds]!.toUpperCase().replace(/\s+/g, ' ').trim(), lat, lng };
  }
  if (!columns) throw new OnspdError(`${file} is empty`);
}
