/**
 * Field types shared by several collections. Every field carries a one-line
 * description (`.describe`), which doubles as its doc comment and, later, as the
 * CMS hint, so the wording lives in one place.
 */
import { z } from 'astro/zod';

/** The collections a reference can point at. */
export const collectionNames = [
  'groups',
  'assets',
  'funds',
  'stories',
  'areas',
  'contacts',
  'categories',
  'audiences',
  'accessibility',
  'languages',
  'pages',
  'events',
  'volunteering',
] as const;
export type CollectionName = (typeof collectionNames)[number];

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A lower-case, hyphenated identifier, as used in file names and URLs. */
export const slug = () =>
  z.string().regex(slugPattern, 'must be lower-case letters, digits and single hyphens, e.g. "wisbech-library"');

/**
 * A reference to an entry of another collection, by its id (the file name without its extension).
 * The target is kept on the schema's definition so the reference checker and the CMS
 * config generator can find it by walking the schema; zod copies `_def` through `.describe()`.
 */
export function reference(collection: CollectionName) {
  const schema = slug();
  (schema._def as ReferenceDef).referenceTo = collection;
  return schema;
}
type ReferenceDef = { referenceTo?: CollectionName };

/** The collection a schema refers to, if it is a reference. */
export function referenceTarget(schema: z.ZodTypeAny): CollectionName | undefined {
  return (schema._def as ReferenceDef).referenceTo;
}

/**
 * A calendar date written as YYYY-MM-DD. YAML parsers disagree on whether that is a
 * string or a Date, so both are accepted, and impossible dates (31 February) are refused.
 */
export const isoDate = () =>
  z
    .union([z.date(), z.string()])
    .transform((value, ctx) => {
      const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
      const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : new Date(Number.NaN);
      if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${text}" is not a real date written as YYYY-MM-DD` });
        return z.NEVER;
      }
      return date;
    });

/** A point on the map (WGS84). */
export const coordinates = z
  .object({
    lat: z.number().min(-90).max(90).describe('Latitude in decimal degrees, e.g. 52.6664'),
    lng: z.number().min(-180).max(180).describe('Longitude in decimal degrees, e.g. 0.1596'),
  })
  .describe('Where it is on the map');

const ukPostcode = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i;

/** A postal address. */
export const address = z
  .object({
    line1: z.string().min(1).describe('First line of the address, e.g. the building and street'),
    line2: z.string().optional().describe('Second line of the address'),
    town: z.string().min(1).describe('Town or village'),
    postcode: z.string().regex(ukPostcode, 'must be a UK postcode, e.g. PE13 1AB').describe('Postcode'),
  })
  .describe('Postal address');

/** How to get in touch with a group, asset, fund or person. */
export const contactDetails = z
  .object({
    email: z.string().email().optional().describe('Email address'),
    phone: z
      .string()
      .regex(/^[0-9 +()]{7,20}$/, 'must be a phone number, e.g. 01632 960123')
      .optional()
      .describe('Phone number'),
    website: z.string().url().optional().describe('Website address, starting https://'),
  })
  .describe('How to get in touch');

/** The days a schedule can fall on, Monday first as on a UK calendar. */
export const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** A time of day on a 24-hour clock, e.g. 09:30. */
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time, e.g. 09:30');

/** One regular session of a group or opening period of a place. */
export const session = z
  .object({
    day: z.enum(days).describe('Day of the week'),
    opens: clockTime.describe('Start time, 24-hour, e.g. 09:30'),
    closes: clockTime.describe('End time, 24-hour, e.g. 11:30'),
    frequency: z.enum(['weekly', 'fortnightly', 'monthly']).default('weekly').describe('How often it happens'),
    note: z.string().optional().describe('Anything else about this session, e.g. "term time only"'),
  })
  .superRefine((session, ctx) => {
    // Times on a 24-hour clock with leading zeros compare as text.
    if (session.closes <= session.opens) ctx.addIssue({ code: 'custom', path: ['closes'], message: 'must be after the start time' });
  });

/** Whether an entry is live. */
export const listingStatus = z
  .enum(['active', 'temporarily-closed', 'closed'])
  .default('active')
  .describe('Whether it is running: active, temporarily closed or closed');

/** An image with the text a screen reader reads instead. */
export const image = z
  .object({
    src: z.string().min(1).describe('Image path, e.g. /uploads/garden.jpg'),
    alt: z.string().min(1).describe('What the image shows, for people who cannot see it'),
  })
  .describe('An image with its alternative text');

/** What a sender asked for that could not be put in a field, left by an approval in the moderation queue. */
export const editorNote = z
  .string()
  .optional()
  .describe('Note for the editor from the moderation queue, never shown on the site: act on it, then delete it');
