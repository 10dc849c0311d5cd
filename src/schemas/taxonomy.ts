import { z } from 'astro/zod';
import { reference } from './fields';

/** Other words residents search with for a term; a search for any of them finds everything filed under it. */
const synonyms = z
  .array(z.string().min(2))
  .default([])
  .describe('Other words residents use for it, one per line, e.g. "keep fit" or "food parcel"');

/** A category of need or activity; two levels, a child names its parent. */
export const categorySchema = z.object({
  name: z.string().min(2).describe('Name of the category'),
  parent: reference('categories').optional().describe('The broader category, for a second-level one'),
  description: z.string().optional().describe('What belongs here'),
  sensitive: z.boolean().default(false).describe('Listings here show the quick exit button'),
  synonyms,
});

/** A group of people a listing is for. */
export const audienceSchema = z.object({
  name: z.string().min(2).describe('Who, e.g. "Older people"'),
  synonyms,
});

/** A feature that makes a place or activity easier to use. */
export const accessibilityFeatureSchema = z.object({
  name: z.string().min(2).describe('The feature, e.g. "Step-free access"'),
});

/** A language, identified by its ISO 639-1 code. */
export const languageSchema = z.object({
  name: z.string().min(2).describe('Name of the language in English'),
  nativeName: z.string().min(1).describe('Name of the language in itself'),
});
export type Category = z.output<typeof categorySchema>;
