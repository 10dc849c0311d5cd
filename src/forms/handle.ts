/**
 * One way every public form handles a post: refuse what is not a form from this site, drop a bot's
 * post quietly, show problems against the answers as typed, and keep the answers on the page when
 * the database cannot be reached. Only a committed record gets a reference. Server-only.
 */
import { createHash } from 'node:crypto';
import type { z } from 'astro/zod';
import type { AstroGlobal } from 'astro';
import { controlCharacterErrors, type CrossCheck, type FieldError, type FileQuestion, fieldsOf, fileQuestionsOf, honeypotField, inQuestionOrder, readAnswers } from './answers';
import { checkAttachment, type CheckedAttachment, maximumAttachmentBytes } from './file-type';
import { maxFormBytes, readPost, type Refusal, withinPostLimit } from './post';
import { newReference } from './reference';
import { isoDay, ukToday } from '../rules/dates';
import { isIdempotencyKey } from '../store/submissions';

export type FormOutcome =
  | { state: 'fresh'; attempt?: undefined }
  | { state: 'refused'; refusal: Refusal; attempt?: undefined }
  | { state: 'invalid'; fields: Record<string, unknown>; errors: FieldError[]; attempt: string }
  /** `errors` only ask for files again: the answers are kept, files cannot be. */
  | { state: 'unavailable'; fields: Record<string, unknown>; errors: FieldError[]; attempt: string }
  | { state: 'sent'; reference: string; repeated: boolean; attempt: string };

export interface FormReceipt {
  reference: string;
  repeated: boolean;
}

type Request = Pick<AstroGlobal, 'request' | 'clientAddress'>;

export interface FormOptions {
  /** The largest post accepted; by default 100 KB, plus 5 MB for each file the schema asks for. */
  maxBytes?: number;
  /** Rules across answers, checked with the schema (see `CrossCheck`). */
  checks?: CrossCheck;
}

/**
 * Reads, checks and, when all is well, saves a post with `save` (which must commit before it
 * returns). Files are read for the questions the schema makes with `answer.file`, checked by their
 * content, and handed to `save` inside the answers (see `withoutFiles`).
 */
export async function handleFormPost<S extends z.AnyZodObject>(
  astro: Request,
  schema: S,
  /** Keeps the answers under `key` (the same key for the same answers), committing before it returns. */
  save: (answers: z.infer<S>, key: string) => Promise<FormReceipt>,
  /** The options, or (as before there were options) the largest post accepted. */
  options: FormOptions | number = {},
): Promise<FormOutcome> {
  if (astro.request.method !== 'POST') return { state: 'fresh' };
  const { maxBytes, checks } = typeof options === 'number' ? { maxBytes: options, checks: undefined } : options;
  const questions = fileQuestionsOf(schema);
  const read = await readPost(astro.request, maxBytes ?? maxFormBytes + questions.size * maximumAttachmentBytes);
  if ('refusal' in read) return { state: 'refused', refusal: read.refusal };
  const attempt = String(read.form.get('attempt') ?? '');
  // Every form we serve carries an attempt key; a post without one did not come from it.
  if (!isIdempotencyKey(attempt)) return { state: 'refused', refusal: { status: 400, reason: 'bad-form' } };
  const fields = fieldsOf(read.form, schema);
  // A bot filled the hidden field: an ordinary-looking reply, and nothing kept.
  if (read.form.get(honeypotField)) return { state: 'sent', reference: newReference(), repeated: false, attempt };
  const files = await readFiles(read.form, questions);
  const chooseAgain = [...files.accepted.keys()].map((field) => ({ field, message: questions.get(field)!.messages.chooseAgain }));
  try {
    if (!(await withinPostLimit(astro.clientAddress))) return { state: 'refused', refusal: { status: 429, reason: 'too-many' } };
    const answers = readAnswers(schema, { ...fields, ...Object.fromEntries(files.accepted) }, checks, [...files.errors, ...controlCharacterErrors(read.form, schema)]);
    if (!answers.ok) {
      // A good file is lost with the page: ask for it again, unless its own question has a problem already.
      const again = chooseAgain.filter((request) => !answers.errors.some((error) => error.field === request.field));
      return { state: 'invalid', fields, errors: inQuestionOrder(schema, [...answers.errors, ...again]), attempt };
    }
    return { state: 'sent', ...(await save(answers.data, sameSubmissionKey(astro.request, answers.data))), attempt };
  } catch (error) {
    // The kind of error only: database messages can repeat what was typed, which stays out of the log.
    const code = error instanceof Error ? `${error.name}${'code' in error ? ` ${String(error.code)}` : ''}` : 'unknown error';
    console.error(`A form could not be saved: ${code}`);
    return { state: 'unavailable', fields, errors: chooseAgain, attempt };
  }
}

/**
 * The files posted for the form's file questions: each checked by its content, size and type.
 * A file input left empty sends a nameless, empty file, which counts as no answer.
 */
async function readFiles(form: FormData, questions: Map<string, FileQuestion>): Promise<{ accepted: Map<string, CheckedAttachment>; errors: FieldError[] }> {
  const accepted = new Map<string, CheckedAttachment>();
  const errors: FieldError[] = [];
  for (const [field, question] of questions) {
    const file = form.getAll(field).find((value): value is File => typeof value !== 'string' && (value.size > 0 || value.name !== ''));
    if (!file) continue;
    const check = checkAttachment(file.name, new Uint8Array(await file.arrayBuffer()));
    const { messages } = question;
    if (!check.ok) errors.push({ field, message: check.problem === 'empty' ? messages.empty : check.problem === 'too-large' ? messages.tooLarge : messages.wrongType });
    else if (!question.types.includes(check.attachment.fileType)) errors.push({ field, message: messages.wrongType });
    else accepted.set(field, check.attachment);
  }
  return { accepted, errors };
}

/**
 * The answers to keep as JSON and the files to keep as attachments: each file answer becomes its
 * name (so staff see which question it answered) and its file goes with the submission.
 */
export function withoutFiles<T extends Record<string, unknown>>(answers: T): { answers: Record<string, unknown>; attachments: CheckedAttachment[] } {
  const kept: Record<string, unknown> = {};
  const attachments: CheckedAttachment[] = [];
  for (const [key, value] of Object.entries(answers)) {
    if (value instanceof Object && 'content' in value && value.content instanceof Uint8Array) {
      const file = value as CheckedAttachment;
      attachments.push(file);
      kept[key] = { fileName: file.fileName, fileType: file.fileType, sizeBytes: file.content.length };
    } else kept[key] = value;
  }
  return { answers: kept, attachments };
}

/**
 * The key that makes a repeated post harmless: the same answers to the same form on the same day
 * are one submission, whether from a double click, a retry, or going back and sending again (a
 * browser does not keep a form's hidden fields when it reloads the page on "back").
 */
export function sameSubmissionKey(request: globalThis.Request, answers: unknown): string {
  // A file counts by its content's hash: the same photo is the same answer, whatever it was called.
  const text = JSON.stringify(answers, (_key, value: unknown) => (value instanceof Uint8Array ? createHash('sha256').update(value).digest('hex') : value));
  return createHash('sha256').update(`${new URL(request.url).pathname}\n${isoDay(ukToday())}\n${text}`).digest('base64url');
}

/** The HTTP status for an outcome: refusals their own, 503 when the answers could not be kept. */
export function statusOf(outcome: FormOutcome): number {
  return outcome.state === 'refused' ? outcome.refusal.status : outcome.state === 'unavailable' ? 503 : 200;
}
