/**
 * Decap writes a field the editor cleared as "" (and an untouched optional address as an object of
 * blanks); the schemas want such fields left out. These are the paths to drop before saving.
 */
import type { DecapField } from './labels';

export type FieldPath = (string | number)[];

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Paths (deepest first within each field) of blank values in `data` that should not be saved. */
export function blankPaths(fields: DecapField[], data: Record<string, unknown>, at: FieldPath = []): FieldPath[] {
  const paths: FieldPath[] = [];
  for (const field of fields) {
    if (!(field.name in data)) continue;
    const value = data[field.name];
    const here = [...at, field.name];
    if (value === '' || value === null) {
      paths.push(here);
    } else if (field.widget === 'object' && field.fields && isPlainObject(value)) {
      const inner = blankPaths(field.fields, value, here);
      const dropped = new Set(inner.filter((p) => p.length === here.length + 1).map((p) => p[here.length]));
      // An empty list (Decap writes one for an untouched multiple choice) leaves a part as empty as a blank does.
      const emptied = Object.keys(value).every((key) => dropped.has(key) || (Array.isArray(value[key]) && value[key].length === 0));
      // An optional part left wholly blank goes; a required one stays, even empty.
      if (emptied && field.required === false) paths.push(here);
      else paths.push(...inner);
    } else if (field.widget === 'list' && field.fields && Array.isArray(value)) {
      value.forEach((item, index) => {
        if (isPlainObject(item)) paths.push(...blankPaths(field.fields!, item, [...here, index]));
      });
    }
  }
  return paths;
}

/** A copy of `data` without its blank paths (the admin script does the same on Decap's own map). */
export function withoutBlanks<T extends Record<string, unknown>>(fields: DecapField[], data: T): T {
  const copy = structuredClone(data);
  for (const path of blankPaths(fields, data)) {
    const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], copy);
    delete (parent as Record<string | number, unknown>)[path[path.length - 1]];
  }
  return copy;
}

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * Images chosen without their alternative text, as paths with the field's label. Decap cannot make
 * the alt text required only when a picture is chosen (an optional object's children are checked
 * even when it is empty), so the admin script refuses to save these instead.
 */
export function imagesWithoutAlt(fields: DecapField[], data: Record<string, unknown>, at: FieldPath = []): { path: FieldPath; label: string }[] {
  const found: { path: FieldPath; label: string }[] = [];
  for (const field of fields) {
    const value = data[field.name];
    const here = [...at, field.name];
    if (field.widget !== 'object' || !field.fields) {
      if (field.widget === 'list' && field.fields && Array.isArray(value)) {
        value.forEach((item, index) => {
          if (isPlainObject(item)) found.push(...imagesWithoutAlt(field.fields!, item, [...here, index]));
        });
      }
      continue;
    }
    if (!isPlainObject(value)) continue;
    const isImage = field.fields.some((child) => child.name === 'src' && child.widget === 'image') && field.fields.some((child) => child.name === 'alt');
    if (isImage && !isBlank(value.src) && isBlank(value.alt)) found.push({ path: here, label: field.label });
    else if (!isImage) found.push(...imagesWithoutAlt(field.fields, value, here));
  }
  return found;
}
