import { z } from 'astro/zod';
import { address } from './fields';

/** Site-wide settings, edited in the CMS. */
export const settingsSchema = z.object({
  siteName: z.string().min(2).describe('Name shown in the header and page titles'),
  tagline: z.string().min(5).describe('One line under the name on the home page'),
  organisation: z.string().min(2).describe('Who runs the hub'),
  language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/).default('en-GB').describe('Language of the site, e.g. en-GB'),
  brandColour: z
    .string()
    .regex(/^#[0-9a-f]{6}$/i, 'must be a hex colour, e.g. #0b5c3e')
    .describe('Header and button colour; must have 4.5:1 contrast with white'),
  contact: z
    .object({
      email: z.string().email().describe('Email for the hub team'),
      phone: z.string().regex(/^[0-9 +()]{7,20}$/).describe('Phone number for the hub team'),
      hours: z.string().describe('When the phone is answered'),
      address,
    })
    .describe('How residents reach the hub team'),
  region: z.string().min(2).optional().describe('County or region the hub serves, e.g. Cambridgeshire; completes addresses in the open data'),
  quickExitUrl: z.string().url().default('https://www.bbc.co.uk/weather').describe('Where the quick exit button goes'),
  mapTiles: z
    .object({
      url: z.string().default('https://tile.openstreetmap.org/{z}/{x}/{y}.png').describe('Map tile address template'),
      attribution: z.string().default('© OpenStreetMap contributors').describe('Credit shown on the map'),
    })
    .default({})
    .describe('Where map tiles come from'),
  licence: z
    .object({
      name: z.string().default('Open Government Licence v3.0').describe('Licence for the open data'),
      url: z
        .string()
        .url()
        .default('https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/')
        .describe('Where the licence text is'),
    })
    .default({})
    .describe('Licence for the open data'),
  threeSixtyGiving: z
    .object({
      prefix: z
        .string()
        .regex(/^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/, 'must be letters, digits and single hyphens, e.g. fenlandhub')
        .describe('The prefix 360Giving registered for you; grant identifiers are 360G-<prefix>-<reference>'),
      fundingOrganisationId: z
        .string()
        .regex(/^[A-Z]{2}-[A-Z]{2,5}-[A-Za-z0-9-]+$/, 'must be an org-id.guide identifier, e.g. GB-LAE-FEN')
        .describe('Identifier of the organisation that awards the grants, from org-id.guide, e.g. GB-LAE-FEN'),
    })
    .optional()
    .describe('Publishing awarded grants as 360Giving open data'),
});
export type Settings = z.output<typeof settingsSchema>;
