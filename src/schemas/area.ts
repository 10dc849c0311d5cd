import { z } from 'astro/zod';
import { coordinates, reference } from './fields';

/** A town, village, parish or ward. */
export const areaSchema = z.object({
  name: z.string().min(2).describe('Name of the place'),
  kind: z.enum(['town', 'village', 'parish', 'ward']).describe('Town, village, parish or ward'),
  summary: z.string().min(10).max(300).describe('A sentence about the place'),
  centre: coordinates.describe("The place's centre, used for distance sorting"),
  onsCode: z
    .string()
    .regex(/^[ENSWK]\d{8}$/, 'must be an ONS (GSS) code, e.g. E04001234')
    .optional()
    .describe('Its ONS code (GSS): the parish (E04…) or ward (E05…); published with grants as where they benefit'),
  communityWorker: reference('contacts').optional().describe('The community worker for this area'),
});
export type Area = z.output<typeof areaSchema>;
