import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type OnspdCounts, onspdPostcodes } from '../../src/import/onspd';
import { centroids, formatPostcodeTable, locatePostcode, parsePostcodeTable, readPostcode } from '../../src/rules/postcodes';

describe('a postcode as a resident types it', () => {
  it('is read whole in any case and spacing', () => {
    for (const typed of ['PE16 6AB', 'pe16 6ab', 'PE166AB', ' Pe16   6aB ']) {
      expect(readPostcode(typed)).toEqual({ text: 'PE16 6AB', unit: 'PE16 6AB', sector: 'PE16 6', district: 'PE16' });
    }
  });

  it('has the usual slips put right: the letter O for a zero, I for a one', () => {
    expect(readPostcode('PEI6 6AB')?.unit).toBe('PE16 6AB');
    expect(readPostcode('PE15 OJL')?.unit).toBe('PE15 0JL');
  });

  it('may be only its sector, or its sector with the first letter of the rest', () => {
    expect(readPostcode('PE16 6')).toEqual({ text: 'PE16 6', sector: 'PE16 6', district: 'PE16' });
    expect(readPostcode('pe16 6a')).toEqual({ text: 'PE16 6', sector: 'PE16 6', district: 'PE16' });
    expect(readPostcode('PE166')).toEqual({ text: 'PE16 6', sector: 'PE16 6', district: 'PE16' });
  });

  it('may be only its district, which a bare outward code always is', () => {
    expect(readPostcode('pe16')).toEqual({ text: 'PE16', district: 'PE16' });
    expect(readPostcode('PE7')).toEqual({ text: 'PE7', district: 'PE7' });
    // With a space the same characters are a sector of PE7.
    expect(readPostcode('PE7 1')).toEqual({ text: 'PE7 1', sector: 'PE7 1', district: 'PE7' });
    expect(readPostcode('EC1A 1BB')).toMatchObject({ unit: 'EC1A 1BB', sector: 'EC1A 1', district: 'EC1A' });
  });

  it('is nothing when it cannot be a postcode', () => {
    for (const typed of ['', 'P', 'Chatteris', '12345', 'PE16 66', 'PE16 6ABC', 'E', '16 6AB', 'PE16-6AB-XYZ']) expect(readPostcode(typed)).toBeUndefined();
  });
});

describe('the postcode table', () => {
  const table = new Map([
    ['PE16', { lat: 52.4558, lng: 0.0529 }],
    ['PE16 6', { lat: 52.456, lng: 0.053 }],
    ['PE16 6AB', { lat: 52.4571, lng: 0.0511 }],
  ]);

  it('gives a whole postcode its own place when it has one, else its sector’s, else its district’s', () => {
    expect(locatePostcode(readPostcode('PE16 6AB')!, table)).toEqual({ lat: 52.4571, lng: 0.0511 });
    expect(locatePostcode(readPostcode('PE16 6ZZ')!, table)).toEqual({ lat: 52.456, lng: 0.053 });
    expect(locatePostcode(readPostcode('PE16 9')!, table)).toEqual({ lat: 52.4558, lng: 0.0529 });
    expect(locatePostcode(readPostcode('CB1 2AB')!, table)).toBeUndefined();
  });

  it('puts each sector and district at the mean of its postcodes, districts first', () => {
    const rows = centroids([
      { postcode: 'PE16 6AB', lat: 52.45, lng: 0.05 },
      { postcode: 'PE16 6AE', lat: 52.46, lng: 0.06 },
      { postcode: 'PE15 8LE', lat: 52.55, lng: 0.09 },
      { postcode: 'PE7 1HA', lat: 52.556, lng: -0.128 },
    ]);
    expect(rows).toEqual([
      { postcode: 'PE7', lat: 52.556, lng: -0.128, count: 1 },
      { postcode: 'PE15', lat: 52.55, lng: 0.09, count: 1 },
      { postcode: 'PE16', lat: 52.455, lng: 0.055, count: 2 },
      { postcode: 'PE7 1', lat: 52.556, lng: -0.128, count: 1 },
      { postcode: 'PE15 8', lat: 52.55, lng: 0.09, count: 1 },
      { postcode: 'PE16 6', lat: 52.455, lng: 0.055, count: 2 },
    ]);
    expect(centroids([{ postcode: 'PE16 6AB', lat: 52.45, lng: 0.05 }], true).map((row) => row.postcode)).toEqual(['PE16', 'PE16 6', 'PE16 6AB']);
  });

  it('is written as CSV with its source on top, and read back the same', () => {
    const rows = centroids([{ postcode: 'PE16 6AB', lat: 52.451234, lng: 0.051234 }], true);
    const text = formatPostcodeTable(rows, ['From somewhere, said plainly.']);
    expect(text.split('\n').slice(0, 3)).toEqual(['# From somewhere, said plainly.', 'postcode,lat,lng,count', 'PE16,52.45123,0.05123,1']);
    expect(parsePostcodeTable(text)).toEqual(rows);
  });

  it('names the line of a row that is not a postcode with a position', () => {
    expect(() => parsePostcodeTable('postcode,lat,lng,count\nPE16,52.4,0.05,3\nChatteris,52.4,0.05,1\n')).toThrow(/line 3: "Chatteris" is not a postcode/);
    expect(() => parsePostcodeTable('postcode,lat,lng,count\nPE16 6,,0.05,1\n')).toThrow(/line 2: PE16 6 has no position/);
  });

  it('ships for the demo from the listings’ own positions, and says so', () => {
    const text = fs.readFileSync('content/postcodes.csv', 'utf8');
    expect(text).toMatch(/^# .*\n# DEMO TABLE, NOT FROM THE ONS POSTCODE DIRECTORY/);
    const keys = parsePostcodeTable(text).map((row) => row.postcode);
    expect(keys).toEqual(expect.arrayContaining(['PE7', 'PE13', 'PE14', 'PE15', 'PE16', 'PE16 6', 'PE15 0', 'PE13 1', 'PE7 1']));
  });
});

describe('reading the ONS Postcode Directory for the council’s districts', () => {
  const read = async (file: string, districts: string[]) => {
    const counts: OnspdCounts = { inDistricts: 0, terminated: 0, withoutPosition: 0 };
    const postcodes = [];
    for await (const postcode of onspdPostcodes(file, new Set(districts), counts)) postcodes.push(postcode);
    return { postcodes, counts };
  };

  for (const edition of ['aug2024', 'nov2025']) {
    it(`keeps the live postcodes with a position in the districts asked for (${edition} columns)`, async () => {
      const { postcodes, counts } = await read(`tests/fixtures/onspd/${edition}.csv`, ['E07000010']);
      expect(postcodes).toEqual([
        { postcode: 'PE16 6AA', lat: 52.4561, lng: 0.0521 },
        { postcode: 'PE16 6AB', lat: 52.4571, lng: 0.0511 },
        { postcode: 'PE15 0AA', lat: 52.5101, lng: 0.0831 },
      ]);
      expect(counts).toEqual({ inDistricts: 5, terminated: 1, withoutPosition: 1 });
    });
  }

  it('refuses a file that is not the directory, naming the missing columns', async () => {
    await expect(read('templates/import-template.csv', ['E07000010'])).rejects.toThrow(/does not look like the ONS Postcode Directory: it has no pcds, doterm, long, oslaua \(or lad25cd\) column/);
  });
});

// Each test runs the command in a process of its own, which takes seconds on a busy machine.
describe('npm run postcodes', { timeout: 60_000 }, () => {
  const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/postcodes.ts', ...args], { encoding: 'utf8' });
  const out = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'postcodes-')), 'postcodes.csv');

  it('writes the council’s sectors and districts from the ONS Postcode Directory, saying where they came from', () => {
    const file = out();
    const result = run('tests/fixtures/onspd/nov2025.csv', '--district', 'e07000010', '--out', file);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/4 rows from 3 live postcodes \(1 terminated and 1 without a position left out\)/);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toMatch(/^# .*\n# From the ONS Postcode Directory \(nov2025\.csv\) for E07000010/);
    expect(text).toContain('Open Government Licence');
    expect(parsePostcodeTable(text).map((row) => row.postcode)).toEqual(['PE15', 'PE16', 'PE15 0', 'PE16 6']);
    const full = out();
    run('tests/fixtures/onspd/nov2025.csv', '--district', 'E07000010', '--full', '--out', full);
    expect(parsePostcodeTable(fs.readFileSync(full, 'utf8')).map((row) => row.postcode)).toEqual(['PE15', 'PE16', 'PE15 0', 'PE16 6', 'PE15 0AA', 'PE16 6AA', 'PE16 6AB']);
  });

  it('says what is missing, and writes nothing', () => {
    const file = out();
    const result = run('tests/fixtures/onspd/nov2025.csv', '--out', file);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Give the ONSPD CSV file\(s\) and at least one --district/);
    expect(run('tests/fixtures/onspd/nov2025.csv', '--district', 'E07000099', '--out', file).stderr).toMatch(/^No live postcodes of E07000099/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('derives the demo’s table from the listings as committed, so it stays true to them', () => {
    const file = out();
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/postcodes.ts', '--from-listings', '--out', file]);
    expect(fs.readFileSync(file, 'utf8'), 'content/postcodes.csv is out of date with the listings: run npm run postcodes -- --from-listings').toBe(fs.readFileSync('content/postcodes.csv', 'utf8'));
  });
});
