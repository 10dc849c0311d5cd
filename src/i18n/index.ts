import { en, type StringKey } from './en';

const dictionaries: Record<string, Record<StringKey, string>> = { en };

/** The dictionary for a site language such as "en-GB", falling back to English. */
export function translator(language: string) {
  const strings = dictionaries[language.split('-')[0]] ?? en;
  return (key: StringKey, values: Record<string, string | number> = {}): string =>
    strings[key].replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

export type Translate = ReturnType<typeof translator>;
