import { z } from 'astro/zod';
import { address, contactDetails, coordinates, editorNote, isoDate, reference } from './fields';

/** The six building blocks of Asset Based Community Development, in the seed's order (names in i18n, `block.*`). */
export const buildingBlocks = ['skills', 'associations', 'institutions', 'environment', 'economy', 'culture'] as const;
export type BuildingBlock = (typeof buildingBlocks)[number];

/**
 * Something a community already has. Skills of residents are published as offers
 * by groups or timebanks, never as named private individuals. The Markdown body is its description.
 */
export const assetSchema = z.object({
  name: z.string().min(2).describe('Name of the place, resource or offer'),
  block: z
    .enum(buildingBlocks)
    .describe('Which ABCD building block it belongs to'),
  summary: z.string().min(10).max(300).describe('One or two sentences saying what it is'),
  area: reference('areas').describe('The town or village it is in'),
  address: address.optional(),
  location: coordinates.optional(),
  howToUse: z.string().min(5).describe('How to use, book or join it'),
  categories: z.array(reference('categories')).default([]).describe('What it helps with (categories)'),
  accessibility: z.array(reference('accessibility')).default([]).describe('Accessibility features'),
  contact: contactDetails.default({}),
  relatedGroups: z.array(reference('groups')).default([]).describe('Groups that run or use it'),
  lastReviewed: isoDate().describe('When the details were last checked'),
  editorNote,
});
export type Asset = z.output<typeof assetSchema>;
