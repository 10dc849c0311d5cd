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

  it('ranks a listing overdue for review below a reviewed one that matches as well, but not above a better match', () => {
    const stale = { ...document('Wisbech Lunch Club', 'lunch'), overdue: true };
    const fresh = document('Chatteris Friendship Group', 'lunch on Fridays');
    const freshTitle = document('March Lunch Club', 'lunch');
    expect(searchDocuments([stale, fresh, freshTitle], 'lunch').map((d) => d.title)).toEqual(['March Lunch Club', 'Wisbech Lunch Club', 'Chatteris Friendship Group']);
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

  const listing = (title: string, summary: string, terms = '', area?: string): SearchDocument => ({
    href: `/${title}`, title, summary, kind: 'Group', keywords: '', terms, facets: area ? { area: [area] } : {},
  });

  it('finds a listing by its category’s synonyms, and ranks that above a mention in the text', () => {
    const walks = listing('Health Walks', 'Free walks for all', 'Physical activity and sport exercise fitness keep fit');
    const talk = listing('Talk Club', 'We talk about exercise');
    expect(searchDocuments([talk, walks], 'exercise').map((d) => d.title)).toEqual(['Health Walks', 'Talk Club']);
  });

  it('allows one typo in a word of five letters or more, below a match as written', () => {
    const typed = listing('Choir', 'We sing together', 'exercise');
    expect(searchDocuments([typed], 'excercise')).toHaveLength(1);
    expect(searchDocuments([typed], 'exercsie')).toHaveLength(1);
    expect(searchDocuments([listing('Bag', 'bags')], 'bog')).toHaveLength(0);
  });

  it('joins and splits compound words: foodbank and food bank find each other', () => {
    const split = listing('Fenland Food Bank', 'Emergency food');
    const joined = listing('Wisbech Foodbank', 'Parcels');
    expect(searchDocuments([split, joined], 'foodbank').map((d) => d.title).sort()).toEqual(['Fenland Food Bank', 'Wisbech Foodbank']);
    expect(searchDocuments([split, joined], 'food bank').map((d) => d.title).sort()).toEqual(['Fenland Food Bank', 'Wisbech Foodbank']);
  });

  it('needs no little words, and ranks the listings in a town named in the query first without needing its name', () => {
    const there = listing('Chair Yoga', 'Gentle exercise', 'Older people over 60s', 'Chatteris');
    const elsewhere = listing('Health Walks', 'Free exercise for all', '', 'March');
    expect(searchDocuments([elsewhere, there], 'exercise for over 60s in Chatteris', ['Chatteris', 'March']).map((d) => d.title)).toEqual(['Chair Yoga']);
    expect(searchDocuments([elsewhere, there], 'exercise near Chatteris', ['Chatteris', 'March']).map((d) => d.title)).toEqual(['Chair Yoga', 'Health Walks']);
    expect(searchDocuments([elsewhere, there], 'Chatteris', ['Chatteris', 'March']).map((d) => d.title)).toEqual(['Chair Yoga']);
  });
});
