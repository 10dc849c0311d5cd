/**
 * Previews of groups, assets, funds and stories in the site's own markup and styles
 * (GOV.UK Frontend classes, the same strings), so an editor sees what residents will see.
 */
import { en } from '../i18n/en';
import { translator } from '../i18n';

/** The parts of Decap's global object the admin script uses. */
export interface DecapGlobal {
  init(options: { config: unknown }): void;
  registerPreviewStyle(style: string, options?: { raw: boolean }): void;
  registerPreviewTemplate(collection: string, component: (props: PreviewProps) => unknown): void;
  registerCustomFormat(name: string, extension: string, format: { fromFile(text: string): unknown; toFile(data: never): string }): void;
  registerEventListener(listener: { name: 'preSave'; handler: (event: { entry: never }) => unknown }): void;
  getWidget(name: string): { control: unknown; preview: unknown; schema?: unknown } | undefined;
  registerWidget(name: string, control: unknown, preview?: unknown, schema?: unknown): void;
}

/** What Decap hands a preview: the entry as an Immutable.js map, and helpers. */
interface PreviewProps {
  entry: { getIn(path: string[]): unknown; toJS?: () => unknown };
  widgetFor(name: string): unknown;
  getAsset(path: string): { toString(): string };
}

type Create = (type: string, props?: Record<string, unknown> | null, ...children: unknown[]) => unknown;

const t = translator('en');

/** A plain value from the entry, turning Immutable lists into arrays. */
function read(props: PreviewProps, ...path: string[]): unknown {
  const value = props.entry.getIn(['data', ...path]) as { toJS?: () => unknown } | undefined;
  return value && typeof value === 'object' && typeof value.toJS === 'function' ? value.toJS() : value;
}

const text = (value: unknown) => (value === undefined || value === null ? '' : value instanceof Date ? value.toISOString().slice(0, 10) : String(value));
const list = (value: unknown) => (Array.isArray(value) ? value.map(text).join(', ') : text(value));

function page(h: Create, heading: string, summary: string, rows: [string, string][], props: PreviewProps, image?: unknown) {
  const imageData = image as { src?: string; alt?: string } | undefined;
  return h(
    'div',
    { className: 'govuk-width-container' },
    h(
      'main',
      { className: 'govuk-main-wrapper' },
      h(
        'div',
        { className: 'govuk-grid-row' },
        h(
          'div',
          { className: 'govuk-grid-column-two-thirds' },
          h('h1', { className: 'govuk-heading-xl' }, heading),
          h('p', { className: 'govuk-body-l' }, summary),
          imageData?.src ? h('img', { className: 'hub-story-image', src: props.getAsset(imageData.src).toString(), alt: imageData.alt ?? '' }) : null,
          h(
            'dl',
            { className: 'govuk-summary-list' },
            ...rows
              .filter(([, value]) => value)
              .map(([key, value]) =>
                h('div', { className: 'govuk-summary-list__row', key }, h('dt', { className: 'govuk-summary-list__key' }, key), h('dd', { className: 'govuk-summary-list__value' }, value)),
              ),
          ),
          h('h2', { className: 'govuk-heading-m' }, t('listing.about')),
          h('div', { className: 'hub-prose' }, props.widgetFor('body')),
        ),
      ),
    ),
  );
}

export function registerPreviews(cms: DecapGlobal): void {
  const h = (window as unknown as { h: Create }).h;
  cms.registerPreviewTemplate('groups', (props) =>
    page(h, text(read(props, 'name')), text(read(props, 'summary')), [
      [t('listing.areas'), list(read(props, 'areas'))],
      [t('listing.categories'), list(read(props, 'categories'))],
      [t('listing.cost'), text(read(props, 'cost', 'details')) || text(read(props, 'cost', 'type'))],
      [t('listing.email'), text(read(props, 'contact', 'email'))],
      [t('listing.phone'), text(read(props, 'contact', 'phone'))],
    ], props, read(props, 'image')),
  );
  cms.registerPreviewTemplate('assets', (props) =>
    page(h, text(read(props, 'name')), text(read(props, 'summary')), [
      [t('listing.block'), (en as Record<string, string>)[`block.${text(read(props, 'block'))}`] ?? ''],
      [t('listing.where'), text(read(props, 'area'))],
      [t('listing.howToUse'), text(read(props, 'howToUse'))],
    ], props),
  );
  cms.registerPreviewTemplate('funds', (props) =>
    page(h, text(read(props, 'name')), text(read(props, 'summary')), [
      [t('fund.funder'), text(read(props, 'funder'))],
      [t('fund.deadline'), read(props, 'rolling') ? t('fund.status.rolling') : text(read(props, 'closes'))],
      [t('fund.total'), t('fund.amount', { min: text(read(props, 'minimumAward')), max: text(read(props, 'maximumAward')) })],
    ], props),
  );
  cms.registerPreviewTemplate('stories', (props) =>
    page(h, text(read(props, 'title')), text(read(props, 'summary')), [[t('story.by', { author: text(read(props, 'author')) }), text(read(props, 'date'))]], props, read(props, 'image')),
  );
}
