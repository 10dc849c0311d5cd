/** Astro collections, made from the one list in content-model/collections.ts. */
import fs from 'node:fs';
import path from 'node:path';
import { defineCollection, z } from 'astro:content';
import { file, glob, type Loader } from 'astro/loaders';
import { type CollectionDefinition, collections as model, contentDirectory, extensions, settingsFile } from './content-model/collections';
import { leavingOutBrokenEntries } from './content-model/dev-loader';
import { readSettings } from './content-model/settings';
import { parsePostcodeTable } from './rules/postcodes';

const root = contentDirectory();

function loaderFor({ location, format }: CollectionDefinition): Loader {
  const where = path.join(root, location);
  const loader = format === 'yaml-list' ? file(where) : glob({ pattern: `**/*${extensions[format]}`, base: where });
  return import.meta.env.DEV ? leavingOutBrokenEntries(loader) : loader;
}

type Model = typeof model;
// The council's postcode table (npm run postcodes): not edited in the CMS, so not in the content model.
const postcodeSchema = z.object({ lat: z.number(), lng: z.number(), count: z.number() });
const postcodeFile = path.join(root, 'postcodes.csv');

type Collections = { [Name in keyof Model]: { loader: Loader; schema: Model[Name]['schema'] } } & {
  settings: { loader: Loader; schema: typeof settingsFile.schema };
  postcodes: { loader: Loader; schema: typeof postcodeSchema };
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
  postcodes: defineCollection({
    // No table, no postcodes: search then measures only from towns and the device.
    loader: async () => {
      if (!fs.existsSync(postcodeFile)) return [];
      try {
        return parsePostcodeTable(fs.readFileSync(postcodeFile, 'utf8')).map(({ postcode, ...at }) => ({ id: postcode, ...at }));
      } catch (error) {
        throw new Error(`${path.relative(process.cwd(), postcodeFile)}: ${error instanceof Error ? error.message : error}`);
      }
    },
    schema: postcodeSchema,
  }),
} as Collections;
