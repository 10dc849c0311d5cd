import type { z } from 'astro/zod';
import { type CollectionName, referenceTarget } from '../schemas/fields';

export interface FoundReference {
  /** Where in the entry, e.g. `areas[1]`. */
  field: string;
  collection: CollectionName;
  id: string;
}

/** Every reference in a parsed entry, found by walking its schema alongside its data. */
export function findReferences(schema: z.ZodTypeAny, value: unknown, field = ''): FoundReference[] {
  const target = referenceTarget(schema);
  if (target) return typeof value === 'string' ? [{ field, collection: target, id: value }] : [];
  if (value === undefined || value === null) return [];
  const def = schema._def as { typeName: string; innerType?: z.ZodTypeAny; schema?: z.ZodTypeAny; type?: z.ZodTypeAny };
  switch (def.typeName) {
    case 'ZodOptional':
    case 'ZodNullable':
    case 'ZodDefault':
      return findReferences(def.innerType!, value, field);
    case 'ZodEffects':
      return findReferences(def.schema!, value, field);
    case 'ZodArray':
      return (value as unknown[]).flatMap((item, index) => findReferences(def.type!, item, `${field}[${index}]`));
    case 'ZodObject': {
      const shape = (schema as z.AnyZodObject).shape as Record<string, z.ZodTypeAny>;
      return Object.entries(shape).flatMap(([key, child]) =>
        findReferences(child, (value as Record<string, unknown>)[key], field ? `${field}.${key}` : key),
      );
    }
    default:
      return [];
  }
}

/** The object schema under any optional/default/refinement wrappers. */
export function objectShape(schema: z.ZodTypeAny): Record<string, z.ZodTypeAny> {
  const def = schema._def as { typeName: string; innerType?: z.ZodTypeAny; schema?: z.ZodTypeAny };
  if (def.typeName === 'ZodObject') return (schema as z.AnyZodObject).shape;
  const inner = def.innerType ?? def.schema;
  return inner ? objectShape(inner) : {};
}
