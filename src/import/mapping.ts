/**
 * The council's mapping from a feed's words to ours: taxonomy terms to our categories and audiences,
 * towns and service areas to our areas, languages and accessibility features to ours, and, where two
 * services would get the same id, the id to give one of them. It is a YAML file the council edits;
 * the import writes it with every term it could not place, and fills in suggestions when asked.
 */
import { parse, stringify } from 'yaml';
import { closest } from './messages';

/** The sections of the mapping file, each from the feed's word to one of our ids, a list of them, or `ignore`. */
export const mappingSections = ['terms', 'towns', 'languages', 'accessibility', 'ids'] as const;
export type MappingSection = (typeof mappingSections)[number];
export type Mapping = Record<MappingSection, Record<string, string | string[] | null>>;

export const emptyMapping = (): Mapping => ({ terms: {}, towns: {}, languages: {}, accessibility: {}, ids: {} });

/** What a section is for, as the comment above it in the file. */
const sectionHelp: Record<MappingSection, string> = {
  terms: 'Taxonomy terms (attributes[].taxonomy_term) → a category or audience id, a list of them, or ignore',
  towns: 'Service areas and towns (service_areas[].name, addresses[].city) → an area id, a list of them, or ignore',
  languages: 'Languages (languages[].name or code) → a language id, or ignore',
  accessibility: 'Accessibility (location.accessibility[].description) → an accessibility feature id, or ignore',
  ids: 'Services whose names would give the same id: the feed’s service id → the id to give it here',
};

/** Reads the mapping file's text; a problem with the file is a sentence, not a stack trace. */
export function readMapping(text: string): { mapping: Mapping; problems: string[] } {
  const mapping = emptyMapping();
  let parsed: unknown;
  try {
    parsed = parse(text) ?? {};
  } catch (error) {
    return { mapping, problems: [`is not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : error}`] };
  }
  if (typeof parsed !== 'object' || Array.isArray(parsed)) return { mapping, problems: [`must have the sections ${mappingSections.join(', ')}`] };
  const problems: string[] = [];
  for (const [section, entries] of Object.entries(parsed as Record<string, unknown>)) {
    if (!mappingSections.includes(section as MappingSection)) {
      problems.push(`"${section}" is not a section: use ${mappingSections.join(', ')}`);
      continue;
    }
    if (entries === null || entries === undefined) continue;
    if (typeof entries !== 'object' || Array.isArray(entries)) {
      problems.push(`${section}: must be a list of "feed word: our id" lines`);
      continue;
    }
    for (const [word, value] of Object.entries(entries as Record<string, unknown>)) {
      const ok = value === null || typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
      if (ok) mapping[section as MappingSection][word] = value as string | string[] | null;
      else problems.push(`${section}: "${word}" must be an id, a list of ids, or ignore`);
    }
  }
  return { mapping, problems };
}

/** What the mapping says for a word: undefined when it is not filled in yet. */
export function mapped(mapping: Mapping, section: MappingSection, word: string): string[] | undefined {
  const value = mapping[section][word];
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) return undefined;
  const ids = (Array.isArray(value) ? value : [value]).map((id) => id.trim()).filter(Boolean);
  return ids.includes('ignore') ? [] : ids;
}

/**
 * The mapping with every unplaced word added (kept values stay as they are), as the file's text.
 * With `suggest`, each new word gets the id whose name is most like it, to be checked by a person.
 */
export function mappingTemplate(
  mapping: Mapping,
  unplaced: Partial<Record<MappingSection, string[]>>,
  ours: Record<Exclude<MappingSection, 'ids'>, { id: string; name: string }[]>,
  suggest: boolean,
): string {
  const next = structuredClone(mapping);
  for (const section of mappingSections) {
    for (const word of unplaced[section] ?? []) {
      if (mapped(next, section, word) !== undefined) continue;
      const guess = suggest && section !== 'ids' ? closest(word, ours[section]) : undefined;
      next[section][word] = guess?.id ?? '';
    }
  }
  const lines = [
    '# How the feed’s words map to this hub’s. Fill in each empty value with one of our ids (listed at',
    '# the end), a list of them in [brackets], or ignore; then run the import again.',
    '',
  ];
  for (const section of mappingSections) {
    lines.push(`# ${sectionHelp[section]}`);
    lines.push(Object.keys(next[section]).length ? stringify({ [section]: next[section] }, { lineWidth: 0, nullStr: '' }).trimEnd() : `${section}: {}`);
    lines.push('');
  }
  lines.push('# Our ids:');
  for (const section of ['terms', 'towns', 'languages', 'accessibility'] as const) {
    lines.push(`#   ${section}: ${ours[section].map((entry) => entry.id).join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}
