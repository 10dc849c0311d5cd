/**
 * 360Giving's JSON Schemas (standard 1.4.3, tests/fixtures/360giving/), compiled with ajv for
 * draft 2020-12: a package validator, and the column titles the standard's flat CSV may use.
 */
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

// A copy of ../shared/standards/360giving/ (standard 1.4.3, with its licence), so the tests need nothing outside the repository.
const folder = new URL('../fixtures/360giving/', import.meta.url);
const read = (name: string) => JSON.parse(readFileSync(new URL(name, folder), 'utf8')) as Record<string, any>;
export const grantSchema = read('360-giving-schema.json');
const packageSchema = read('360-giving-package-schema.json');

/** Validates a `{ "grants": [...] }` package; the errors are in `.errors` when it fails. */
export function packageValidator() {
  // strict off: the schema carries 360Giving's own keywords (codelist, rollUp) that JSON Schema ignores.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  // The schemas name draft 2020-12 by its http address, which ajv knows by its https one; they are compiled as 2020-12 all the same.
  const withoutMeta = ({ $schema: _meta, ...schema }: Record<string, any>) => schema;
  ajv.addSchema(withoutMeta(grantSchema));
  // The 1.4.3 package refers to the grant schema by its 1.4.2 address; the two are the same schema.
  const grantsRef = packageSchema.properties.grants.items.$ref as string;
  if (grantsRef !== grantSchema.$id) ajv.addSchema({ ...withoutMeta(grantSchema), $id: grantsRef });
  return ajv.compile(withoutMeta(packageSchema));
}

/** The CSV column title for a path like recipientOrganization/id: the titles joined with ":", as 360Giving's templates spell them. */
export function csvTitle(path: string[]): string {
  const titles: string[] = [];
  let schema: Record<string, any> = grantSchema;
  for (const key of path) {
    const property = schema.properties?.[key];
    if (!property) throw new Error(`${path.join('/')} is not in the 360Giving schema`);
    titles.push(property.title);
    const ref = (property.items?.$ref ?? property.$ref) as string | undefined;
    schema = ref ? grantSchema.$defs[ref.replace('#/$defs/', '')] : property;
  }
  return titles.join(':');
}

/** Every column title the standard allows (one level of nesting), to check a CSV header against. */
export function allCsvTitles(): Set<string> {
  const titles = new Set<string>();
  for (const [key, property] of Object.entries(grantSchema.properties as Record<string, any>)) {
    // Currency has no title of its own (it is a $ref to a code list); 360Giving's templates head it "Currency".
    titles.add(property.title ?? key.charAt(0).toUpperCase() + key.slice(1));
    const ref = (property.items?.$ref ?? property.$ref) as string | undefined;
    const nested = ref?.startsWith('#/$defs/') ? grantSchema.$defs[ref.replace('#/$defs/', '')] : undefined;
    for (const child of Object.keys(nested?.properties ?? {})) titles.add(csvTitle([key, child]));
  }
  return titles;
}
