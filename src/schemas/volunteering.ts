import { z } from 'astro/zod';
import { contactDetails, editorNote, isoDate, reference } from './fields';

/** The checks a role may need (names in i18n, `volunteer.dbs.*`). */
export const dbsChecks = ['not-needed', 'basic', 'enhanced'] as const;

/** A volunteering opportunity. The Markdown body is its full description. */
export const volunteeringSchema = z.object({
  title: z.string().min(2).describe('The role, e.g. "Health walk leader"'),
  summary: z.string().min(10).max(300).describe('One or two sentences saying what the role is'),
  groups: z.array(reference('groups')).min(1).describe('The group or groups the volunteer helps'),
  venue: reference('assets').optional().describe('Where the volunteering happens, if that place is on the asset map'),
  areas: z.array(reference('areas')).min(1).describe('Towns and villages the role is in'),
  audiences: z.array(reference('audiences')).default([]).describe('Who the volunteer helps'),
  accessibility: z.array(reference('accessibility')).default([]).describe('Accessibility features of where the role is done'),
  whatYouDo: z.string().min(10).describe("What you'd do"),
  timeAsked: z.string().min(3).describe('The time asked, e.g. "2 hours a week, Tuesday mornings"'),
  skills: z.array(z.string().min(2)).default([]).describe('Skills or experience that help; say if none are needed in the description'),
  dbsCheck: z.enum(dbsChecks).default('not-needed').describe('Whether a DBS check is needed, and which'),
  support: z.string().min(5).describe('Training and support given'),
  expenses: z.string().optional().describe('Expenses paid, e.g. "travel at 45p a mile"'),
  howToApply: z.string().min(5).describe('How to apply, e.g. "email the coordinator with a few lines about yourself"'),
  closes: isoDate().optional().describe('Closing date for applications; leave empty if the role is always open'),
  contact: contactDetails.default({}),
  editorNote,
});
export type VolunteeringEntry = z.output<typeof volunteeringSchema>;
