/**
 * The one list of content collections: where each lives under the content directory,
 * how its files are written, and the schema its entries must pass. The Astro collections,
 * `npm run check` and (later) the CMS config, importers and exports all read this.
 */
import path from 'node:path';
import type { z } from 'astro/zod';
import { areaSchema } from '../schemas/area';
import { assetSchema } from '../schemas/asset';
import { contactSchema } from '../schemas/contact';
import { eventSchema } from '../schemas/event';
import type { CollectionName } from '../schemas/fields';
import { fundSchema } from '../schemas/fund';
import { groupSchema } from '../schemas/group';
import { pageSchema } from '../schemas/page';
import { settingsSchema } from '../schemas/settings';
import { storySchema } from '../schemas/story';
import { volunteeringSchema } from '../schemas/volunteering';
import { accessibilityFeatureSchema, audienceSchema, categorySchema, languageSchema } from '../schemas/taxonomy';

/**
 * - `markdown` / `mdx`: a folder, one file per entry, front matter plus a body.
 * - `yaml`: a folder, one YAML file per entry.
 * - `yaml-list`: one YAML file holding a list of entries, each with an `id`.
 */
export type CollectionFormat = 'markdown' | 'mdx' | 'yaml' | 'yaml-list';

export interface CollectionDefinition {
  /** Folder (or, for `yaml-list`, file) under the content directory. */
  location: string;
  format: CollectionFormat;
  schema: z.ZodTypeAny;
  /** Human name, for messages and the CMS. */
  label: string;
}

export const collections = {
  groups: { location: 'groups', format: 'markdown', schema: groupSchema, label: 'Groups' },
  assets: { location: 'assets', format: 'markdown', schema: assetSchema, label: 'Assets' },
  funds: { location: 'funds', format: 'markdown', schema: fundSchema, label: 'Funds' },
  stories: { location: 'stories', format: 'mdx', schema: storySchema, label: 'Stories' },
  events: { location: 'events', format: 'markdown', schema: eventSchema, label: 'Events and training' },
  volunteering: { location: 'volunteering', format: 'markdown', schema: volunteeringSchema, label: 'Volunteering roles' },
  pages: { location: 'pages', format: 'mdx', schema: pageSchema, label: 'Pages' },
  areas: { location: 'areas', format: 'yaml', schema: areaSchema, label: 'Areas' },
  contacts: { location: 'contacts', format: 'yaml', schema: contactSchema, label: 'Contacts' },
  categories: { location: 'taxonomy/categories.yaml', format: 'yaml-list', schema: categorySchema, label: 'Categories' },
  audiences: { location: 'taxonomy/audiences.yaml', format: 'yaml-list', schema: audienceSchema, label: 'Audiences' },
  accessibility: {
    location: 'taxonomy/accessibility.yaml',
    format: 'yaml-list',
    schema: accessibilityFeatureSchema,
    label: 'Accessibility features',
  },
  languages: { location: 'taxonomy/languages.yaml', format: 'yaml-list', schema: languageSchema, label: 'Languages' },
} satisfies Record<CollectionName, CollectionDefinition>;

/** The settings file, a single entry. */
export const settingsFile = { location: 'settings/site.yaml', schema: settingsSchema, label: 'Settings' };

/** File extension of each per-entry format. */
export const extensions: Record<Exclude<CollectionFormat, 'yaml-list'>, string> = {
  markdown: '.md',
  mdx: '.mdx',
  yaml: '.yaml',
};

/** The content directory: `CONTENT_DIR` (for generated benchmark content) or `./content`. */
export function contentDirectory(): string {
  return path.resolve(process.env.CONTENT_DIR ?? 'content');
}
