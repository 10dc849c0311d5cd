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
import { entryProblems, type FieldProblem, problemFor, schemaOf } from './schema-checks';

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
  checkFieldsWithSchemas(cms, config);
  cms.init({ config });
}

/** What Decap hands a field's control, as far as the schema checks need it. */
interface ControlProps {
  entry: ImmutableMap;
  collection: { get(key: 'name'): string };
  field: { get(key: 'name' | 'label'): string | undefined };
  value: unknown;
  parentIds?: unknown;
}
type ValidResult = boolean | { error: unknown } | Promise<unknown>;
type ControlClass = new (props: ControlProps) => { props: ControlProps; isValid?: () => ValidResult; render(): unknown };

/**
 * The entry as it stands. Decap re-renders only the field that changed, so another field's `entry` can be
 * from before the change (closes still sees the old opens); the one that changed has it, so each render
 * leaves it here.
 */
let latestEntry: ImmutableMap | undefined;
const sameEntry = (a: ImmutableMap, b: ImmutableMap) => ['collection', 'slug', 'newRecord'].every((key) => a.get(key) === b.get(key));
const currentEntry = (own: ImmutableMap) => (latestEntry && sameEntry(latestEntry, own) ? latestEntry : own);

/** The widgets whose fields a schema's rule can point at. */
const checkedWidgets = ['string', 'text', 'number', 'datetime', 'select', 'relation', 'list', 'boolean'];

/**
 * Teaches Decap's own widgets the schemas' checks: when the editor saves, Decap asks each field's control
 * whether it is valid (its `isValid`), and a field the schema faults shows the schema's message on the
 * field, as Decap shows a missing one, and the entry is not saved.
 */
function checkFieldsWithSchemas(cms: DecapGlobal, config: CmsConfig): void {
  for (const name of checkedWidgets) {
    const widget = cms.getWidget(name);
    const Control = widget?.control as ControlClass | undefined;
    // Only class components have an instance Decap can ask; none of these is anything else today.
    if (!Control || !(Control.prototype as { isReactComponent?: unknown } | undefined)?.isReactComponent) continue;
    class Checked extends Control {
      constructor(props: ControlProps) {
        super(props);
        const own = this.isValid;
        this.isValid = () => {
          const result: ValidResult = own ? own.call(this) : true;
          if (result === false || result instanceof Promise || (typeof result === 'object' && result.error)) return result;
          const message = schemaMessage(config, this.props);
          return message ? { error: { type: 'CUSTOM', parentIds: this.props.parentIds, message } } : result;
        };
      }

      render() {
        latestEntry = this.props.entry;
        return super.render();
      }
    }
    cms.registerWidget(name, Checked, widget!.preview, widget!.schema);
  }
}

/** The schema's message for this control's field, if the entry as it stands breaks a rule there. */
function schemaMessage(config: CmsConfig, props: ControlProps): string | undefined {
  const collectionName = props.collection.get('name');
  const schema = schemaOf(collectionName);
  const fields = config.collections.find((c) => c.name === collectionName)?.fields;
  if (!schema || !fields) return undefined;
  const entry = currentEntry(props.entry);
  // Every field of the entry asks in turn as it is saved: the entry is checked once for them all.
  if (lastCheck?.entry !== entry) {
    const data = entry.get('data').toJS();
    lastCheck = { entry, data, problems: entryProblems(schema, fields, data) };
  }
  const value = props.value as { toJS?: () => unknown } | undefined;
  const name = props.field.get('name') ?? '';
  return problemFor(lastCheck.problems, lastCheck.data, { name, label: props.field.get('label') ?? name, value: typeof value?.toJS === 'function' ? value.toJS() : value });
}
let lastCheck: { entry: ImmutableMap; data: Record<string, unknown>; problems: FieldProblem[] } | undefined;

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
