/**
 * One way every public form handles a post: refuse what is not a form from this site, drop a bot's
 * post quietly, show problems against the answers as typed, and keep the answers on the page when
 * the database cannot be reached. Only a committed record gets a reference. Server-only.
 */
import { createHash } from 'node:crypto';
import type { z } from 'astro/zod';
import type { AstroGlobal } from 'astro';
import { type FieldError, fieldsOf, honeypotField, readAnswers } from './answers';
import { readPost, type Refusal, withinPostLimit } from './post';
import { newReference } from './reference';
import { isoDay, ukToday } from '../rules/dates';
import { isIdempotencyKey } from '../store/submissions';

export type FormOutcome =
  | { state: 'fresh'; attempt?: undefined }
  | { state: 'refused'; refusal: Refusal; attempt?: undefined }
  | { state: 'invalid'; fields: Record<string, unknown>; errors: FieldError[]; attempt: string }
  | { state: 'unavailable'; fields: Record<string, unknown>; attempt: string }
  | { state: 'sent'; reference: string; repeated: boolean; attempt: string };

export interface FormReceipt {
  reference: string;
  repeated: boolean;
}

type Request = Pick<AstroGlobal, 'request' | 'clientAddress'>;

/** Reads, checks and, when all is well, saves a post with `save` (which must commit before it returns). */
export async function handleFormPost<S extends z.AnyZodObject>(
  astro: Request,
  schema: S,
  /** Keeps the answers under `key` (the same key for the same answers), committing before it returns. */
  save: (answers: z.infer<S>, key: string) => Promise<FormReceipt>,
  maxBytes?: number,
): Promise<FormOutcome> {
  if (astro.request.method !== 'POST') return { state: 'fresh' };
  const read = await readPost(astro.request, maxBytes);
  if ('refusal' in read) return { state: 'refused', refusal: read.refusal };
  const attempt = String(read.form.get('attempt') ?? '');
  // Every form we serve carries an attempt key; a post without one did not come from it.
  if (!isIdempotencyKey(attempt)) return { state: 'refused', refusal: { status: 400, reason: 'bad-form' } };
  const fields = fieldsOf(read.form, schema);
  // A bot filled the hidden field: an ordinary-looking reply, and nothing kept.
  if (read.form.get(honeypotField)) return { state: 'sent', reference: newReference(), repeated: false, attempt };
  try {
    if (!(await withinPostLimit(astro.clientAddress))) return { state: 'refused', refusal: { status: 429, reason: 'too-many' } };
    const answers = readAnswers(schema, fields);
    if (!answers.ok) return { state: 'invalid', fields, errors: answers.errors, attempt };
    return { state: 'sent', ...(await save(answers.data, sameSubmissionKey(astro.request, answers.data))), attempt };
  } catch (error) {
    // The kind of error only: database messages can repeat what was typed, which stays out of the log.
    const code = error instanceof Error ? `${error.name}${'code' in error ? ` ${String(error.code)}` : ''}` : 'unknown error';
    console.error(`A form could not be saved: ${code}`);
    return { state: 'unavailable', fields, attempt };
  }
}

/**
 * The key that makes a repeated post harmless: the same answers to the same form on the same day
 * are one submission, whether from a double click, a retry, or going back and sending again (a
 * browser does not keep a form's hidden fields when it reloads the page on "back").
 */
export function sameSubmissionKey(request: globalThis.Request, answers: unknown): string {
  return createHash('sha256').update(`${new URL(request.url).pathname}\n${isoDay(ukToday())}\n${JSON.stringify(answers)}`).digest('base64url');
}

/** The HTTP status for an outcome: refusals their own, 503 when the answers could not be kept. */
export function statusOf(outcome: FormOutcome): number {
  return outcome.state === 'refused' ? outcome.refusal.status : outcome.state === 'unavailable' ? 503 : 200;
}
