/**
 * Validates the whole content directory: every entry against its schema, every
 * reference against the entries that exist, and the few rules that span entries.
 * Used by `npm run check` and, before anything is written, by the build.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'astro/zod';
import type { CollectionName } from '../schemas/fields';
import { collections, settingsFile } from './collections';
import { type ReadProblem, readContent, readYamlFile } from './read';
import { findReferences, objectShape } from './references';

export type Problem = ReadProblem;

/** `file: field: message`, the one way problems are printed. */
export function formatProblem({ file, field, message }: Problem): string {
  return `${file}: ${field}: ${message}`;
}

function fieldPath(issuePath: (string | number)[]): string {
  return issuePath.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part),
    '',
  ) || '(entry)';
}

function schemaProblems(file: string, schema: z.ZodTypeAny, data: unknown, allowed: string[] = []) {
  const problems: Problem[] = [];
  const known = new Set([...Object.keys(objectShape(schema)), ...allowed]);
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    for (const key of Object.keys(data)) {
      if (!known.has(key)) problems.push({ file, field: key, message: 'is not a field of this kind of entry (misspelt?)' });
    }
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const message = issue.code === 'invalid_type' && issue.received === 'undefined' ? 'is required' : issue.message;
      problems.push({ file, field: fieldPath(issue.path), message });
    }
  }
  return { problems, parsed: result.success ? result.data : undefined };
}

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function checkContent(root: string): { problems: Problem[] } {
  const { entries, problems } = readContent(root);
  const ids = new Map<CollectionName, Set<string>>();
  const parsedById = new Map<string, { file: string; data: Record<string, unknown> }>();

  for (const entry of entries) {
    const known = ids.get(entry.collection) ?? new Set();
    const field = collections[entry.collection].format === 'yaml-list' ? `${entry.id}.id` : '(file name)';
    if (!slugPattern.test(entry.id)) {
      problems.push({ file: entry.file, field, message: `"${entry.id}" must be lower-case letters, digits and single hyphens` });
    }
    if (known.has(entry.id)) problems.push({ file: entry.file, field, message: `"${entry.id}" is used twice` });
    known.add(entry.id);
    ids.set(entry.collection, known);
  }

  for (const entry of entries) {
    if (entry.unreadable) continue;
    const { schema, format } = collections[entry.collection];
    const listed = format === 'yaml-list';
    const result = schemaProblems(entry.file, schema, entry.data, listed ? ['id'] : []);
    // In a list file, name the entry so the field can be found.
    problems.push(...result.problems.map((p) => (listed ? { ...p, field: `${entry.id}.${p.field}` } : p)));
    if (!result.parsed) continue;
    parsedById.set(`${entry.collection}/${entry.id}`, { file: entry.file, data: result.parsed });
    for (const ref of findReferences(schema, result.parsed)) {
      if (!ids.get(ref.collection)?.has(ref.id)) {
        problems.push({
          file: entry.file,
          field: listed ? `${entry.id}.${ref.field}` : ref.field,
          message: `refers to "${ref.id}", which is not in ${collections[ref.collection].label.toLowerCase()}`,
        });
      }
    }
  }

  // Categories have two levels: a parent must itself be top level.
  for (const [key, { file, data }] of parsedById) {
    if (!key.startsWith('categories/') || typeof data.parent !== 'string') continue;
    const parent = parsedById.get(`categories/${data.parent}`);
    if (parent && parent.data.parent) {
      problems.push({ file, field: `${key.slice(11)}.parent`, message: `"${data.parent}" is itself a subcategory; only two levels are allowed` });
    }
  }

  const settingsPath = path.join(root, settingsFile.location);
  const settingsDisplay = path.relative(process.cwd(), settingsPath);
  if (!fs.existsSync(settingsPath)) {
    problems.push({ file: settingsDisplay, field: '(file)', message: 'is missing' });
  } else {
    try {
      problems.push(...schemaProblems(settingsDisplay, settingsFile.schema, readYamlFile(settingsPath)).problems);
    } catch (error) {
      problems.push({ file: settingsDisplay, field: '(file)', message: (error as Error).message });
    }
  }
  return { problems };
}
