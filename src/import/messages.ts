/**
 * How an import problem reads: zod's validation text turned into a sentence a council officer can act
 * on, and the closest of our ids when a name or id is not one we have. Pure, shared by CSV and feeds.
 */
import type { z } from 'astro/zod';

/** One problem with one record: which record (`row 3 (Tea Club)`, `service "Tea Club" (id …)`), which field, what, and how to fix it. */
export interface ImportProblem {
  /** Sort key: the spreadsheet row, or the service's position in the feed. */
  row: number;
  /** How the record is named to a person. */
  record: string;
  /** The column, or the feed's field, the problem is in. */
  column: string;
  message: string;
  hint?: string;
}

/** `record: column: problem (hint)`, the one way import problems are printed. */
export function formatImportProblem({ record, column, message, hint }: ImportProblem): string {
  return `${record}: ${column}: ${message}${hint ? `. ${hint}` : ''}`;
}

/** A zod issue as a sentence about the value the person gave. */
export function issueMessage(issue: z.ZodIssue, value: unknown): string {
  if (value === undefined || value === null || value === '') return 'is required';
  switch (issue.code) {
    case 'too_small':
      if (issue.type === 'array') return issue.minimum === 1 ? 'needs at least one' : `needs at least ${issue.minimum}`;
      if (issue.type === 'string') return `is too short: at least ${issue.minimum} characters, this has ${String(value).length}`;
      return `must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}, not ${value}`;
    case 'too_big':
      if (issue.type === 'array') return `has more than ${issue.maximum}`;
      if (issue.type === 'string') return `is too long: at most ${issue.maximum} characters, this has ${String(value).length}`;
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}, not ${value}`;
    case 'invalid_enum_value':
      return `"${String(value)}" must be one of: ${issue.options.join(', ')}`;
    case 'invalid_type':
      return `"${String(value)}" must be ${issue.expected === 'number' ? 'a number' : issue.expected === 'integer' ? 'a whole number' : `a ${issue.expected}`}`;
    case 'invalid_string':
      if (issue.validation === 'email') return `"${String(value)}" is not an email address, e.g. name@example.org`;
      if (issue.validation === 'url') return `"${String(value)}" is not a web address starting https://`;
      return `"${String(value)}" ${issue.message}`;
    default:
      return issue.message;
  }
}

const stopWords = new Set(['a', 'an', 'and', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'or', 'is', 'are', 'be', 'we', 'our', 'any', 'all', 'who', 'can', 'with', 'via', 'from']);

/** Words of a name, for matching names that differ in case, punctuation or order. */
const words = (text: string) => new Set(text.toLowerCase().replace(/&/g, ' and ').split(/[^a-z0-9]+/).filter((word) => word.length > 1 && !stopWords.has(word)));

/**
 * How alike two names are, 0 to 1: the words they share over the words of the shorter one, so a
 * feed's sentence "equipped with induction loops for hearing aids" is near our "Hearing loop".
 */
export function nameLikeness(a: string, b: string): number {
  const left = words(a);
  const right = words(b);
  if (!left.size || !right.size) return 0;
  let shared = 0;
  for (const word of left) if (right.has(word) || right.has(word.replace(/s$/, '')) || right.has(`${word}s`)) shared += 1;
  return shared / Math.min(left.size, right.size);
}

/** The entry whose id or name is most like `text`, if any is at all like it. */
export function closest<T extends { id: string; name: string }>(text: string, entries: T[]): T | undefined {
  let best: { entry: T; score: number } | undefined;
  for (const entry of entries) {
    const score = Math.max(nameLikeness(text, entry.name), nameLikeness(text, entry.id.replace(/-/g, ' ')));
    // Half the shorter name's words at least, so a long sentence is not matched on one common word.
    if (score >= 0.5 && (!best || score > best.score)) best = { entry, score };
  }
  return best?.entry;
}
