/**
 * Checks imported entries as `npm run check` would (schema, references, ids) and works out what
 * writing them would change. Nothing is written here: the script writes only a plan with no problems.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'astro/zod';
import { stringify } from 'yaml';
import { collections, extensions } from '../content-model/collections';
import { type RawEntry, readContent } from '../content-model/read';
import { findReferences } from '../content-model/references';
import type { CollectionName } from '../schemas/fields';
import { closest, type ImportProblem, issueMessage } from './messages';
import { columnOfField, type ImportedEntry } from './rows';

export interface ImportPlan {
  problems: ImportProblem[];
  /** Files to write: new, or replacing a different file when overwriting was asked for, with the fields that differ. */
  writes: { file: string; text: string; replaces: boolean; changed: string[] }[];
  /** Files that already hold exactly this entry. */
  unchanged: string[];
  /** Files that exist with other content and were left alone, with the fields that differ. */
  kept: { file: string; changed: string[] }[];
}

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The text of an entry's file, always the same for the same entry, so importing twice changes nothing. */
export function entryFile(entry: ImportedEntry): string {
  return `---\n${stringify(entry.data, { lineWidth: 0 })}---\n${entry.body ? `${entry.body.trim()}\n` : ''}`;
}

/** The schema field an issue is about, e.g. `contact.phone`. */
const fieldOf = (issuePath: (string | number)[]) => issuePath.filter((part) => typeof part === 'string').join('.');

/** The column or feed field a schema field came from. */
function columnOf(entry: ImportedEntry, field: string): string {
  const names: Record<string, string> = entry.fieldNames ?? columnOfField;
  return names[field] ?? names[field.split('.')[0]] ?? (field || '(row)');
}

/** The fields whose values differ between two entries' front matter, for "would change" lines. */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  // An empty list or object says no more than a field left out.
  const said = (value: unknown) => (value === undefined || (Array.isArray(value) && !value.length) || (value && typeof value === 'object' && !Object.keys(value).length) ? 'null' : JSON.stringify(value));
  return [...keys].filter((key) => said(before[key]) !== said(after[key]));
}

/**
 * Every problem of every entry at once: ids, the schema's checks and references to other content,
 * each naming the record, the field and how to fix it. Nothing is planned for writing unless there are none.
 */
export function planImport(entries: ImportedEntry[], root: string, options: { overwrite?: boolean; content?: RawEntry[] } = {}): ImportPlan {
  const plan: ImportPlan = { problems: [], writes: [], unchanged: [], kept: [] };
  // The content as already read, when the caller has it: reading 10,000 files twice is most of an import's time.
  const content = options.content ?? readContent(root).entries;
  const existing = new Map<CollectionName, Set<string>>();
  for (const entry of content) existing.set(entry.collection, (existing.get(entry.collection) ?? new Set()).add(entry.id));
  const importing = new Map<string, ImportedEntry>();
  for (const entry of entries) {
    const key = `${entry.kind}/${entry.id}`;
    const first = importing.get(key);
    if (first) plan.problems.push({ row: entry.row, record: entry.record, column: 'id', message: `"${entry.id}" is also the id of ${first.record}`, hint: entry.fieldHints?.id ?? 'Give one of them an id column of its own' });
    else importing.set(key, entry);
  }
  const known = (collection: CollectionName, id: string) => existing.get(collection)?.has(id) || importing.has(`${collection}/${id}`);
  const namesIn = (collection: CollectionName) =>
    content.filter((entry) => entry.collection === collection).map((entry) => ({ id: entry.id, name: String((entry.data as { name?: unknown })?.name ?? entry.id) }));

  for (const entry of entries) {
    const problem = (field: string, message: string, hint?: string) =>
      plan.problems.push({ row: entry.row, record: entry.record, column: columnOf(entry, field), message, hint: hint ?? entry.fieldHints?.[columnOf(entry, field)] ?? entry.fieldHints?.[field] });
    if (!slugPattern.test(entry.id)) problem('id', `"${entry.id}" must be lower-case letters, digits and single hyphens`, 'e.g. "wisbech-library"');
    const schema: z.ZodTypeAny = collections[entry.kind].schema;
    const result = schema.safeParse(entry.data);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const value = issue.path.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], entry.data);
        problem(fieldOf(issue.path), issueMessage(issue, value));
      }
    }
    // References are checked on what was read even when the schema refused something else, so one run lists everything.
    for (const reference of findReferences(schema, entry.data)) {
      if (!known(reference.collection, reference.id)) {
        const near = closest(reference.id, namesIn(reference.collection));
        const field = reference.field.replace(/\[\d+\]/g, '');
        problem(field, `"${reference.id}" is not in ${collections[reference.collection].label.toLowerCase()}`, near ? `Did you mean "${near.id}" (${near.name})?` : undefined);
      }
    }
  }
  if (plan.problems.length) return plan;

  const existingEntries = new Map(content.map((existingEntry) => [`${existingEntry.collection}/${existingEntry.id}`, existingEntry]));
  for (const entry of entries) {
    const definition = collections[entry.kind];
    const file = path.join(root, definition.location, `${entry.id}${extensions[definition.format as 'markdown']}`);
    if (!fs.existsSync(file)) {
      plan.writes.push({ file, text: entryFile(entry), replaces: false, changed: [] });
      continue;
    }
    const before = existingEntries.get(`${entry.kind}/${entry.id}`);
    const existing = (before?.data ?? {}) as Record<string, unknown>;
    // What the source cannot say (an image, the visible dates…) is kept from the entry it replaces, not lost.
    const kept = Object.fromEntries((entry.keeps ?? []).filter((field) => existing[field] !== undefined && entry.data[field] === undefined).map((field) => [field, existing[field]]));
    const merged = { ...entry, data: { ...entry.data, ...kept } };
    const text = entryFile(merged);
    const changed = changedFields(existing, merged.data);
    if ((before?.body ?? '').trim() !== entry.body.trim()) changed.push('description');
    if (fs.readFileSync(file, 'utf8') === text || changed.length === 0) plan.unchanged.push(file);
    else if (options.overwrite) plan.writes.push({ file, text, replaces: true, changed });
    else plan.kept.push({ file, changed });
  }
  return plan;
}

/** Writes a plan with no problems. */
export function applyPlan(plan: ImportPlan): void {
  if (plan.problems.length) throw new Error('refusing to write an import with problems');
  for (const { file, text } of plan.writes) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}
