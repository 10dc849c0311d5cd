/**
 * For the Open Referral tests: the demo content as the mapping reads it, and JSON Schema validators
 * built from the HSDS 3.0 schemas with the UK profile's patches applied (tests/fixtures/openreferral/).
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { collections } from '../../src/content-model/collections';
import { readContent, readYamlFile } from '../../src/content-model/read';
import { translator } from '../../src/i18n';
import type { DirectoryContent } from '../../src/openreferral/map';
import { settingsSchema } from '../../src/schemas/settings';

const fixtures = path.resolve('tests/fixtures/openreferral');

/** The content of a content folder, parsed by the site's own schemas, as the build gives it to the mapping. */
export function directoryContent(root = 'content', siteUrl = 'http://localhost:4321'): DirectoryContent {
  const { entries } = readContent(root);
  const settings = settingsSchema.parse(readYamlFile(path.join(root, 'settings/site.yaml')));
  const parsed = <T>(collection: keyof typeof collections) =>
    entries.filter((entry) => entry.collection === collection).map((entry) => ({ id: entry.id, data: collections[collection].schema.parse(entry.data) as T, body: entry.body }));
  return {
    groups: parsed('groups'), assets: parsed('assets'), areas: parsed('areas'), categories: parsed('categories'),
    audiences: parsed('audiences'), accessibility: parsed('accessibility'), languages: parsed('languages'),
    siteUrl, siteName: settings.siteName, region: settings.region, t: translator(settings.language),
  };
}

type Schema = { properties?: Record<string, SchemaProperty | null>; required?: string[]; allOf?: unknown; additionalProperties?: boolean; [key: string]: unknown };
type SchemaProperty = { $ref?: string; items?: { $ref?: string }; [key: string]: unknown };

const read = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));
const tables = fs.readdirSync(path.join(fixtures, 'hsds3')).filter((file) => file.endsWith('.json')).map((file) => file.replace(/\.json$/, ''));
const patchOf = (table: string) => {
  const file = path.join(fixtures, 'oruk', `${table}.json`);
  return fs.existsSync(file) ? (read(file) as Schema | null) : undefined;
};
/** Tables whose UK patch is `null`: not part of the UK profile. */
const leftOut = new Set(tables.filter((table) => patchOf(table) === null));
const refersTo = (property: SchemaProperty) => (property.$ref ?? property.items?.$ref)?.replace(/\.json$/, '');

/**
 * A table's schema as the UK profile has it. `strict` instead keeps every HSDS 3.0 field and the
 * UK additions but refuses any other, to catch a field we made up or misspelt.
 */
function tableSchema(table: string, strict: boolean): Schema {
  const schema = structuredClone(read(path.join(fixtures, 'hsds3', `${table}.json`))) as Schema;
  const patch = patchOf(table);
  const properties = schema.properties!;
  for (const [name, value] of Object.entries(patch?.properties ?? {})) {
    if (value !== null) properties[name] = value;
    else if (!strict) delete properties[name];
  }
  if (patch?.required) schema.required = patch.required;
  if (patch && 'allOf' in patch && patch.allOf === null) delete schema.allOf;
  for (const [name, property] of Object.entries(properties)) {
    const target = property && refersTo(property);
    if (!strict && target && leftOut.has(target)) delete properties[name];
  }
  if (strict) schema.additionalProperties = false;
  return schema;
}

export type TableName = 'service' | 'organization' | 'location' | 'service_at_location' | 'taxonomy' | 'taxonomy_term';

/** A validator for each table: `uk` as profiled, `strict` refusing fields neither HSDS 3.0 nor the profile defines. */
export function openReferralValidators(): Record<'uk' | 'strict', (table: TableName) => ValidateFunction> {
  const build = (variant: 'uk' | 'strict') => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    for (const table of tables) ajv.addSchema({ ...tableSchema(table, variant === 'strict'), $id: `https://openreferral.invalid/${variant}/${table}.json` });
    return (table: TableName) => ajv.getSchema(`https://openreferral.invalid/${variant}/${table}.json`)!;
  };
  return { uk: build('uk'), strict: build('strict') };
}

/** Ajv's errors as readable lines, for a failing expectation's message. */
export const describeErrors = (validate: ValidateFunction) => (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message} ${JSON.stringify(error.params)}`).join('\n');
