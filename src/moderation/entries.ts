/**
 * What an approved submission becomes in the content: a story, a new group or asset, an event or
 * training course, a volunteering role, or an existing listing with a suggested edit applied, as the file the CMS would write (front matter and body) and
 * its media. Every answer goes to the schema field it belongs in; what cannot be placed in a field
 * without guessing goes to `editorNote` for the editor to act on. Pure.
 */
import { parseDocument, stringify } from 'yaml';
import { collections, extensions } from '../content-model/collections';
import type { FileType } from '../forms/file-type';

export type EntryCollection = 'stories' | 'groups' | 'assets' | 'events' | 'volunteering';

/** A content entry to open as a CMS draft. */
export interface EntryFile {
  collection: EntryCollection;
  slug: string;
  /** The entry's path in the repository, e.g. `content/stories/litter-pick.mdx`. */
  path: string;
  /** The whole file as the CMS would save it. */
  text: string;
  /** Images the entry uses, at their repository paths under `public/uploads`. */
  media: { path: string; content: Uint8Array }[];
  /** Set for a change to an entry that exists; a new entry otherwise. */
  existing?: boolean;
}

/** Where an entry of a collection lives, as the CMS (which sees the repository root) names it. */
export function entryPath(collection: EntryCollection, slug: string): string {
  const definition = collections[collection];
  return `content/${definition.location}/${slug}${extensions[definition.format as 'markdown' | 'mdx']}`;
}

/** The address of an entry's page on the site. */
export const entryPage = (collection: EntryCollection, slug: string): string =>
  `/${collection === 'events' ? 'whats-on' : collection === 'volunteering' ? 'volunteer' : collection}/${slug}/`;

/** An id from a name, as the CMS makes its slugs: lower case ASCII, accents dropped, hyphens between words. */
export function slugFrom(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'entry';
}

/** `slug`, or `slug-2`, `slug-3`… when `taken` says the id is in use. */
export async function freeSlug(slug: string, taken: (candidate: string) => Promise<boolean>): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? slug : `${slug}-${n}`;
    if (!(await taken(candidate))) return candidate;
  }
}

const text = (answers: Record<string, unknown>, key: string): string => (typeof answers[key] === 'string' ? (answers[key] as string).trim() : '');
const list = (answers: Record<string, unknown>, key: string): string[] =>
  Array.isArray(answers[key]) ? (answers[key] as unknown[]).filter((item): item is string => typeof item === 'string') : [];

/** A file with YAML front matter, as the CMS writes Markdown and MDX entries. */
function frontMatterFile(data: Record<string, unknown>, body: string): string {
  return `---\n${stringify(data, { lineWidth: 0 })}---\n${body.trim() === '' ? '' : `\n${body.trim()}\n`}`;
}

/**
 * Text from a form as MDX, read as text and never run: braces and angle brackets would otherwise be
 * expressions and tags, and a line starting `import` or `export` a module statement (its first letter
 * goes as a character reference, which reads the same).
 */
export const mdxText = (value: string): string =>
  value
    .replace(/\r\n?/g, '\n')
    .replace(/[{}<>]/g, (character) => `\\${character}`)
    .replace(/^([ \t]*)([ie])(mport|xport)\b/gm, (_line, indent: string, first: string, rest: string) => `${indent}&#${first.charCodeAt(0)};${rest}`);

/** The opening of a text, at most `max` characters, ending at a sentence where one ends in time. */
export function summaryOf(value: string, max = 300): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const sentence = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '));
  if (sentence >= 10) return cut.slice(0, sentence + 1);
  return `${cut.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

const imageExtension: Partial<Record<FileType, string>> = { jpeg: 'jpg', png: 'png' };

/** A story sent through the public form or a funded project's feedback, with its photo if it has one (or a note that it could not be read). */
export function storyEntry(
  answers: Record<string, unknown>,
  slug: string,
  today: string,
  photo?: { fileType: FileType; content: Uint8Array } | 'unreadable',
): EntryFile {
  const story = text(answers, 'story');
  const image = photo === 'unreadable' ? undefined : photo;
  const extension = image && imageExtension[image.fileType];
  const media = extension ? [{ path: `public/uploads/${slug}.${extension}`, content: image!.content }] : [];
  const data: Record<string, unknown> = {
    title: text(answers, 'title'),
    date: today,
    // The sender's first name only: the story is published, the rest of their name is not asked to be.
    author: text(answers, 'name').split(/\s+/)[0] ?? '',
    summary: summaryOf(story),
    areas: text(answers, 'area') ? [text(answers, 'area')] : [],
    groups: list(answers, 'groupIds'),
    ...(text(answers, 'fund') ? { fund: text(answers, 'fund') } : {}),
    ...(extension ? { image: { src: `/uploads/${slug}.${extension}`, alt: text(answers, 'photoAlt') } } : {}),
  };
  const notes: string[] = [];
  const unmatchedGroups = text(answers, 'groups');
  if (unmatchedGroups && list(answers, 'groupIds').length === 0) notes.push(`The sender named these groups: ${unmatchedGroups}`);
  if (photo === 'unreadable') notes.push('The photo sent could not be read as an image, so it is not here: ask the sender for another.');
  if (notes.length > 0) data.editorNote = notes.join('\n');
  return { collection: 'stories', slug, path: entryPath('stories', slug), text: frontMatterFile(data, mdxText(story)), media };
}

/** A phone number as the content schema writes it (digits, spaces, + and brackets). */
const contentPhone = (phone: string) => phone.replace(/-/g, ' ').replace(/\s+/g, ' ').trim();

/** A new group or asset from the add-a-listing form. Required fields the form does not ask (an asset's building block) are left for the editor. */
export function newListingEntry(answers: Record<string, unknown>, slug: string, today: string): EntryFile {
  const collection: EntryCollection = text(answers, 'kind') === 'asset' ? 'assets' : 'groups';
  const contact = Object.fromEntries(
    [['email', text(answers, 'publicEmail')], ['phone', contentPhone(text(answers, 'publicPhone'))], ['website', text(answers, 'publicWebsite')]].filter(([, value]) => value !== ''),
  );
  const notes: string[] = [];
  if (text(answers, 'where')) notes.push(`Where it is, in the sender's words: ${text(answers, 'where')}`);
  const data: Record<string, unknown> = { name: text(answers, 'name'), summary: text(answers, 'summary') };
  if (collection === 'groups') {
    Object.assign(data, { categories: list(answers, 'categories'), areas: [text(answers, 'area')] });
    if (text(answers, 'when')) data.scheduleNote = text(answers, 'when');
  } else {
    Object.assign(data, { area: text(answers, 'area'), categories: list(answers, 'categories') });
    if (text(answers, 'when')) notes.push(`When it is open, in the sender's words: ${text(answers, 'when')}`);
    notes.push('Choose its building block and say how to use or book it.');
  }
  if (Object.keys(contact).length > 0) data.contact = contact;
  data.lastReviewed = today;
  if (notes.length > 0) data.editorNote = notes.join('\n');
  return { collection, slug, path: entryPath(collection, slug), text: frontMatterFile(data, ''), media: [] };
}

/** Contact details written out in a correction: email addresses, UK phone numbers and web addresses. */
export function contactDetailsIn(correction: string): { email?: string; phone?: string; website?: string } {
  const email = /[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/i.exec(correction)?.[0];
  const website = /\bhttps?:\/\/[^\s<>()]+[^\s<>().,;]/i.exec(correction)?.[0];
  const phone = /(?:\+44\s?|\b0)(?:[\s()-]*\d){9,10}\b/.exec(correction)?.[0];
  return {
    ...(email ? { email } : {}),
    ...(phone ? { phone: contentPhone(phone) } : {}),
    ...(website ? { website } : {}),
  };
}

/**
 * A listing with a suggested edit applied. Only what the correction says unambiguously is put in a
 * field: a new name (when the name alone is flagged and the correction is one line), a closure, and
 * contact details written out. The correction itself always goes to the editor as a note.
 */
export function suggestedEditEntry(current: { collection: 'groups' | 'assets'; slug: string; text: string }, answers: Record<string, unknown>, reference: string): EntryFile {
  const match = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)([\s\S]*)$/.exec(current.text);
  if (!match) throw new Error(`${entryPath(current.collection, current.slug)} has no front matter`);
  const document = parseDocument(match[1]!);
  const problems = list(answers, 'problems');
  const correction = text(answers, 'correction');
  if (problems.length === 1 && problems[0] === 'name' && !correction.includes('\n') && correction.length >= 2 && correction.length <= 100) document.set('name', correction);
  if (problems.includes('closed') && current.collection === 'groups') document.set('status', 'closed');
  if (problems.includes('contact')) {
    for (const [field, value] of Object.entries(contactDetailsIn(correction))) document.setIn(['contact', field], value);
  }
  document.set('editorNote', `Suggested edit ${reference} (${problems.join(', ')}): ${correction}`);
  const frontMatter = document.toString({ lineWidth: 0 });
  return {
    collection: current.collection,
    slug: current.slug,
    path: entryPath(current.collection, current.slug),
    text: `---\n${frontMatter}---\n${match[2]}`,
    media: [],
    existing: true,
  };
}

/** Public contact details as the content writes them, leaving out those not given. */
function contactOf(answers: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    [['email', text(answers, 'publicEmail')], ['phone', contentPhone(text(answers, 'publicPhone'))], ['website', text(answers, 'publicWebsite')]].filter(([, value]) => value !== ''),
  );
}

/** The form's "does it happen more than once?" as the event schema's repeat fields (see src/schemas/forms/whats-on.ts). */
const repeats: Record<string, Record<string, unknown> | undefined> = {
  once: undefined,
  daily: { frequency: 'daily' },
  weekly: { frequency: 'weekly' },
  fortnightly: { frequency: 'weekly', interval: 2 },
  'monthly-date': { frequency: 'monthly', monthlyOn: 'date' },
  'monthly-weekday': { frequency: 'monthly', monthlyOn: 'weekday' },
  'monthly-last': { frequency: 'monthly', monthlyOn: 'last-weekday' },
};

/**
 * An event or training course from the public form (answers as kept: see `keptWhatsOnAnswers`): the
 * group, place or address, areas, day, times, repeat, cost, booking and public contact in their fields,
 * the description as the body. Every answer has a field, so nothing goes to the editor's note.
 */
export function eventEntry(answers: Record<string, unknown>, slug: string): EntryFile {
  const data: Record<string, unknown> = {
    kind: text(answers, 'kind') === 'training' ? 'training' : 'event',
    title: text(answers, 'title'),
    summary: text(answers, 'summary'),
    groups: [text(answers, 'group')],
  };
  if (text(answers, 'venue')) data.venue = text(answers, 'venue');
  else data.address = { line1: text(answers, 'addressLine1'), town: text(answers, 'addressTown'), postcode: text(answers, 'addressPostcode').toUpperCase() };
  data.areas = list(answers, 'areas');
  data.cost = { type: text(answers, 'cost') || 'free', ...(text(answers, 'costDetails') ? { details: text(answers, 'costDetails') } : {}) };
  data.date = text(answers, 'date');
  if (answers.allDay === true) data.allDay = true;
  else Object.assign(data, { starts: text(answers, 'starts'), ends: text(answers, 'ends') });
  const repeat = repeats[text(answers, 'repeat')];
  if (repeat) data.repeat = { ...repeat, ...(text(answers, 'until') ? { until: text(answers, 'until') } : {}) };
  const booking = {
    ...(answers.booking === 'yes' ? { required: true } : {}),
    ...(text(answers, 'bookingHow') ? { how: text(answers, 'bookingHow') } : {}),
    ...(text(answers, 'bookingUrl') ? { url: text(answers, 'bookingUrl') } : {}),
  };
  if (Object.keys(booking).length > 0) data.booking = booking;
  if (text(answers, 'forWhom')) data.forWhom = text(answers, 'forWhom');
  if (typeof answers.places === 'number') data.places = answers.places;
  const contact = contactOf(answers);
  if (Object.keys(contact).length > 0) data.contact = contact;
  return { collection: 'events', slug, path: entryPath('events', slug), text: frontMatterFile(data, mdxText(text(answers, 'description'))), media: [] };
}

/** A volunteering role from the public form; a DBS check the sender was not sure about is left for the editor to settle. */
export function volunteeringEntry(answers: Record<string, unknown>, slug: string): EntryFile {
  const data: Record<string, unknown> = {
    title: text(answers, 'title'),
    summary: text(answers, 'summary'),
    groups: [text(answers, 'group')],
    ...(text(answers, 'venue') ? { venue: text(answers, 'venue') } : {}),
    areas: list(answers, 'areas'),
    whatYouDo: text(answers, 'whatYouDo'),
    timeAsked: text(answers, 'timeAsked'),
  };
  const skills = text(answers, 'skills').split('\n').map((line) => line.trim()).filter((line) => line.length >= 2);
  if (skills.length > 0) data.skills = skills;
  const dbs = text(answers, 'dbsCheck');
  if (dbs !== 'not-sure') data.dbsCheck = dbs || 'not-needed';
  Object.assign(data, { support: text(answers, 'support') });
  if (text(answers, 'expenses')) data.expenses = text(answers, 'expenses');
  data.howToApply = text(answers, 'howToApply');
  if (text(answers, 'closes')) data.closes = text(answers, 'closes');
  const contact = contactOf(answers);
  if (Object.keys(contact).length > 0) data.contact = contact;
  if (dbs === 'not-sure') data.editorNote = 'The sender was not sure whether the role needs a DBS check: ask the group and set it.';
  return { collection: 'volunteering', slug, path: entryPath('volunteering', slug), text: frontMatterFile(data, mdxText(text(answers, 'description'))), media: [] };
}
