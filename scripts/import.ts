/**
 * `npm run import -- <file | address>`: groups and assets from a CSV spreadsheet (columns in
 * docs/editing-content.md, template in templates/import-template.csv), or from an Open Referral UK /
 * HSDS 3.0 feed: a JSON file in any shape an API gives, or a live API's address, read page by page;
 * or a group's events from its calendar file (.ics, with --group).
 * Everything is checked first and every problem listed; if there is any, nothing is written.
 *   --overwrite          replace entries that exist with different content (otherwise they are kept)
 *   --dry-run            say what would be added, changed and left alone, and write nothing
 *   --kind group|asset   for CSV rows with no kind column
 *   --mapping FILE       the feed's mapping (default: beside the feed, <feed>.mapping.yaml)
 *   --write-mapping      write the mapping with a suggested id for every word not yet mapped
 *   --skip-invalid       write the records with no problems and list the others (otherwise nothing is written)
 *   --group ID           for a calendar file: the group whose events they are (content/groups/ID.md)
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { contentDirectory } from '../src/content-model/collections';
import { type RawEntry, readContent, readYamlFile } from '../src/content-model/read';
import { translator } from '../src/i18n';
import { CalendarError, entriesFromCalendar } from '../src/import/calendar';
import { FeedError, parseFeed, servicesFromApi, servicesOf } from '../src/import/feed';
import { emptyMapping, type Mapping, mappingTemplate, readMapping } from '../src/import/mapping';
import { formatImportProblem, type ImportProblem } from '../src/import/messages';
import { entriesFromServices, type FeedService, type Notice, type Ours } from '../src/import/openreferral';
import { applyPlan, planImport } from '../src/import/plan';
import { entryFromRow, type ImportedEntry, type ImportKind, type SourceRow } from '../src/import/rows';
import { settingsSchema } from '../src/schemas/settings';

/** A problem with the input as a whole (no such file, not JSON): said in one sentence, with no stack trace. */
class InputError extends Error {}

const usage = 'Usage: npm run import -- <file.csv | feed.json | https://api.example.org/> [--dry-run] [--overwrite] [--kind group|asset] [--mapping FILE] [--write-mapping]\n   or: npm run import -- events.ics --group <group id> [--dry-run] [--overwrite]';

function options() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        overwrite: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        kind: { type: 'string' },
        mapping: { type: 'string' },
        'write-mapping': { type: 'boolean', default: false },
        'skip-invalid': { type: 'boolean', default: false },
        group: { type: 'string' },
      },
    });
  } catch (error) {
    throw new InputError(`${error instanceof Error ? error.message : error}\n${usage}`);
  }
}

function csvRows(text: string): SourceRow[] {
  try {
    const records = parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, bom: true, info: true }) as {
      record: Record<string, string>;
      info: { records: number };
    }[];
    // The spreadsheet row: the header is row 1, and a cell with a line break in it is still one row.
    return records.map(({ record, info }) => ({ row: info.records + 1, cells: record }));
  } catch (error) {
    throw new InputError(`cannot be read as a CSV spreadsheet: ${error instanceof Error ? error.message : error}`);
  }
}

/** What the content already has, that a feed's words are placed on. */
function oursIn(root: string, entries: RawEntry[]): Ours {
  const named = (collection: string) =>
    entries.filter((entry) => entry.collection === collection).map((entry) => ({ id: entry.id, name: String((entry.data as { name?: unknown })?.name ?? entry.id) }));
  const settings = settingsSchema.safeParse(readYamlFile(path.join(root, 'settings/site.yaml')));
  const t = translator(settings.success ? settings.data.language : 'en');
  return {
    categories: named('categories'), audiences: named('audiences'), areas: named('areas'), languages: named('languages'), accessibility: named('accessibility'),
    assets: named('assets').map((asset) => asset.id),
    costLabels: { free: t('cost.free'), 'low-cost': t('cost.low-cost'), paid: t('cost.paid') },
  };
}

function readMappingFile(file: string): Mapping {
  if (!fs.existsSync(file)) return emptyMapping();
  const { mapping, problems } = readMapping(fs.readFileSync(file, 'utf8'));
  if (problems.length) throw new InputError(`The mapping ${file} ${problems.length === 1 ? problems[0] : `has ${problems.length} problems:\n  ${problems.join('\n  ')}`}`);
  return mapping;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

async function main(): Promise<number> {
  const { values, positionals } = options();
  const source = positionals[0];
  if (!source || positionals.length > 1) throw new InputError(usage);
  const root = contentDirectory();
  const isAddress = /^https?:\/\//i.test(source);
  if (!isAddress) {
    if (!fs.existsSync(source)) throw new InputError(`${source}: there is no such file. ${usage}`);
    if (fs.statSync(source).isDirectory()) throw new InputError(`${source} is a folder: give the CSV or JSON file inside it`);
  }
  const extension = isAddress ? '.json' : path.extname(source).toLowerCase();
  if (!['.csv', '.json', '.ics'].includes(extension)) throw new InputError(`${source}: give a spreadsheet saved as .csv, an Open Referral feed as .json (or an API's address), or a calendar file as .ics`);
  if (extension === '.ics' && !values.group) throw new InputError(`${source}: say whose events they are with --group <group id>, e.g. --group march-timebank`);

  const entries: ImportedEntry[] = [];
  const problems: ImportProblem[] = [];
  const content = readContent(root).entries;
  let notices: Notice[] = [];
  let mappingFile: string | undefined;
  let unplacedWords = 0;

  if (extension === '.ics') {
    const group = content.find((entry) => entry.collection === 'groups' && entry.id === values.group);
    if (!group) throw new InputError(`--group ${values.group}: there is no such group in ${path.join(root, 'groups')}; give the id of a group (its file name without .md)`);
    const data = (entry: RawEntry) => (entry.data ?? {}) as Record<string, unknown>;
    try {
      const read = entriesFromCalendar(fs.readFileSync(source, 'utf8'), {
        group: { id: group.id, areas: (data(group).areas as string[] | undefined) ?? [] },
        assets: content.filter((entry) => entry.collection === 'assets').map((entry) => ({ id: entry.id, name: String(data(entry).name ?? entry.id), area: data(entry).area as string | undefined })),
        areas: content.filter((entry) => entry.collection === 'areas').map((entry) => ({ id: entry.id, name: String(data(entry).name ?? entry.id) })),
        events: content.filter((entry) => entry.collection === 'events').map((entry) => ({ id: entry.id, calendarUid: data(entry).calendarUid as string | undefined })),
      });
      entries.push(...read.entries);
      problems.push(...read.problems);
      for (const notice of read.notices) console.log(`Note: ${notice}`);
    } catch (error) {
      if (error instanceof CalendarError) throw new InputError(`${source} ${error.message}`);
      throw error;
    }
  } else if (extension === '.csv') {
    const kind = values.kind ? ((values.kind.startsWith('asset') ? 'assets' : 'groups') as ImportKind) : undefined;
    for (const row of csvRows(fs.readFileSync(source, 'utf8'))) {
      const read = entryFromRow(row, kind);
      problems.push(...read.problems);
      if (read.entry) entries.push(read.entry);
    }
  } else {
    let services: FeedService[];
    try {
      services = isAddress
        ? await servicesFromApi(source, { onPage: (page, pages) => console.log(`Read page ${page} of ${pages} from ${source}`) })
        : servicesOf(parseFeed(fs.readFileSync(source, 'utf8')));
    } catch (error) {
      if (error instanceof FeedError) throw new InputError(`${source} ${error.message}`);
      throw error;
    }
    if (!services.length) throw new InputError(`${source} has no services in it`);
    mappingFile = values.mapping ?? (isAddress ? 'import-mapping.yaml' : source.replace(/\.json$/i, '.mapping.yaml'));
    const mapping = readMappingFile(mappingFile);
    const ours = oursIn(root, content);
    const read = entriesFromServices(services, ours, mapping, mappingFile);
    entries.push(...read.entries);
    problems.push(...read.problems);
    notices = read.notices;
    unplacedWords = Object.values(read.unplaced).reduce((sum, words) => sum + words.length, 0);
    if (unplacedWords || values['write-mapping']) {
      const text = mappingTemplate(mapping, read.unplaced, { terms: [...ours.categories, ...ours.audiences], towns: ours.areas, languages: ours.languages, accessibility: ours.accessibility }, values['write-mapping']);
      fs.writeFileSync(mappingFile, text);
    }
  }

  let plan = planImport(entries, root, { overwrite: values.overwrite, content });
  // A field the reading already refused is not told again by the schema in other words.
  const fieldGroup = (problem: ImportProblem) => `${problem.row}:${problem.column.split('[')[0]}`;
  const said = new Set(problems.map(fieldGroup));
  const allProblems = [...problems, ...plan.problems.filter((problem) => !said.has(fieldGroup(problem)) || problem.column === 'id')].sort((a, b) => a.row - b.row);
  for (const { message, records } of notices) {
    console.log(`Note: ${message} (${plural(records.length, 'service')}): ${records.slice(0, 5).join(', ')}${records.length > 5 ? ` and ${records.length - 5} more` : ''}`);
  }
  if (allProblems.length && values['skip-invalid']) {
    // Leave out every record with a problem, and then any that pointed at one left out, until none is left.
    let refused = new Set(allProblems.map((problem) => problem.row));
    let kept = entries.filter((entry) => !refused.has(entry.row));
    plan = planImport(kept, root, { overwrite: values.overwrite, content });
    while (plan.problems.length) {
      for (const problem of plan.problems) allProblems.push(problem);
      refused = new Set([...refused, ...plan.problems.map((problem) => problem.row)]);
      kept = kept.filter((entry) => !refused.has(entry.row));
      plan = planImport(kept, root, { overwrite: values.overwrite, content });
    }
    for (const problem of allProblems) console.error(formatImportProblem(problem));
    console.error(`\n${plural(refused.size, 'record')} with problems left out (--skip-invalid); importing the other ${kept.length}.\n`);
  } else if (allProblems.length) {
    for (const problem of allProblems) console.error(formatImportProblem(problem));
    console.error(`\n${plural(allProblems.length, 'problem')} in ${source}: nothing was written.`);
    if (unplacedWords) console.error(`${plural(unplacedWords, 'word')} of the feed ${unplacedWords === 1 ? 'is' : 'are'} not mapped yet: fill ${unplacedWords === 1 ? 'it' : 'them'} in in ${mappingFile}${values['write-mapping'] ? ' (suggestions written: check each one)' : ' (or run again with --write-mapping for suggestions)'}, then run the import again.`);
    return 1;
  }
  if (values['write-mapping'] && mappingFile) console.log(`Wrote the mapping with suggestions to ${mappingFile}.`);

  const dry = values['dry-run'];
  const shown = (file: string) => path.relative(process.cwd(), file);
  for (const write of plan.writes) {
    if (!write.replaces) console.log(`${dry ? 'would add' : 'added'}: ${shown(write.file)}`);
    else console.log(`${dry ? 'would change' : 'changed'}: ${shown(write.file)} (${write.changed.join(', ') || 'formatting only'})`);
  }
  for (const kept of plan.kept) console.log(`left alone (differs in ${kept.changed.join(', ') || 'formatting only'}; --overwrite to replace): ${shown(kept.file)}`);
  if (!dry) applyPlan(plan);
  const added = plan.writes.filter((write) => !write.replaces).length;
  const changed = plan.writes.length - added;
  const total = plan.writes.length + plan.unchanged.length + plan.kept.length;
  console.log(
    `${dry ? 'Dry run, nothing written: would add' : 'Added'} ${added}, ${dry ? 'would change' : 'changed'} ${changed}, unchanged ${plan.unchanged.length}, left alone ${plan.kept.length} of ${total} ${total === 1 ? 'entry' : 'entries'} from ${source}.`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof InputError) console.error(error.message);
    else console.error(`The import stopped: ${error instanceof Error ? error.message : error}. Nothing was written.${process.env.DEBUG ? `\n${(error as Error).stack}` : ''}`);
    process.exit(error instanceof InputError ? 2 : 1);
  },
);
