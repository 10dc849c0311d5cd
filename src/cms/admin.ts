/**
 * Runs in the browser on /admin only: loads Decap's own bundle, teaches it how taxonomy
 * files are written, registers the previews and starts it with the generated config.
 */
import { parse, stringify } from 'yaml';
import siteStyles from '../styles/main.scss?inline';
import type { CmsConfig } from './config';
import { type DecapField, listFormat } from './labels';
import { blankPaths, imagesWithoutAlt } from './tidy';
import { type DecapGlobal, registerPreviews } from './previews';

declare global {
  interface Window {
    CMS_MANUAL_INIT?: boolean;
    CMS?: DecapGlobal;
  }
}

/** Where the integration serves Decap's bundle (src/integrations/decap-cms.ts). */
const bundle = '/admin/decap/decap-cms.js';

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`Could not load ${src}`));
    document.head.append(script);
  });
}

export async function startCms(): Promise<void> {
  // Decap starts itself on load unless told to wait for the config we hand it.
  window.CMS_MANUAL_INIT = true;
  await loadScript(bundle);
  document.getElementById('cms-intro')?.remove();
  const cms = window.CMS!;
  // A taxonomy file is a bare YAML list; Decap edits objects, so the list becomes `items`.
  cms.registerCustomFormat(listFormat, 'yaml', {
    fromFile: (text: string) => ({ items: parse(text) ?? [] }),
    toFile: (data: { items?: unknown[] }) => stringify(data.items ?? []),
  });
  cms.registerPreviewStyle(siteStyles, { raw: true });
  registerPreviews(cms);
  const config = JSON.parse(document.getElementById('cms-config')!.textContent ?? '{}') as CmsConfig;
  cms.registerEventListener({ name: 'preSave', handler: ({ entry }) => dropBlanks(config, entry) });
  cms.init({ config });
}

/** Decap's entry, an Immutable.js map, as far as dropping blank fields needs it. */
interface ImmutableMap {
  get(key: string): ImmutableMap & { toJS(): Record<string, unknown> };
  getIn(path: (string | number)[]): unknown;
  deleteIn(path: (string | number)[]): ImmutableMap;
}

/** Leaves out what the editor left blank, so the saved file passes `npm run check`. */
function dropBlanks(config: CmsConfig, entry: ImmutableMap): ImmutableMap {
  const collectionName = entry.get('collection') as unknown as string;
  const collection = config.collections.find((c) => c.name === collectionName);
  const fields: DecapField[] | undefined =
    collection?.fields ?? collection?.files?.find((file) => file.name === (entry.get('slug') as unknown as string))?.fields;
  let data = entry.get('data');
  if (!fields) return data;
  // Thrown here, the save stops and Decap shows the message in its error notice.
  const withoutAlt = imagesWithoutAlt(fields, data.toJS());
  if (withoutAlt.length > 0) throw new Error(`add the alternative text for ${withoutAlt.map((image) => image.label).join(', ')}: say what the picture shows, for people who cannot see it`);
  for (const path of blankPaths(fields, data.toJS()).reverse()) data = data.deleteIn(path) as typeof data;
  return data;
}
