/** Astro collections, made from the one list in content-model/collections.ts. */
import path from 'node:path';
import { defineCollection } from 'astro:content';
import { file, glob, type Loader } from 'astro/loaders';
import { type CollectionDefinition, collections as model, contentDirectory, extensions, settingsFile } from './content-model/collections';
import { readSettings } from './content-model/settings';

const root = contentDirectory();

function loaderFor({ location, format }: CollectionDefinition): Loader {
  const where = path.join(root, location);
  if (format === 'yaml-list') return file(where);
  return glob({ pattern: `**/*${extensions[format]}`, base: where });
}

type Model = typeof model;
type Collections = { [Name in keyof Model]: { loader: Loader; schema: Model[Name]['schema'] } } & {
  settings: { loader: Loader; schema: typeof settingsFile.schema };
};

export const collections = {
  ...Object.fromEntries(
    Object.entries(model).map(([name, definition]) => [
      name,
      defineCollection({ loader: loaderFor(definition), schema: definition.schema }),
    ]),
  ),
  settings: defineCollection({
    loader: async () => [{ id: 'site', ...readSettings() }],
    schema: settingsFile.schema,
  }),
} as Collections;
