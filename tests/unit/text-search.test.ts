import { describe, expect, it } from 'vitest';
import { prepareSearch, type SearchDocument, searchDocuments } from '../../src/search/text-search';

const document = (title: string, keywords = ''): SearchDocument => ({ href: `/${title}`, title, summary: '', kind: 'Group', keywords, facets: {} });
const documents = [
  document('Wisbech Lunch Club', 'Wisbech food company'),
  document('March Lunch Club', 'March'),
  document('Chatteris Walking Group', 'Chatteris lunch afterwards'),
];

describe('the server-rendered search', () => {
  it('finds documents containing every word, whatever the case', () => {
    expect(searchDocuments(documents, 'LUNCH wisbech').map((d) => d.title)).toEqual(['Wisbech Lunch Club']);
  });

  it('finds the same once a newly published release has prepared its documents ahead, in pieces that let other work run between them', async () => {
    const prepared = documents.map((d) => ({ ...d }));
    let otherWorkRan = false;
    setImmediate(() => (otherWorkRan = true));
    await prepareSearch(prepared, 1);
    expect(otherWorkRan).toBe(true);
    expect(searchDocuments(prepared, 'lunch').map((d) => d.title)).toEqual(searchDocuments(documents, 'lunch').map((d) => d.title));
  });

  it('puts title matches before matches elsewhere', () => {
    expect(searchDocuments(documents, 'lunch').map((d) => d.title)).toEqual(['March Lunch Club', 'Wisbech Lunch Club', 'Chatteris Walking Group']);
  });

  it('lists everything A to Z for an empty query, so filters alone can browse', () => {
    expect(searchDocuments(documents, '  ').map((d) => d.title)).toEqual(['Chatteris Walking Group', 'March Lunch Club', 'Wisbech Lunch Club']);
  });

  it('ranks listings overdue for review below reviewed ones, even with a better title match', () => {
    const stale = { ...document('Wisbech Lunch Club', 'lunch'), overdue: true };
    const fresh = document('Chatteris Friendship Group', 'lunch on Fridays');
    expect(searchDocuments([stale, fresh], 'lunch').map((d) => d.title)).toEqual(['Chatteris Friendship Group', 'Wisbech Lunch Club']);
  });

  it('finds other forms of a word, as the browser search does: "walking" finds "walk" and "walks"', () => {
    const found = searchDocuments([document('Bowls', 'you walk and stretch'), document('Rambles', 'short walks'), document('Chess')], 'walking');
    expect(found.map((d) => d.title)).toEqual(['Bowls', 'Rambles']);
  });

  it('matches the start of a word, so a half-typed word finds results', () => {
    expect(searchDocuments(documents, 'wisb').map((d) => d.title)).toEqual(['Wisbech Lunch Club']);
  });

  it('ignores accents and punctuation', () => {
    expect(searchDocuments([document('Café Néo')], 'cafe-neo')).toHaveLength(1);
  });
});
