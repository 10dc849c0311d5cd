/** The shape of a Decap CMS field, as much of it as the generated config uses. */
export interface DecapField {
  name: string;
  label: string;
  widget: string;
  required?: boolean;
  hint?: string;
  default?: unknown;
  pattern?: [string, string];
  min?: number;
  max?: number;
  value_type?: 'int' | 'float';
  options?: { label: string; value: string }[];
  multiple?: boolean;
  collection?: string;
  file?: string;
  value_field?: string;
  search_fields?: string[];
  display_fields?: string[];
  fields?: DecapField[];
  field?: DecapField;
  summary?: string;
  collapsed?: boolean;
  date_format?: string;
  time_format?: boolean;
  format?: string;
  picker_utc?: boolean;
  choose_url?: boolean;
}

/** "lastReviewed" → "Last reviewed", "community-group" → "Community group". */
export function humanise(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([a-z])([0-9])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** How a choice from a fixed list is shown in a drop-down. */
export const optionLabel = humanise;

/** The name the admin script registers for a YAML file holding a list (taxonomy files). */
export const listFormat = 'yaml-list';
