import { z } from 'astro/zod';
import { address, contactDetails, coordinates, editorNote, image, isoDate, listingStatus, reference, session } from './fields';

/** The kinds of organisation a group can be; also who can apply to a fund (names in i18n, `organisation.*`). */
export const organisationTypes = [
  'community-group',
  'charity',
  'cio',
  'community-interest-company',
  'faith-group',
  'parish-council',
  'school',
  'public-body',
  'social-enterprise',
  'business',
] as const;
export const organisationType = () => z.enum(organisationTypes);

/** A club, group, organisation or service. The Markdown body is its full description. */
export const groupSchema = z
  .object({
  name: z.string().min(2).describe('Name of the group, club or service'),
  summary: z.string().min(10).max(300).describe('One or two sentences saying what it does and for whom'),
  image: image.optional(),
  categories: z.array(reference('categories')).min(1).describe('What it helps with (categories)'),
  audiences: z.array(reference('audiences')).default([]).describe('Who it is for'),
  areas: z.array(reference('areas')).min(1).describe('Towns and villages it serves'),
  venue: reference('assets').optional().describe('The place it meets, if that place is on the asset map'),
  address: address.optional(),
  location: coordinates.optional(),
  schedule: z.array(session).default([]).describe('When it meets'),
  scheduleNote: z.string().optional().describe('Anything else about when it meets, e.g. "by appointment"'),
  cost: z
    .object({
      type: z.enum(['free', 'low-cost', 'paid']).describe('Free, low cost or paid'),
      details: z.string().optional().describe('What it costs, e.g. "£2 a session, first visit free"'),
    })
    .default({ type: 'free' })
    .describe('What it costs'),
  ages: z
    .object({
      min: z.number().int().min(0).max(120).optional().describe('Youngest age welcome'),
      max: z.number().int().min(0).max(120).optional().describe('Oldest age welcome'),
    })
    .default({})
    .describe('Age range'),
  accessibility: z.array(reference('accessibility')).default([]).describe('Accessibility features'),
  languages: z.array(reference('languages')).default(['en']).describe('Languages spoken'),
  contact: contactDetails,
  organisation: z
    .object({
      type: organisationType().describe('What kind of organisation it is'),
      registeredNumber: z.string().optional().describe('Charity or company number, if registered'),
    })
    .default({ type: 'community-group' })
    .describe('The organisation behind it'),
  status: listingStatus,
  visibleFrom: isoDate().optional().describe('Do not show before this date'),
  visibleTo: isoDate().optional().describe('Do not show after this date'),
  lastReviewed: isoDate().describe('When the details were last checked with the group'),
  sensitive: z.boolean().default(false).describe('Shows the quick exit button (e.g. domestic abuse support)'),
  editorNote,
  })
  .superRefine((group, ctx) => {
    if (group.visibleFrom && group.visibleTo && group.visibleTo < group.visibleFrom) {
      ctx.addIssue({ code: 'custom', path: ['visibleTo'], message: 'must not be before visibleFrom' });
    }
    if (group.ages.min !== undefined && group.ages.max !== undefined && group.ages.max < group.ages.min) {
      ctx.addIssue({ code: 'custom', path: ['ages', 'max'], message: 'must not be less than ages.min' });
    }
  });
export type Group = z.output<typeof groupSchema>;
