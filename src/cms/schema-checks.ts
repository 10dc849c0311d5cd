/**
 * The schemas' own checks, run in the CMS as the editor saves, so a rule between fields (a fund closes
 * after it opens, a range's smallest is not above its largest, a letter uses only its merge fields) is
 * shown on its field before anything is saved, in the words `npm run check` uses. Decap checks each field
 * alone (required, pattern, a number's bounds); these are what only the whole entry can tell.
 */
import type { z } from 'astro/zod';
import { collections } from '../content-model/collections';
import type { CollectionName } from '../schemas/fields';
import type { DecapField } from './labels';
import { withoutBlanks } from './tidy';

export interface FieldProblem {
  /** Where in the entry, as zod gives it: names, and positions in lists. */
  path: (string | number)[];
  message: string;
}

/**
 * The problems with an entry as the CMS holds it, tidied as saving tidies it (blanks dropped). Only the
 * ones Decap cannot see itself: the schema's cross-field rules and checks such as a real date or a
 * text's shortest length; a missing field or a pattern Decap already reports on the field.
 */
export function entryProblems(schema: z.ZodTypeAny, fields: DecapField[], data: Record<string, unknown>): FieldProblem[] {
  const result = schema.safeParse(withoutBlanks(fields, data));
  if (result.success) return [];
  return result.error.issues
    .filter((issue) => issue.code === 'custom' || ((issue.code === 'too_small' || issue.code === 'too_big') && issue.type === 'string'))
    .map((issue) => ({ path: issue.path, message: issue.message }));
}

/** The schema of a folder collection the CMS edits, by the collection's name. */
export function schemaOf(collection: string): z.ZodTypeAny | undefined {
  return Object.hasOwn(collections, collection) ? collections[collection as CollectionName].schema : undefined;
}

const valueAt = (data: unknown, path: (string | number)[]): unknown =>
  path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined), data);

const blank = (value: unknown) => value === undefined || value === null || value === '';

/**
 * The problem to show on one field: Decap tells a field its name and value, not where it sits, so a
 * problem belongs to the field whose name ends its path and whose value is the one at that path.
 */
export function problemFor(problems: readonly FieldProblem[], data: unknown, field: { name: string; label: string; value: unknown }): string | undefined {
  const mine = problems.find((problem) => {
    if (problem.path[problem.path.length - 1] !== field.name) return false;
    const there = valueAt(data, problem.path);
    return blank(there) ? blank(field.value) : JSON.stringify(there) === JSON.stringify(field.value);
  });
  return mine && `${field.label} ${mine.message}`;
}
