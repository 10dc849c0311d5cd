/** Reads the content directory into raw entries, before any validation. */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { CollectionName } from '../schemas/fields';
import { type CollectionDefinition, collections, extensions } from './collections';

export interface RawEntry {
  collection: CollectionName;
  id: string;
  /** Path relative to the working directory, for messages. */
  file: string;
  data: unknown;
  body: string;
  /** The file exists but could not be parsed; it is reported once, and references to it still count. */
  unreadable?: true;
}

export interface ReadProblem {
  file: string;
  field: string;
  message: string;
}

const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)([\s\S]*)$/;

function displayPath(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

function parseFile(file: string, format: CollectionDefinition['format']): { data: unknown; body: string } {
  const text = fs.readFileSync(file, 'utf8');
  if (format === 'yaml' || format === 'yaml-list') return { data: parseYaml(text), body: '' };
  const match = frontMatter.exec(text);
  if (!match) throw new Error('has no front matter: it must start with a line of three hyphens (---)');
  return { data: parseYaml(match[1]) ?? {}, body: match[2] };
}

function readCollection(name: CollectionName, definition: CollectionDefinition, root: string) {
  const entries: RawEntry[] = [];
  const problems: ReadProblem[] = [];
  const location = path.join(root, definition.location);
  const fail = (file: string, field: string, error: unknown) =>
    problems.push({ file: displayPath(file), field, message: (error instanceof Error ? error.message : String(error)).split('\n')[0] });

  if (definition.format === 'yaml-list') {
    if (!fs.existsSync(location)) return { entries, problems: [{ file: displayPath(location), field: '(file)', message: 'is missing' }] };
    try {
      const list = parseFile(location, 'yaml-list').data;
      if (!Array.isArray(list)) throw new Error('must be a list of entries, each starting "- id: …"');
      list.forEach((item, index) => {
        const id = (item as { id?: unknown })?.id;
        if (typeof id !== 'string') return fail(location, `[${index}].id`, 'is required');
        entries.push({ collection: name, id, file: displayPath(location), data: item, body: '' });
      });
    } catch (error) {
      fail(location, '(file)', error);
    }
    return { entries, problems };
  }

  const extension = extensions[definition.format];
  if (!fs.existsSync(location)) return { entries, problems };
  for (const file of fs.readdirSync(location, { recursive: true, encoding: 'utf8' }).sort()) {
    if (!file.endsWith(extension)) continue;
    const full = path.join(location, file);
    try {
      const { data, body } = parseFile(full, definition.format);
      entries.push({ collection: name, id: path.basename(file, extension), file: displayPath(full), data, body });
    } catch (error) {
      fail(full, '(file)', error);
      entries.push({ collection: name, id: path.basename(file, extension), file: displayPath(full), data: undefined, body: '', unreadable: true });
    }
  }
  return { entries, problems };
}

/** Every entry of every collection under `root`, plus the files that could not be read. */
export function readContent(root: string): { entries: RawEntry[]; problems: ReadProblem[] } {
  const results = (Object.entries(collections) as [CollectionName, CollectionDefinition][]).map(([name, definition]) =>
    readCollection(name, definition, root),
  );
  return { entries: results.flatMap((r) => r.entries), problems: results.flatMap((r) => r.problems) };
}

/** The entries of one collection under `root`, plus its files that could not be read (for tools that need only that one). */
export function readCollectionEntries(root: string, name: CollectionName): { entries: RawEntry[]; problems: ReadProblem[] } {
  return readCollection(name, collections[name], root);
}

/** The settings file's raw data. */
export function readYamlFile(file: string): unknown {
  return parseYaml(fs.readFileSync(file, 'utf8'));
}
