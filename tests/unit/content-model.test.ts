import type { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { collections, settingsFile } from '../../src/content-model/collections';
import { findReferences, objectShape } from '../../src/content-model/references';

/** Every field path in a schema, with its description, down through objects and lists. */
function fields(schema: z.ZodTypeAny, prefix = ''): { path: string; description?: string }[] {
  return Object.entries(objectShape(schema)).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    let inner = child;
    let description = child.description;
    // Unwrap optional/default/list wrappers, keeping the outermost description.
    while (['ZodOptional', 'ZodDefault', 'ZodArray', 'ZodNullable'].includes(inner._def.typeName)) {
      inner = inner._def.innerType ?? inner._def.type;
      description ??= inner.description;
    }
    return [{ path, description }, ...fields(inner, path)];
  });
}

describe('the content model', () => {
  const schemas = { ...Object.fromEntries(Object.entries(collections).map(([name, c]) => [name, c.schema])), settings: settingsFile.schema };

  it.each(Object.entries(schemas))('documents every field of %s in one line', (_, schema) => {
    const undocumented = fields(schema).filter((field) => !field.description || field.description.includes('\n'));
    expect(undocumented.map((field) => field.path)).toEqual([]);
  });

  it('finds every reference in a group, with where it is', () => {
    const group = collections.groups.schema.parse({
      name: 'Test group', summary: 'A group for testing references.', categories: ['mental-health'], areas: ['march', 'wisbech'],
      venue: 'march-library', contact: {}, lastReviewed: '2026-01-01',
    });
    expect(findReferences(collections.groups.schema, group)).toEqual([
      { field: 'categories[0]', collection: 'categories', id: 'mental-health' },
      { field: 'areas[0]', collection: 'areas', id: 'march' },
      { field: 'areas[1]', collection: 'areas', id: 'wisbech' },
      { field: 'venue', collection: 'assets', id: 'march-library' },
      { field: 'languages[0]', collection: 'languages', id: 'en' },
    ]);
  });
});
