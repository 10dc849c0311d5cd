/**
 * Checks imported entries as `npm run check` would (schema, references, ids) and works out what
 * writing them would change. Nothing is written here: the script writes only a plan with no problems.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'astro/zod';
import { stringify } from 'yaml';
import { collections, extensions } from '../content-model/collections';
import { readContent } from '../content-model/read';
import { findReferences } from '../content-model/references';
import type { CollectionName } from '../schemas/fields';
import { columnOfField, type ImportedEntry, type RowProblem } from './rows';

export interface ImportPlan {
  problems: RowProblem[];
  /** Files to write: new, or replacing a different file when overwriting was asked for. */
  writes: { file: string; text: string; replaces: boolean }[];
  /** Files that already hold exactly this entry. */
  unchanged: string[];
  /** Files that exist with other content and were left alone. */
  kept: string[];
}

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The text of an entry's file, always the same for the same entry, so importing twice changes nothing. */
export function entryFile(entry: ImportedEntry): string {
  return `---\n${stringify(entry.data, { lineWidth: 0 })}---\n${entry.body ? `${entry.body.trim()}\n` : ''}`;
}

/** `row: column: problem`, the one way import problems are printed. */
export function formatRowProblem({ row, column, message }: RowProblem): string {
  return `row ${row}: ${column}: ${message}`;
}

function columnOf(issuePath: (string | number)[]): string {
  const field = issuePath.filter((part) => typeof part === 'string').join('.');
  return columnOfField[field] ?? columnOfField[String(issuePath[0])] ?? (field || '(row)');
}

export function planImport(entries: ImportedEntry[], root: string, options: { overwrite?: boolean } = {}): ImportPlan {
  const plan: ImportPlan = { problems: [], writes: [], unchanged: [], kept: [] };
  const existing = new Map<CollectionName, Set<string>>();
  for (const entry of readContent(root).entries) existing.set(entry.collection, (existing.get(entry.collection) ?? new Set()).add(entry.id));
  const importing = new Map<string, number>();
  for (const entry of entries) {
    const key = `${entry.kind}/${entry.id}`;
    if (importing.has(key)) plan.problems.push({ row: entry.row, column: 'id', message: `"${entry.id}" is also row ${importing.get(key)}` });
    else importing.set(key, entry.row);
  }
  const known = (collection: CollectionName, id: string) => existing.get(collection)?.has(id) || importing.has(`${collection}/${id}`);

  for (const entry of entries) {
    if (!slugPattern.test(entry.id)) plan.problems.push({ row: entry.row, column: 'id', message: `"${entry.id}" must be lower-case letters, digits and single hyphens` });
    const schema: z.ZodTypeAny = collections[entry.kind].schema;
    const result = schema.safeParse(entry.data);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const value = issue.path.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], entry.data);
        const message = value === undefined ? 'is required' : issue.message;
        plan.problems.push({ row: entry.row, column: columnOf(issue.path), message });
      }
      continue;
    }
    for (const reference of findReferences(schema, result.data)) {
      if (!known(reference.collection, reference.id)) {
        plan.problems.push({ row: entry.row, column: columnOf([reference.field.replace(/\[\d+\]/g, '')]), message: `"${reference.id}" is not in ${collections[reference.collection].label.toLowerCase()}` });
      }
    }
  }
  if (plan.problems.length) return plan;

  for (const entry of entries) {
    const definition = collections[entry.kind];
    const file = path.join(root, definition.location, `${entry.id}${extensions[definition.format as 'markdown']}`);
    const text = entryFile(entry);
    if (!fs.existsSync(file)) plan.writes.push({ file, text, replaces: false });
    else if (fs.readFileSync(file, 'utf8') === text) plan.unchanged.push(file);
    else if (options.overwrite) plan.writes.push({ file, text, replaces: true });
    else plan.kept.push(file);
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
