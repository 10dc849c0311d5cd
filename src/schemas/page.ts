import { z } from 'astro/zod';
import { isoDate } from './fields';

/** A page of information such as about, contact, accessibility or privacy, written in MDX. */
export const pageSchema = z.object({
  title: z.string().min(2).describe('Page title'),
  summary: z.string().min(10).max(300).describe('A sentence shown under the title and in search results'),
  lastUpdated: isoDate().describe('When the page was last changed'),
});
