import { z } from 'astro/zod';
import { isoDate, reference } from './fields';

/** The roles people play in the community programme (names in i18n, `role.*`). */
export const contactRoles = ['community-worker', 'enabler', 'connector', 'officer'] as const;

/**
 * A community worker, enabler, connector or officer. Work contact details only. When they started and
 * stopped are kept here (and so in the content's history), so the KPI report counts who was in post in
 * a past month as it was then.
 */
export const contactSchema = z
  .object({
    name: z.string().min(2).describe('Name as they are known at work'),
    role: z.enum(contactRoles).describe('Their role in the programme'),
    organisation: z.string().min(2).describe('Who they work for'),
    areas: z.array(reference('areas')).min(1).describe('Towns and villages they cover'),
    email: z.string().email().describe('Work email address'),
    phone: z
      .string()
      .regex(/^[0-9 +()]{7,20}$/, 'must be a phone number, e.g. 01632 960123')
      .optional()
      .describe('Work phone number'),
    about: z.string().optional().describe('A sentence on how they can help'),
    started: isoDate().optional().describe('The day they started in the role (the KPI report counts them as recruited that month); none means before the hub kept records'),
    stopped: isoDate().optional().describe('Their last day in the role, if they have stopped; they still count in the months before it'),
  })
  .superRefine((contact, ctx) => {
    if (contact.started && contact.stopped && contact.stopped < contact.started) {
      ctx.addIssue({ code: 'custom', path: ['stopped'], message: 'must not be before started' });
    }
  });
export type Contact = z.output<typeof contactSchema>;
