/**
 * Turning a posted form into answers: the fields a form's zod schema names, and nothing else.
 * Fields the schema does not know make the post invalid (a tampered or stale form), and every
 * problem comes back as a message for the person, against the field it is about.
 */
import { z } from 'astro/zod';

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

/**
 * The form's text fields as an object for `schema`: one value per field, or every value for the
 * fields the schema calls arrays. Files are left out (see `filesOf`).
 */
export function fieldsOf(form: FormData, schema: z.AnyZodObject): Record<string, unknown> {
  const shape = schema.shape as Record<string, z.ZodTypeAny>;
  const fields: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (formFields.has(key)) continue;
    const values = form.getAll(key).filter((value): value is string => typeof value === 'string');
    if (values.length === 0) continue;
    fields[key] = isArray(shape[key]) ? values : values[0];
  }
  return fields;
}

function isArray(field: z.ZodTypeAny | undefined): boolean {
  let inner = field;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault || inner instanceof z.ZodEffects) {
    inner = inner instanceof z.ZodEffects ? inner.innerType() : inner._def.innerType;
  }
  return inner instanceof z.ZodArray;
}

/** Checks the fields against the form's schema (strict: no unknown fields). */
export function readAnswers<S extends z.AnyZodObject>(schema: S, fields: Record<string, unknown>): Answers<S> {
  const parsed = schema.strict().safeParse(fields);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldError[] = [];
  for (const issue of parsed.error.issues) {
    const field = issue.code === 'unrecognized_keys' ? issue.keys[0] ?? '' : String(issue.path[0] ?? '');
    if (errors.some((error) => error.field === field)) continue;
    errors.push({ field, message: issue.code === 'unrecognized_keys' ? 'This form has changed since it was opened. Go back and start again.' : issue.message });
  }
  return { ok: false, errors };
}

/** The message for one field, if it has a problem. */
export const errorFor = (errors: FieldError[], field: string): string | undefined => errors.find((error) => error.field === field)?.message;

/** Zod helpers that carry the messages people see. */
export const answer = {
  /** Required text, trimmed, with a maximum length. */
  text: (missing: string, max: number, tooLong: string) => z.string({ required_error: missing }).trim().min(1, missing).max(max, tooLong),
  email: (missing: string, invalid: string) => z.string({ required_error: missing }).trim().min(1, missing).max(254, invalid).email(invalid),
  /** A UK phone number: digits, spaces and a leading +, 10 to 13 digits. */
  optionalPhone: (invalid: string) =>
    z.string().trim().optional().transform((value) => (value ? value : undefined))
      .refine((value) => value === undefined || (/^\+?[\d\s()-]+$/.test(value) && (value.match(/\d/g) ?? []).length >= 10 && (value.match(/\d/g) ?? []).length <= 13), invalid),
};
