/**
 * `npm run import -- <file>`: groups and assets from a CSV spreadsheet (columns in docs/editing-content.md,
 * template in templates/import-template.csv) or an Open Referral UK / HSDS JSON feed of services.
 * Everything is checked first; if any row has a problem nothing is written.
 *   --overwrite          replace entries that exist with different content (otherwise they are kept)
 *   --kind group|asset   for CSV rows with no kind column
 *   --category ID, --area ID, --reviewed YYYY-MM-DD   for feed services that do not say
 *   --dry-run            report what would change and write nothing
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { contentDirectory } from '../src/content-model/collections';
import { readContent } from '../src/content-model/read';
import { rowsFromServices, servicesOf } from '../src/import/openreferral';
import { applyPlan, formatRowProblem, planImport } from '../src/import/plan';
import { entryFromRow, type ImportedEntry, type ImportKind, type RowProblem, type SourceRow } from '../src/import/rows';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    overwrite: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    kind: { type: 'string' },
    category: { type: 'string' },
    area: { type: 'string' },
    reviewed: { type: 'string' },
  },
});
const file = positionals[0];
if (!file) {
  console.error('Usage: npm run import -- <file.csv | feed.json> [--overwrite] [--dry-run] [--kind group|asset]');
  process.exit(2);
}
const root = contentDirectory();
const text = fs.readFileSync(file, 'utf8');

function csvRows(): SourceRow[] {
  const records = parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, bom: true, info: true }) as {
    record: Record<string, string>;
    info: { records: number };
  }[];
  // The spreadsheet row: the header is row 1, and a cell with a line break in it is still one row.
  return records.map(({ record, info }) => ({ row: info.records + 1, cells: record }));
}

function feedRows(): SourceRow[] {
  const known = { categories: new Map<string, string>(), areas: new Map<string, string>() };
  for (const entry of readContent(root).entries) {
    const map = entry.collection === 'categories' ? known.categories : entry.collection === 'areas' ? known.areas : undefined;
    const name = (entry.data as { name?: string })?.name;
    if (!map) continue;
    map.set(entry.id, entry.id);
    if (name) map.set(name.toLowerCase(), entry.id);
  }
  return rowsFromServices(servicesOf(JSON.parse(text)), known, { category: values.category, area: values.area, reviewed: values.reviewed });
}

const isFeed = path.extname(file).toLowerCase() === '.json';
const kind = values.kind ? ((values.kind.startsWith('asset') ? 'assets' : 'groups') as ImportKind) : undefined;
const entries: ImportedEntry[] = [];
const problems: RowProblem[] = [];
for (const row of isFeed ? feedRows() : csvRows()) {
  const result = entryFromRow(row, kind);
  if (Array.isArray(result)) problems.push(...result);
  else entries.push(result);
}
const plan = planImport(entries, root, { overwrite: values.overwrite });
plan.problems.unshift(...problems);
const where = isFeed ? 'service' : 'row';
if (plan.problems.length) {
  for (const problem of plan.problems.sort((a, b) => a.row - b.row)) console.error(formatRowProblem(problem).replace(/^row/, where));
  console.error(`\n${plan.problems.length} problem${plan.problems.length === 1 ? '' : 's'} in ${file}: nothing was written.`);
  process.exit(1);
}
const shown = (f: string) => path.relative(process.cwd(), f);
for (const write of plan.writes) console.log(`${write.replaces ? 'replaced' : 'added'}: ${shown(write.file)}`);
for (const kept of plan.kept) console.log(`kept (exists with other content; --overwrite to replace): ${shown(kept)}`);
if (!values['dry-run']) applyPlan(plan);
console.log(
  `${values['dry-run'] ? 'Dry run: would write' : 'Wrote'} ${plan.writes.length}, unchanged ${plan.unchanged.length}, kept ${plan.kept.length} of ${entries.length} entries from ${file}.`,
);
