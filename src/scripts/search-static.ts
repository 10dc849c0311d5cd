/**
 * Search where the hub is hosted as static files only (src/pages/search/static.astro): Pagefind's
 * JavaScript API searches the index written at build, and the results are shown in the same markup
 * as the server's search (src/pages/search.astro), twenty at a time, with the filters and their counts.
 * The address keeps the search (`?q=walking&area=Chatteris`), so it can be shared and reloaded.
 */

interface PagefindResult {
  data(): Promise<{ url: string; meta: Record<string, string | undefined>; filters: Record<string, string[]> }>;
}
interface PagefindSearch {
  results: PagefindResult[];
  /** For each filter, how many of this search's results each value has. */
  filters: Record<string, Record<string, number>>;
}
interface Pagefind {
  init(): Promise<void>;
  /** Loads every filter's index (a few KB), without which a search counts only the filters it was given. */
  filters(): Promise<Record<string, Record<string, number>>>;
  search(query: string | null, options: { filters: Record<string, string[]> }): Promise<PagefindSearch | null>;
}

const form = document.querySelector<HTMLFormElement>('form[data-search-static]')!;
const input = form.querySelector<HTMLInputElement>('#search-query')!;
const heading = document.getElementById('search-heading')!;
const panel = document.getElementById('search-results')!;
const filtersPanel = form.querySelector<HTMLElement>('[data-search-filters]')!;
const list = panel.querySelector<HTMLUListElement>('.hub-results')!;
const more = panel.querySelector<HTMLButtonElement>('[data-more]')!;
const text = JSON.parse(form.dataset.words!) as Record<string, string>;
const facetNames = JSON.parse(form.dataset.facets!) as Record<string, string>;
const perPage = 20;

const say = (key: string, values: Record<string, string | number> = {}) => text[key]!.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));

// The index's own script, from the same site; a path Vite leaves alone, as it is written after the build.
const indexScript = '/pagefind/pagefind.js';
let pagefind: Promise<Pagefind> | undefined;
const loadPagefind = () =>
  (pagefind ??= (import(/* @vite-ignore */ indexScript) as Promise<Pagefind>).then(async (loaded) => {
    await loaded.init();
    await loaded.filters();
    return loaded;
  }));

panel.querySelector('[data-needs-script]')?.remove();

/** The chosen filters, by facet, from the form's ticked boxes. */
function chosenFilters(): Record<string, string[]> {
  const chosen: Record<string, string[]> = {};
  for (const box of form.querySelectorAll<HTMLInputElement>('[data-search-filters] input[type="checkbox"]:checked')) (chosen[box.name] ??= []).push(box.value);
  return chosen;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, content?: string): HTMLElementTagNameMap[K] {
  const made = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
  if (content !== undefined) made.textContent = content;
  return made;
}

/** The filters with this search's counts, in the server page's markup; chosen values stay, with 0 if they find nothing now. */
function showFilters(counts: PagefindSearch['filters'], chosen: Record<string, string[]>): void {
  const opened = new Set([...filtersPanel.querySelectorAll<HTMLDetailsElement>('details[data-facet][open]')].map((details) => details.dataset.facet));
  filtersPanel.replaceChildren(element('h2', { class: 'govuk-heading-m' }, say('search.filters')));
  for (const [facet, name] of Object.entries(facetNames)) {
    const values = new Map(Object.entries(counts[facet] ?? {}).filter(([, count]) => count > 0));
    for (const value of chosen[facet] ?? []) if (!values.has(value)) values.set(value, 0);
    if (!values.size) continue;
    const details = element('details', { class: 'govuk-details govuk-!-margin-bottom-3', 'data-facet': facet });
    details.open = opened.has(facet) || Boolean(chosen[facet]);
    const summary = element('summary', { class: 'govuk-details__summary' });
    summary.append(element('span', { class: 'govuk-details__summary-text' }, name));
    const fieldset = element('fieldset', { class: 'govuk-fieldset' });
    fieldset.append(element('legend', { class: 'govuk-fieldset__legend govuk-visually-hidden' }, name));
    const boxes = element('div', { class: 'govuk-checkboxes govuk-checkboxes--small' });
    [...values].sort(([a], [b]) => a.localeCompare(b, 'en-GB')).forEach(([value, count], index) => {
      const item = element('div', { class: 'govuk-checkboxes__item' });
      const box = element('input', { class: 'govuk-checkboxes__input', id: `${facet}-${index}`, name: facet, type: 'checkbox', value });
      box.checked = chosen[facet]?.includes(value) ?? false;
      item.append(box, element('label', { class: 'govuk-label govuk-checkboxes__label', for: `${facet}-${index}` }, `${value} (${count})`));
      boxes.append(item);
    });
    fieldset.append(boxes);
    const body = element('div', { class: 'govuk-details__text' });
    body.append(fieldset);
    details.append(summary, body);
    filtersPanel.append(details);
  }
  filtersPanel.hidden = !filtersPanel.querySelector('details');
}

/**
 * Whether an event or role from the index is still on by the reader's clock: an event's next date
 * ("Next: …") while one has not ended, true for a role until the end of its closing day and for
 * everything else, false once gone. The index was written at build; this keeps it honest after.
 */
function stillOn(meta: Record<string, string | undefined>): string | boolean {
  if (meta.closes) {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    return meta.closes >= today;
  }
  if (!meta.dates) return true;
  const now = Date.now();
  const next = (JSON.parse(meta.dates) as { ends: string; text: string }[]).find((date) => Date.parse(date.ends) > now);
  return next ? next.text : false;
}

let shown: PagefindResult[] = [];
let listed = 0;

/** The next twenty results, as the server's result list shows them. */
async function showMoreResults(): Promise<void> {
  const next = shown.slice(listed, listed + perPage);
  listed += next.length;
  const items = await Promise.all(next.map((result) => result.data()));
  for (const data of items) {
    const still = stillOn(data.meta);
    if (!still) continue;
    const item = element('li', { class: 'hub-results__item' });
    const title = element('h2', { class: 'govuk-heading-s govuk-!-margin-bottom-1' });
    title.append(element('a', { class: 'govuk-link', href: data.url }, data.meta.title ?? data.url));
    const facts = [...(data.filters.type ?? []), ...(typeof still === 'string' ? [still] : []), ...(data.filters.area ?? []).slice(0, 3)];
    item.append(title);
    if (facts.length) item.append(element('p', { class: 'hub-results__meta' }, facts.join(' · ')));
    item.append(element('p', { class: 'govuk-body' }, data.meta.summary ?? ''));
    list.append(item);
  }
  more.hidden = listed >= shown.length;
}

let latest = 0;

/** Searches the index for the form as it is now and shows the first results. */
async function search(): Promise<void> {
  const asked = ++latest;
  const query = input.value.trim();
  const chosen = chosenFilters();
  const params = new URLSearchParams([...(query ? [['q', query]] : []), ...Object.entries(chosen).flatMap(([facet, values]) => values.map((value) => [facet, value]))]);
  const address = params.size ? `${window.location.pathname}?${params}` : window.location.pathname;
  panel.setAttribute('aria-busy', 'true');
  const index = await loadPagefind();
  const found = query || Object.keys(chosen).length ? await index.search(query || null, { filters: chosen }) : null;
  if (asked !== latest) return;
  shown = found?.results ?? [];
  listed = 0;
  list.replaceChildren();
  const count = shown.length;
  heading.textContent = !found ? say('search.title')
    : query ? say(count === 1 ? 'search.result' : count === 0 ? 'search.none' : 'search.results', { count, query })
    : say('search.filtered', { counted: count === 1 ? say('search.counted.result') : say('search.counted.results', { count }) });
  panel.querySelector('[data-none]')?.remove();
  if (found && count === 0) panel.prepend(element('p', { class: 'govuk-body', 'data-none': '' }, say('search.noneHelp')));
  showFilters(found?.filters ?? {}, chosen);
  await showMoreResults();
  if (asked !== latest) return;
  window.history.replaceState(null, '', address);
  panel.dataset.shownAddress = address;
  panel.removeAttribute('aria-busy');
}

let typing: number | undefined;
input.addEventListener('input', () => {
  window.clearTimeout(typing);
  typing = window.setTimeout(() => void search(), 250);
});
form.addEventListener('change', (event) => {
  if (event.target !== input) void search();
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  window.clearTimeout(typing);
  void search();
});
more.addEventListener('click', () => {
  const first = listed;
  void showMoreResults().then(() => list.children[first]?.querySelector('a')?.focus());
});

// A search in the address (shared, reloaded, or sent from the header's box): fill the form and show it.
const start = new URLSearchParams(window.location.search);
input.value = start.get('q') ?? '';
const startFilters: Record<string, Record<string, number>> = {};
for (const facet of Object.keys(facetNames)) {
  const values = start.getAll(facet).filter(Boolean);
  if (values.length) startFilters[facet] = Object.fromEntries(values.map((value) => [value, 0]));
}
showFilters(startFilters, Object.fromEntries(Object.entries(startFilters).map(([facet, values]) => [facet, Object.keys(values)])));
if (input.value || Object.keys(startFilters).length) void search();

// A module, so its names stay its own beside the other page scripts.
export {};
