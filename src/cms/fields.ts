/**
 * Turns a zod schema into Decap CMS fields by walking it, so the CMS cannot drift from the
 * schemas: every field, its widget, hint (from `.describe()`), whether it is required and its default.
 */
import type { z } from 'astro/zod';
import { collections } from '../content-model/collections';
import { type CollectionName, image, referenceTarget } from '../schemas/fields';
import { type DecapField, humanise, optionLabel } from './labels';

/** What a wrapper (optional, default, refinement) says about the schema inside it. */
interface Unwrapped {
  schema: z.ZodTypeAny;
  required: boolean;
  defaultValue?: unknown;
  description?: string;
  isDate: boolean;
  isImage: boolean;
}

type Def = {
  typeName: string;
  innerType?: z.ZodTypeAny;
  schema?: z.ZodTypeAny;
  defaultValue?: () => unknown;
  description?: string;
  options?: z.ZodTypeAny[] | readonly string[];
  checks?: { kind: string; value?: number; regex?: RegExp; message?: string }[];
  type?: z.ZodTypeAny;
  minLength?: { value: number } | null;
  maxLength?: { value: number } | null;
  value?: unknown;
  values?: readonly string[];
};

const defOf = (schema: z.ZodTypeAny) => schema._def as Def;

/** A date written as YYYY-MM-DD: `isoDate()` is a refinement of "a Date or a string". */
function isIsoDate(schema: z.ZodTypeAny): boolean {
  const def = defOf(schema);
  if (def.typeName !== 'ZodEffects') return false;
  const inner = defOf(def.schema!);
  return inner.typeName === 'ZodUnion' && (inner.options as z.ZodTypeAny[]).some((o) => defOf(o).typeName === 'ZodDate');
}

/** Peels optional/default/refinement wrappers, remembering what they said. */
export function unwrap(schema: z.ZodTypeAny): Unwrapped {
  const result: Unwrapped = { schema, required: true, isDate: false, isImage: false };
  let current = schema;
  for (;;) {
    const def = defOf(current);
    result.description ??= def.description;
    if (current === image) result.isImage = true;
    if (referenceTarget(current)) break;
    if (isIsoDate(current)) {
      result.isDate = true;
      break;
    }
    if (def.typeName === 'ZodOptional' || def.typeName === 'ZodNullable') {
      result.required = false;
      current = def.innerType!;
    } else if (def.typeName === 'ZodDefault') {
      result.required = false;
      result.defaultValue = def.defaultValue!();
      current = def.innerType!;
    } else if (def.typeName === 'ZodEffects') {
      current = def.schema!;
    } else break;
  }
  result.schema = current;
  return result;
}

/** The relation widget's settings for a reference to `target`. */
function relationTo(target: CollectionName): Partial<DecapField> {
  const definition = collections[target];
  const nameField = ['stories', 'pages', 'events', 'volunteering'].includes(target) ? 'title' : 'name';
  // Taxonomy lives in one file per list, which the CMS edits as a file entry with an `items` list.
  if (definition.format === 'yaml-list') {
    return {
      widget: 'relation',
      collection: 'taxonomy',
      file: target,
      value_field: 'items.*.id',
      search_fields: ['items.*.name'],
      display_fields: ['items.*.name'],
    };
  }
  return { widget: 'relation', collection: target, value_field: '{{slug}}', search_fields: [nameField], display_fields: [nameField] };
}

function checkValue(def: Def, kind: string): number | undefined {
  return def.checks?.find((c) => c.kind === kind)?.value;
}

/** Fields whose text runs to a few sentences get a text area rather than a one-line box. */
function isLongText(name: string, def: Def): boolean {
  const max = checkValue(def, 'max');
  return (max !== undefined && max >= 200) || ['eligibility', 'howToUse', 'decisionTimeline', 'description', 'about', 'whatYouDo', 'support', 'howToApply'].includes(name);
}

/**
 * One CMS field for one schema field. Inside an optional object (an address, a location) every
 * field is optional to the CMS, which would otherwise demand them even when the object is left
 * empty; the schema still insists on them once the object is filled in, and the hint says so.
 */
export function cmsField(name: string, schema: z.ZodTypeAny, insideOptional = false): DecapField {
  const { schema: inner, required, defaultValue, description, isDate, isImage } = unwrap(schema);
  const def = defOf(inner);
  const field: DecapField = { name, label: humanise(name), widget: 'string' };
  if (!required || insideOptional) field.required = false;
  if (description) field.hint = required && insideOptional ? `${description} (needed when this part is filled in)` : description;
  const target = referenceTarget(inner);

  if (target) {
    Object.assign(field, relationTo(target));
  } else if (isDate) {
    Object.assign(field, { widget: 'datetime', date_format: 'YYYY-MM-DD', time_format: false, format: 'YYYY-MM-DD', picker_utc: true });
    if (!required) field.default = '';
  } else if (isImage || inner === image) {
    // The picture and what it shows travel together, so alt text can never be left behind.
    field.widget = 'object';
    field.fields = [
      { name: 'src', label: 'Image', widget: 'image', hint: defOf((image as z.AnyZodObject).shape.src).description, choose_url: false },
      { name: 'alt', label: 'Alternative text', widget: 'string', hint: defOf((image as z.AnyZodObject).shape.alt).description },
    ];
    if (!required || insideOptional) for (const child of field.fields) child.required = false;
  } else {
    switch (def.typeName) {
      case 'ZodString': {
        if (isLongText(name, def)) field.widget = 'text';
        const regex = def.checks?.find((c) => c.kind === 'regex');
        if (regex?.regex) field.pattern = [regex.regex.source, regex.message ?? `must match ${regex.regex.source}`];
        break;
      }
      case 'ZodNumber': {
        field.widget = 'number';
        field.value_type = def.checks?.some((c) => c.kind === 'int') ? 'int' : 'float';
        const min = checkValue(def, 'min');
        const max = checkValue(def, 'max');
        if (min !== undefined) field.min = min;
        if (max !== undefined) field.max = max;
        break;
      }
      case 'ZodBoolean':
        field.widget = 'boolean';
        break;
      case 'ZodEnum':
        field.widget = 'select';
        field.options = (def.values ?? []).map((value) => ({ label: optionLabel(value), value }));
        break;
      case 'ZodUnion': {
        // A choice of a few numbers (e.g. 1 or 2 stages) is a number box bounded by them.
        const values = (def.options as z.ZodTypeAny[]).map((o) => defOf(o).value);
        if (!values.every((v) => typeof v === 'number')) throw new Error(`${name}: the CMS has no widget for this union`);
        Object.assign(field, { widget: 'number', value_type: 'int', min: Math.min(...(values as number[])), max: Math.max(...(values as number[])) });
        break;
      }
      case 'ZodObject':
        field.widget = 'object';
        field.fields = objectFields(inner, insideOptional || !required);
        // An object's default (e.g. cost `{ type: 'free' }`) becomes its fields' defaults.
        for (const child of field.fields) {
          const value = (defaultValue as Record<string, unknown> | undefined)?.[child.name];
          if (value !== undefined && child.default === undefined) child.default = value;
        }
        if (!required) field.collapsed = true;
        break;
      case 'ZodArray':
        Object.assign(field, listField(name, def));
        break;
      default:
        throw new Error(`${name}: the CMS has no widget for ${def.typeName}`);
    }
  }
  // Defaults the CMS can fill in; object defaults are spread onto their fields instead.
  if (defaultValue !== undefined && field.widget !== 'object') field.default = defaultValue;
  return field;
}

/** A list: relation or select with `multiple` for references and enums, else a list widget. */
function listField(name: string, def: Def): Partial<DecapField> {
  const item = unwrap(def.type!);
  const bounds: Partial<DecapField> = {};
  if (def.minLength) bounds.min = def.minLength.value;
  if (def.maxLength) bounds.max = def.maxLength.value;
  const target = referenceTarget(item.schema);
  if (target) return { ...relationTo(target), multiple: true, ...bounds };
  const itemDef = defOf(item.schema);
  if (itemDef.typeName === 'ZodEnum') {
    return { widget: 'select', multiple: true, options: (itemDef.values ?? []).map((value) => ({ label: optionLabel(value), value })), ...bounds };
  }
  if (itemDef.typeName === 'ZodObject') {
    const fields = objectFields(item.schema);
    return { widget: 'list', fields, summary: `{{fields.${fields[0].name}}}`, ...bounds };
  }
  const single = cmsField(name, def.type!);
  return { widget: 'list', field: { ...single, label: humanise(name) }, ...bounds };
}

/** The CMS fields of an object schema, in the schema's order. */
export function objectFields(schema: z.ZodTypeAny, insideOptional = false): DecapField[] {
  const shape = objectShapeOf(schema);
  return Object.entries(shape).map(([name, child]) => cmsField(name, child, insideOptional));
}

function objectShapeOf(schema: z.ZodTypeAny): Record<string, z.ZodTypeAny> {
  const { schema: inner } = unwrap(schema);
  const def = defOf(inner);
  if (def.typeName !== 'ZodObject') throw new Error(`expected an object schema, found ${def.typeName}`);
  return (inner as z.AnyZodObject).shape;
}
