import { describe, expect, it } from 'vitest';
import { contactDetailsIn, mdxText, newListingEntry, slugFrom, storyEntry, suggestedEditEntry, summaryOf } from '../../src/moderation/entries';

describe('what an approved submission becomes in the content', () => {
  it('names the file as the CMS names its slugs', () => {
    expect(slugFrom('Café & Chat: Whittlesey’s “Warm Space”')).toBe('cafe-chat-whittlesey-s-warm-space');
    expect(slugFrom('!!!')).toBe('entry');
  });

  it('makes a story’s summary from its opening, ending at a sentence', () => {
    const long = `${'Neighbours met in the hall. '.repeat(12)}And then more.`;
    const summary = summaryOf(long);
    expect(summary.length).toBeLessThanOrEqual(300);
    expect(summary.endsWith('hall.')).toBe(true);
    expect(summaryOf('Short and sweet.')).toBe('Short and sweet.');
  });

  it('keeps braces, angle brackets and module statements in a story as text, never code that runs', async () => {
    expect(mdxText('a {b} <c>')).toBe('a \\{b\\} \\<c\\>');
    const hostile = 'Our day out.\n\nexport const x = Function("return process")()\nimport fs from "node:fs"\n{process.env.CMS_TOKEN}';
    const { compile } = await import('@mdx-js/mdx');
    const compiled = String(await compile(mdxText(hostile)));
    // Module statements and expressions would be lines of their own in the compiled module; here all is one paragraph's text.
    expect(compiled).not.toMatch(/^(export const x|import fs)/m);
    expect(compiled).toContain('children: "export const x = Function');
    expect(compiled).toContain('{process.env.CMS_TOKEN}"');
  });

  it('puts a photo in public/uploads with its alternative text', () => {
    const entry = storyEntry({ title: 'Litter pick', story: 'We picked up forty bags of litter.', area: 'march', name: 'Sam Smith', photoAlt: 'Bags of litter' }, 'litter-pick', '2026-12-06', { fileType: 'jpeg', content: new Uint8Array([1, 2, 3]) });
    expect(entry.media.map((file) => file.path)).toEqual(['public/uploads/litter-pick.jpg']);
    expect(entry.text).toContain('image:\n  src: /uploads/litter-pick.jpg\n  alt: Bags of litter');
    expect(entry.text).toContain('author: Sam\n');
  });

  it('leaves an asset’s building block to the editor, saying so, instead of guessing it', () => {
    const entry = newListingEntry({ kind: 'asset', name: 'Manea Community Orchard', summary: 'An orchard anyone can visit.', area: 'manea', categories: [] }, 'manea-community-orchard', '2026-12-06');
    expect(entry.path).toBe('content/assets/manea-community-orchard.md');
    expect(entry.text).not.toContain('block:');
    expect(entry.text).toContain('Choose its building block');
  });

  it('finds contact details written out in a correction, and nothing where there are none', () => {
    expect(contactDetailsIn('Call 01632 960123 or see https://choir.example.org/join.')).toEqual({ phone: '01632 960123', website: 'https://choir.example.org/join' });
    expect(contactDetailsIn('It moved to Tuesdays')).toEqual({});
  });

  it('applies a one-line new name, and leaves a free-text correction as a note only', () => {
    const current = { collection: 'groups' as const, slug: 'choir', text: '---\nname: Old Choir\nsummary: We sing.\n---\nBody text.\n' };
    const renamed = suggestedEditEntry(current, { problems: ['name'], correction: 'Chatteris Singers' }, 'ABC12345');
    expect(renamed.text).toContain('name: Chatteris Singers');
    expect(renamed.text.endsWith('Body text.\n')).toBe(true);
    const other = suggestedEditEntry(current, { problems: ['times', 'name'], correction: 'Chatteris Singers, on Wednesdays now' }, 'ABC12345');
    expect(other.text).toContain('name: Old Choir');
    expect(other.text).toContain('editorNote: "Suggested edit ABC12345 (times, name): Chatteris Singers, on Wednesdays now"');
  });
});
