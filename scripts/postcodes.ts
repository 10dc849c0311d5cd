/**
 * `npm run postcodes -- <ONSPD CSV file…> --district E07000010`: writes the postcode table search
 * measures distances from (content/postcodes.csv) from the ONS Postcode Directory, for the council's
 * own districts: every postcode sector and district at the mean position of its live postcodes.
 *   --district CODE    a local authority district's GSS code; repeat for more than one (required)
 *   --full             also write every live postcode itself (about 27 bytes a postcode)
 *   --out FILE         where to write (default: content/postcodes.csv, or under CONTENT_DIR)
 *   --from-listings    instead, the demo table: each sector at the mean position of the listings
 *                      whose address is in it (said so in the file), for a site with no ONSPD to hand
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { contentDirectory } from '../src/content-model/collections';
import { readCollectionEntries } from '../src/content-model/read';
import { type OnspdCounts, OnspdError, type OnspdPostcode, onspdPostcodes } from '../src/import/onspd';
import { centroids, formatPostcodeTable, readPostcode } from '../src/rules/postcodes';

const usage = 'Usage: npm run postcodes -- <ONSPD CSV file…> --district E07000010 [--district …] [--full] [--out FILE]\n       npm run postcodes -- --from-listings [--out FILE]';

class InputError extends Error {}

function options() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        district: { type: 'string', multiple: true, default: [] },
        full: { type: 'boolean', default: false },
        out: { type: 'string' },
        'from-listings': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new InputError(`${error instanceof Error ? error.message : error}\n${usage}`);
  }
}

/** The demo's points: each listing with an address and a position, at that position. */
function listingPoints(): OnspdPostcode[] {
  const points: OnspdPostcode[] = [];
  for (const collection of ['groups', 'assets'] as const) {
    for (const { data } of readCollectionEntries(contentDirectory(), collection).entries) {
      const { address, location } = (data ?? {}) as { address?: { postcode?: string }; location?: { lat: number; lng: number } };
      const postcode = address?.postcode && readPostcode(address.postcode)?.unit;
      if (postcode && location) points.push({ postcode, lat: location.lat, lng: location.lng });
    }
  }
  return points;
}

async function main() {
  const { values, positionals } = options();
  const out = values.out ?? path.join(contentDirectory(), 'postcodes.csv');
  let text: string;
  let summary: string;
  if (values['from-listings']) {
    const points = listingPoints();
    const rows = centroids(points);
    text = formatPostcodeTable(rows, [
      'Postcode sectors and districts that search measures distances from (see docs/editing-content.md#postcodes).',
      'DEMO TABLE, NOT FROM THE ONS POSTCODE DIRECTORY: each centre is the mean position of the demo listings whose',
      `address is in that sector or district (${points.length} listings), so "count" counts listings, not postcodes.`,
      'Written by `npm run postcodes -- --from-listings`. A council writes its own from the ONS Postcode Directory:',
      '`npm run postcodes -- ONSPD_<EDITION>_UK.csv --district <its district GSS code>`.',
    ]);
    summary = `${rows.length} sectors and districts from ${points.length} listings' positions`;
  } else {
    const districts = new Set(values.district.map((code) => code.trim().toUpperCase()));
    if (positionals.length === 0 || districts.size === 0) throw new InputError(`Give the ONSPD CSV file(s) and at least one --district.\n${usage}`);
    for (const code of districts) if (!/^[ENSWKLM]\d{8}$/.test(code)) throw new InputError(`--district ${code} is not a GSS code such as E07000010`);
    const counts: OnspdCounts = { inDistricts: 0, terminated: 0, withoutPosition: 0 };
    const points: OnspdPostcode[] = [];
    for (const file of positionals) for await (const point of onspdPostcodes(file, districts, counts)) points.push(point);
    if (points.length === 0) throw new InputError(`No live postcodes of ${[...districts].join(', ')} in ${positionals.join(', ')}: is that the right district code and file?`);
    const rows = centroids(points, values.full);
    const editions = positionals.map((file) => path.basename(file)).join(', ');
    text = formatPostcodeTable(rows, [
      'Postcode sectors and districts that search measures distances from (see docs/editing-content.md#postcodes).',
      `From the ONS Postcode Directory (${editions}) for ${[...districts].join(', ')}: each centre is the mean position of the live`,
      `postcodes in that sector or district ("count"${values.full ? '; then every live postcode itself' : ''}). Written by \`npm run postcodes\`.`,
      'Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Contains OS data © Crown copyright',
      'and database right. Contains Royal Mail data © Royal Mail copyright and database right.',
    ]);
    summary = `${rows.length} rows from ${points.length} live postcodes (${counts.terminated} terminated and ${counts.withoutPosition} without a position left out)`;
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, text);
  console.log(`Wrote ${path.relative(process.cwd(), out) || out}: ${summary}, ${Buffer.byteLength(text)} bytes.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof InputError || error instanceof OnspdError ? error.message : error);
  process.exit(1);
});
