/**
 * The Decap CMS config, generated from the collection list and the zod schemas
 * (`content-model/collections.ts`), never written by hand.
 */
import { type CollectionDefinition, collections, settingsFile } from '../content-model/collections';
import { buildingBlocks } from '../schemas/asset';
import type { CollectionName } from '../schemas/fields';
import { objectFields } from './fields';
import { type DecapField, humanise, listFormat } from './labels';

/** Where content lives in the repository, as the CMS (which sees the repository root) names it. */
export const contentRoot = 'content';


export interface DecapCollection {
  name: string;
  label: string;
  label_singular?: string;
  description?: string;
  folder?: string;
  files?: { name: string; label: string; file: string; fields: DecapField[] }[];
  create?: boolean;
  delete?: boolean;
  extension?: string;
  format?: string;
  slug?: string;
  identifier_field?: string;
  summary?: string;
  sortable_fields?: string[];
  view_filters?: { label: string; field: string; pattern: string | boolean }[];
  view_groups?: { label: string; field: string; pattern?: string }[];
  preview_path?: string;
  fields?: DecapField[];
}

export type Environment = Record<string, string | undefined>;

export interface CmsOptions {
  /** The decap-server address for editing on one's own machine (`npm run cms`); none in production. */
  localBackend?: string;
  /** Towns and villages, for the "by area" filters in list views. */
  areas: { id: string; name: string }[];
  /** The site's address, for "view on site" links. */
  siteUrl?: string;
  env?: Environment;
}

/** Which git host the CMS commits to in production, from the environment (docs/cms.md: "In production"). */
export function backendFromEnvironment(env: Environment): Record<string, unknown> {
  // Decap's gitea backend has no editorial workflow; its forgejo backend speaks the same API with one.
  const name = env.CMS_BACKEND === 'gitea' ? 'forgejo' : (env.CMS_BACKEND ?? 'github');
  const backend: Record<string, unknown> = { name, branch: env.CMS_BRANCH ?? 'main' };
  if (name !== 'git-gateway' && name !== 'test-repo') backend.repo = env.CMS_REPO ?? 'your-council/community-hub';
  const optional: [string, string | undefined][] = [
    ['base_url', env.CMS_AUTH_URL],
    ['auth_endpoint', env.CMS_AUTH_ENDPOINT],
    ['api_root', env.CMS_API_ROOT],
    ['app_id', env.CMS_APP_ID],
    ['site_domain', env.CMS_SITE_DOMAIN],
  ];
  for (const [key, value] of optional) if (value) backend[key] = value;
  // GitLab and Gitea log in without an OAuth proxy when given an application id (PKCE).
  if (env.CMS_APP_ID && (name === 'gitlab' || name === 'forgejo')) backend.auth_type = 'pkce';
  // People without write access propose changes from their own fork (GitHub only).
  if (env.CMS_OPEN_AUTHORING === 'true') backend.open_authoring = true;
  return backend;
}

const bodyField: DecapField = { name: 'body', label: 'Description', widget: 'markdown', hint: 'The full text shown on the page' };

/** How each collection is listed, sorted and filtered in the CMS. */
function listView(name: CollectionName, areas: CmsOptions['areas']): Partial<DecapCollection> {
  // Decap matches a filter's pattern against the field's value as text: a list reads `List [ "march", "wisbech" ]`.
  const byArea = (field: string, { list = false } = {}) => areas.map((area) => ({ label: area.name, field, pattern: list ? `"${area.id}"` : `^${area.id}$` }));
  switch (name) {
    case 'groups':
      return {
        summary: '{{name}} · reviewed {{lastReviewed}}',
        sortable_fields: ['name', 'lastReviewed'],
        view_filters: [{ label: 'Not active', field: 'status', pattern: 'closed' }, ...byArea('areas', { list: true })],
        view_groups: [{ label: 'Status', field: 'status' }],
      };
    case 'assets':
      return {
        summary: '{{name}} · {{block}} · reviewed {{lastReviewed}}',
        sortable_fields: ['name', 'lastReviewed'],
        view_filters: [...buildingBlocks.map((block) => ({ label: humanise(block), field: 'block', pattern: `^${block}$` })), ...byArea('area')],
        view_groups: [{ label: 'Building block', field: 'block' }],
      };
    case 'funds':
      return { summary: '{{name}} · closes {{closes}}', sortable_fields: ['name', 'closes', 'lastReviewed'] };
    case 'stories':
      return { summary: '{{title}} · {{date}}', sortable_fields: ['title', 'date'], view_filters: byArea('areas', { list: true }) };
    case 'events':
      return {
        summary: '{{title}} · {{kind}} · {{date}}',
        sortable_fields: ['title', 'date'],
        view_filters: [{ label: 'Training', field: 'kind', pattern: 'training' }, ...byArea('areas', { list: true })],
        view_groups: [{ label: 'Kind', field: 'kind' }],
      };
    case 'volunteering':
      return { summary: '{{title}} · closes {{closes}}', sortable_fields: ['title', 'closes'], view_filters: byArea('areas', { list: true }) };
    case 'pages':
      return { summary: '{{title}}', sortable_fields: ['title', 'lastUpdated'] };
    case 'areas':
      return { summary: '{{name}} ({{kind}})', sortable_fields: ['name'], view_groups: [{ label: 'Kind', field: 'kind' }] };
    case 'contacts':
      return { summary: '{{name}} · {{role}}', sortable_fields: ['name'], view_groups: [{ label: 'Role', field: 'role' }] };
    default:
      return {};
  }
}

const publicPath: Partial<Record<CollectionName, string>> = {
  groups: 'groups/{{slug}}/',
  assets: 'assets/{{slug}}/',
  funds: 'funds/{{slug}}/',
  stories: 'stories/{{slug}}/',
  areas: 'areas/{{slug}}/',
  events: 'whats-on/{{slug}}/',
  volunteering: 'volunteer/{{slug}}/',
};

/** A folder collection: one file per entry. */
function folderCollection(name: CollectionName, definition: CollectionDefinition, options: CmsOptions): DecapCollection {
  const fields = objectFields(definition.schema);
  const identifier = fields.some((f) => f.name === 'name') ? 'name' : 'title';
  const frontMatter = definition.format === 'markdown' || definition.format === 'mdx';
  return {
    name,
    label: definition.label,
    folder: `${contentRoot}/${definition.location}`,
    create: true,
    extension: { markdown: 'md', mdx: 'mdx', yaml: 'yaml' }[definition.format as 'markdown' | 'mdx' | 'yaml'],
    format: frontMatter ? 'frontmatter' : 'yaml',
    // The file name is the entry's id, made from its name: lower case, hyphens, no accents.
    slug: '{{slug}}',
    identifier_field: identifier,
    ...(publicPath[name] ? { preview_path: publicPath[name] } : {}),
    ...listView(name, options.areas),
    fields: frontMatter ? [...fields, bodyField] : fields,
  };
}

/** The four taxonomy lists, each one YAML file of `- id: …` entries. */
function taxonomyCollection(): DecapCollection {
  const lists = (Object.entries(collections) as [CollectionName, CollectionDefinition][]).filter(([, d]) => d.format === 'yaml-list');
  return {
    name: 'taxonomy',
    label: 'Taxonomy',
    description: 'Categories, audiences, accessibility features and languages that listings refer to',
    format: listFormat,
    extension: 'yaml',
    files: lists.map(([name, definition]) => ({
      name,
      label: definition.label,
      file: `${contentRoot}/${definition.location}`,
      fields: [
        {
          name: 'items',
          label: definition.label,
          widget: 'list',
          summary: '{{fields.name}} ({{fields.id}})',
          fields: [
            {
              name: 'id',
              label: 'Id',
              widget: 'string',
              hint: 'Lower-case letters, digits and hyphens; listings refer to it, so do not change it once used',
              pattern: ['^[a-z0-9]+(?:-[a-z0-9]+)*$', 'must be lower-case letters, digits and single hyphens'],
            },
            ...objectFields(definition.schema),
          ],
        },
      ],
    })),
  };
}

function settingsCollection(): DecapCollection {
  return {
    name: 'settings',
    label: settingsFile.label,
    delete: false,
    files: [{ name: 'site', label: 'Site settings', file: `${contentRoot}/${settingsFile.location}`, fields: objectFields(settingsFile.schema) }],
  };
}

/** The whole config Decap is started with. */
export function cmsConfig(options: CmsOptions) {
  const folders = (Object.entries(collections) as [CollectionName, CollectionDefinition][])
    .filter(([, definition]) => definition.format !== 'yaml-list')
    .map(([name, definition]) => folderCollection(name, definition, options));
  return {
    load_config_file: false,
    backend: backendFromEnvironment(options.env ?? {}),
    ...(options.localBackend ? { local_backend: { url: options.localBackend } } : {}),
    // Draft → in review → ready: nothing reaches the site until someone publishes it.
    publish_mode: 'editorial_workflow',
    media_folder: 'public/uploads',
    public_folder: '/uploads',
    ...(options.siteUrl ? { site_url: options.siteUrl, display_url: options.siteUrl } : {}),
    slug: { encoding: 'ascii', clean_accents: true, sanitize_replacement: '-' },
    collections: [...folders, taxonomyCollection(), settingsCollection()],
  };
}
export type CmsConfig = ReturnType<typeof cmsConfig>;
