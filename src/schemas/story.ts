import { z } from 'astro/zod';
import { editorNote, image, isoDate, reference } from './fields';

/** A community story, written in MDX. */
export const storySchema = z.object({
  title: z.string().min(2).describe('Headline'),
  date: isoDate().describe('Date published'),
  author: z.string().min(2).describe("Author's display name, e.g. \"Sam, community enabler\""),
  summary: z.string().min(10).max(300).describe('One or two sentences for lists and search results'),
  areas: z.array(reference('areas')).default([]).describe('Towns and villages the story is about'),
  groups: z.array(reference('groups')).default([]).describe('Groups in the story'),
  fund: reference('funds').optional().describe('The fund that paid for the project, if any'),
  image: image.optional(),
  editorNote,
});
export type Story = z.output<typeof storySchema>;
