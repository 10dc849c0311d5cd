/**
 * Turning a posted form into answers: the fields a form's zod schema names, and nothing else.
 * Fields the schema does not know make the post invalid (a tampered or stale form), and every
 * problem comes back as a message for the person, against the field it is about.
 */
import { z } from 'astro/zod';
import type { CheckedAttachment, FileType } from './file-type';

/** The honeypot: a field hidden from people; anything in it marks the post as a bot's. */
export const honeypotField = 'website';
/** Fields every form carries besides its questions (see components/form/Safeguards.astro). */
const formFields = new Set(['attempt', honeypotField, 'action']);

export interface FieldError {
  /** The field's name, which is also the id of its input (or its first option). */
  field: string;
  message: string;
}

export type Answers<S extends z.ZodTypeAny> = { ok: true; data: z.infer<S> } | { ok: false; errors: FieldError[] };

/** A question answered with a file: which types it takes and what to tell people when a file will not do. */
export interface FileQuestion {
  /** The types accepted, judged by content (see file-type.ts); every other file is refused. */
  types: readonly FileType[];
  messages: {
    /** When the question must be answered and no file was chosen; without it the file is optional. */
    missing?: string;
    empty: string;
    tooLarge: string;
    /** A file of another type, whatever its name says. */
    wrongType: string;
    /** A good file sent with a form that had other problems: browsers cannot show a file again, so it must be chosen again. */
    chooseAgain: string;
  };
}

// Where `answer.file` leaves its question, for the form handler to find by walking the schema (as fields.ts does for references).
type FileDef = { fileQuestion?: FileQuestion };

/** The file questions of a form's schema, by field name. */
export function fileQuestionsOf(schema: z.AnyZodObject): Map<string, FileQuestion> {
  const questions = new Map<string, FileQuestion>();
  for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodTypeAny>)) {
    const question = (field._def as FileDef).fileQuestion;
    if (question) questions.set(name, question);
  }
  return questions;
}

// C0 and C1 control characters but tab and line breaks: never meant in an answer, and PostgreSQL cannot keep a NUL.
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** What was typed, without control characters (tab and line breaks stay). */
export const withoutControlCharacters = (value: string): string => value.replace(controlCharacters, '');

export const controlCharactersMessage = 'Your answer had hidden characters that cannot be kept, which have been removed. Check your answer and send it again';

/**
 * A problem for each of the form's questions whose answer came with control characters (pasted from
 * another program, or sent by a script). `fieldsOf` has removed them; the person sees what is left.
 */
export function controlCharacterErrors(form: FormData, schema: z.AnyZodObject): FieldError[] {
  const names = Object.keys(schema.shape as object);
  return names
    .filter((name) => form.getAll(name).some((value) => typeof value === 'string' && withoutControlCharacters(value) !== value))
    .map((field) => ({ field, message: controlCharactersMessage }));
}

/**
 * The form's text fields as an object for `schema`: one value per field, or every value for the
 * fields the schema calls arrays, without control characters. Files are left out: the form handler
 * checks them and adds them.
 */
export function fieldsOf(form: FormData, schema: z.AnyZodObject): Record<string, unknown> {
  const shape = schema.shape as Record<string, z.ZodTypeAny>;
  const files = fileQuestionsOf(schema);
  const fields: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (formFields.has(key) || files.has(key)) continue;
    const values = form.getAll(key).filter((value): value is string => typeof value === 'string').map(withoutControlCharacters);
    if (values.length === 0) continue;
    fields[withoutControlCharacters(key)] = isArray(shape[key]) ? values : values[0];
  }
  return fields;
}

/**
 * The most characters the schema takes for `field` (its `.max()`), for the character count on its
 * textarea; undefined when it sets none. One source: the limit shown is the limit checked.
 */
export function maxLengthOf(schema: z.AnyZodObject, field: string): number | undefined {
  let inner = (schema.shape as Record<string, z.ZodTypeAny>)[field];
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault || inner instanceof z.ZodEffects) {
    inner = inner instanceof z.ZodEffects ? inner.innerType() : inner._def.innerType;
  }
  return inner instanceof z.ZodString ? (inner.maxLength ?? undefined) : undefined;
}

function isArray(field: z.ZodTypeAny | undefined): boolean {
  let inner = field;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault || inner instanceof z.ZodEffects) {
    inner = inner instanceof z.ZodEffects ? inner.innerType() : inner._def.innerType;
  }
  return inner instanceof z.ZodArray;
}

/**
 * A rule across several answers (e.g. "at least one way to get in touch"), given the fields as
 * posted, so it is checked on every post and its problem shows beside the others at once.
 */
export type CrossCheck = (fields: Record<string, unknown>) => FieldError[];

/**
 * Checks the fields against the form's schema (strict: no unknown fields) and its cross-checks.
 * `known` are problems found before (e.g. with files), shown with the rest; the list follows the
 * order of the schema's fields, which is the order of the questions on the page.
 */
export function readAnswers<S extends z.AnyZodObject>(schema: S, fields: Record<string, unknown>, checks: CrossCheck = () => [], known: FieldError[] = []): Answers<S> {
  const parsed = schema.strict().safeParse(fields);
  const errors: FieldError[] = [...known];
  const add = (error: FieldError) => {
    if (!errors.some((earlier) => earlier.field === error.field)) errors.push(error);
  };
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = issue.code === 'unrecognized_keys' ? withoutControlCharacters(issue.keys[0] ?? '') : String(issue.path[0] ?? '');
    add({ field, message: issue.code === 'unrecognized_keys' ? 'This form has changed since it was opened. Go back and start again.' : issue.message });
  }
  checks(fields).forEach(add);
  if (parsed.success && errors.length === 0) return { ok: true, data: parsed.data };
  return { ok: false, errors: inQuestionOrder(schema, errors) };
}

/** Problems in the order of the schema's fields, which is the order of the questions on the page. */
export function inQuestionOrder(schema: z.AnyZodObject, errors: FieldError[]): FieldError[] {
  const order = Object.keys(schema.shape as object);
  const place = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  return [...errors].sort((a, b) => place(a.field) - place(b.field));
}

/** The message for one field, if it has a problem. */
export const errorFor = (errors: FieldError[], field: string): string | undefined => errors.find((error) => error.field === field)?.message;

/** Zod helpers that carry the messages people see. */
export const answer = {
  /** Required text, trimmed, with a maximum length. */
  text: (missing: string, max: number, tooLong: string) => z.string({ required_error: missing }).trim().min(1, missing).max(max, tooLong),
  email: (missing: string, invalid: string) => z.string({ required_error: missing }).trim().min(1, missing).max(254, invalid).email(invalid),
  /** Optional text, trimmed; blank is left out. */
  optionalText: (max: number, tooLong: string) =>
    z.string().trim().max(max, tooLong).optional().transform((value) => (value ? value : undefined)),
  /** An optional email address; blank is left out. */
  optionalEmail: (invalid: string) =>
    z.string().trim().max(254, invalid).optional().transform((value) => (value ? value : undefined))
      .refine((value) => value === undefined || z.string().email().safeParse(value).success, invalid),
  /** An optional web address: http or https only; a bare "example.org" gets https:// in front. */
  optionalWebsite: (invalid: string) =>
    z.string().trim().max(500, invalid).optional()
      .transform((value) => (!value ? undefined : /^https?:\/\//i.test(value) ? value : `https://${value}`))
      .refine((value) => value === undefined || (URL.canParse(value) && /^https?:$/.test(new URL(value).protocol) && new URL(value).hostname.includes('.')), invalid),
  /** One of `values` (ids from the content), chosen from a list; `missing` when nothing is chosen. */
  choice: <T extends string>(values: readonly T[], missing: string) =>
    z.enum(values as [T, ...T[]], { errorMap: () => ({ message: missing }) }),
  /** Some of `values` (ticked checkboxes): at least one when `missing` is given. */
  choices: <T extends string>(values: readonly T[], invalid: string, missing?: string) =>
    z.array(z.enum(values as [T, ...T[]], { errorMap: () => ({ message: invalid }) }), { errorMap: () => ({ message: missing ?? invalid }) })
      .min(missing ? 1 : 0, missing ?? invalid)
      .max(values.length, invalid),
  /** A box that must be ticked, e.g. consent; its value is "yes". */
  confirmed: (missing: string) => z.literal('yes', { errorMap: () => ({ message: missing }) }),
  /**
   * A file: the form handler reads it from a multipart post, checks it by content against
   * `question`, and gives the schema the checked file (or nothing when none was chosen).
   */
  file: (question: FileQuestion) => {
    const checked = z.custom<CheckedAttachment>((value) => isCheckedAttachment(value), { message: question.messages.missing ?? question.messages.wrongType });
    const field = question.messages.missing ? checked : checked.optional();
    (field._def as FileDef).fileQuestion = question;
    return field;
  },
  /** A UK phone number: digits, spaces and a leading +, 10 to 13 digits. */
  optionalPhone: (invalid: string) =>
    z.string().trim().optional().transform((value) => (value ? value : undefined))
      .refine((value) => value === undefined || (/^\+?[\d\s()-]+$/.test(value) && (value.match(/\d/g) ?? []).length >= 10 && (value.match(/\d/g) ?? []).length <= 13), invalid),
};

function isCheckedAttachment(value: unknown): value is CheckedAttachment {
  return typeof value === 'object' && value !== null && 'content' in value && value.content instanceof Uint8Array && 'fileType' in value;
}
