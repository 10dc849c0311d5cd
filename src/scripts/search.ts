/**
 * Search in the browser with Pagefind: results, filter counts and the address update as the
 * resident types or ticks a filter, into the markup src/pages/search.astro renders. Without
 * JavaScript, or where the index cannot load, the form goes to the server-rendered page instead,
 * and so does sorting by distance, which needs the server's list of locations.
 */
import { type Facet, facets, resultsPerPage, type Selection, selectionFrom } from '../search/facets';

interface PagefindResult {
  id: string;
  data(): Promise<{ url: string; meta: Record<string, string>; filters: Record<string, string[]> }>;
}
interface PagefindSearch {
  results: PagefindResult[];
  unfilteredResultCount: number;
  filters: Record<string, Record<string, number>>;
}
interface Pagefind {
  options(options: object): Promise<void>;
  search(term: string | null, options?: object): Promise<PagefindSearch | null>;
}

const form = document.querySelector<HTMLFormElement>('form[data-search]')!;
const input = form.querySelector<HTMLInputElement>('#search-query')!;
const heading = document.getElementById('search-heading')!;
const panel = document.getElementById('search-results')!;
const list = panel.querySelector<HTMLUListElement>('.hub-results')!;
const message = panel.querySelector<HTMLElement>('[data-message]')!;
const more = panel.querySelector<HTMLButtonElement>('[data-more]')!;
const optionTemplate = document.querySelector<HTMLTemplateElement>('#search-option')!;
const resultTemplate = document.querySelector<HTMLTemplateElement>('#search-result')!;
const text: Record<string, string> = JSON.parse(panel.dataset.text!);
const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));

let pagefind: Promise<Pagefind | undefined> | undefined;
function loadPagefind(): Promise<Pagefind | undefined> {
  pagefind ??= (async () => {
    try {
      const address = '/pagefind/pagefind.js';
      const engine = (await import(/* @vite-ignore */ address)) as Pagefind;
      await engine.options({ excerptLength: 0 });
      return engine;
    } catch {
      // No index (e.g. `npm run dev`): the form still works, through the server.
      return undefined;
    }
  })();
  return pagefind;
}

/** Pagefind's filter: any chosen value within a filter, every filter at once. */
const pagefindFilters = (selection: Selection) =>
  Object.fromEntries(Object.entries(selection).map(([facet, values]) => [facet, { any: values }]));

/**
 * Pagefind fetches a filter's file (tens of KB on a large site) only once a search names that
 * filter, and from then on counts it in every search. A filter that excludes nothing names it.
 */
const counting = (facet: Facet) => ({ [facet]: { none: [] } });

/**
 * Filters whose counts Pagefind has: those chosen or opened so far. The others wait, closed,
 * until the resident opens them, so the first search fetches only what its results need.
 */
const countedFacets = new Set<Facet>();

function addressOf(params: URLSearchParams): string {
  const address = new URLSearchParams();
  for (const [key, value] of params) if (value && key !== 'page' && !(key === 'sort' && value === 'relevance')) address.append(key, value);
  const query = address.toString();
  return query ? `/search/?${query}` : '/search/';
}

let latest = 0;
let shownResults: PagefindResult[] = [];
/** The search on screen, for counting a filter the resident opens later. */
let shownSearch: { term: string | null; selection: Selection } | undefined;

/** Searches with Pagefind and shows the results; false when the server must answer instead. */
async function run(params: URLSearchParams): Promise<boolean> {
  if (params.get('sort') === 'distance') return false;
  const engine = await loadPagefind();
  if (!engine) return false;
  const attempt = ++latest;
  const query = (params.get('q') ?? '').trim();
  const selection = selectionFrom(params);
  const filtering = Object.keys(selection).length > 0;
  window.history.replaceState(null, '', addressOf(params));
  if (!query && !filtering) {
    shownSearch = undefined;
    render(attempt, { query, selection, matches: 0, results: [], counts: {} });
    return true;
  }
  const term = query || null;
  for (const facet of Object.keys(selection) as Facet[]) countedFacets.add(facet);
  // Without words, A to Z, as on the server; with words, best match unless the resident chose A to Z.
  const sort = !query || params.get('sort') === 'name' ? { sort: { name: 'asc' } } : {};
  const search = await engine.search(term, { filters: pagefindFilters(selection), ...sort });
  if (!search || attempt !== latest) return true;
  let results = search.results;
  if (!('sort' in sort)) {
    // Listings not reviewed for a year go below the ones that have been.
    const overdue = await engine.search(term, { filters: { ...pagefindFilters(selection), review: 'overdue' } });
    const late = new Set(overdue?.results.map((result) => result.id));
    results = [...results.filter((result) => !late.has(result.id)), ...results.filter((result) => late.has(result.id))];
  }
  // Each filter's counts leave out its own choice, so ticking a second area widens the results.
  const counts: Counts = {};
  for (const facet of facets) {
    if (!countedFacets.has(facet)) continue;
    if (!selection[facet]) {
      // Missing if this search began before the filter's file came.
      if (search.filters[facet]) counts[facet] = search.filters[facet];
      continue;
    }
    const others: Selection = { ...selection };
    delete others[facet];
    counts[facet] = (await engine.search(term, { filters: { ...pagefindFilters(others), ...counting(facet) } }))?.filters[facet] ?? {};
  }
  const matches = query ? search.unfilteredResultCount : results.length;
  shownSearch = { term, selection };
  await render(attempt, { query, selection, matches, results, counts });
  return true;
}

/** Counts a filter the resident has opened, for the search on screen. */
async function countOpenedFacet(facet: Facet): Promise<void> {
  const engine = await loadPagefind();
  if (!engine || !shownSearch) return;
  const attempt = latest;
  const { term, selection } = shownSearch;
  const search = await engine.search(term, { filters: { ...pagefindFilters(selection), ...counting(facet) } });
  countedFacets.add(facet);
  if (!search || attempt !== latest) return;
  renderOptions(facet, search.filters[facet] ?? {}, selection[facet] ?? []);
}

/** A filter not counted yet: shown closed, with nothing to tick until it is opened and counted. */
function awaitCounts(facet: Facet): void {
  const details = form.querySelector<HTMLDetailsElement>(`[data-facet="${facet}"]`)!;
  details.hidden = false;
  details.querySelector('[data-options]')!.replaceChildren();
  const status = details.querySelector<HTMLElement>('[data-counting]')!;
  status.hidden = false;
  if (details.open) void countOpenedFacet(facet);
}

/** Results per filter value; a filter missing here is not counted yet. */
type Counts = Partial<Record<Facet, Record<string, number>>>;

interface Outcome {
  query: string;
  selection: Selection;
  /** Results for the words alone; with none, there is nothing to filter. */
  matches: number;
  results: PagefindResult[];
  counts: Counts;
}

async function render(attempt: number, { query, selection, matches, results, counts }: Outcome): Promise<void> {
  const shown = query !== '' || Object.keys(selection).length > 0;
  const subject = query || text.filters;
  const first = await Promise.all(results.slice(0, resultsPerPage).map((result) => result.data()));
  if (attempt !== latest) return;
  heading.textContent = !shown ? text.title
    : results.length === 1 ? fill(text.result, { query: subject })
    : results.length === 0 ? fill(text.none, { query: subject })
    : fill(text.results, { count: results.length, query: subject });
  form.querySelector<HTMLElement>('[data-search-filters]')!.hidden = !(shown && matches > 0);
  for (const facet of facets) {
    const facetCounts = counts[facet];
    if (facetCounts) renderOptions(facet, facetCounts, selection[facet] ?? []);
    else awaitCounts(facet);
  }
  const clear = form.querySelector<HTMLElement>('[data-clear]')!;
  clear.hidden = Object.keys(selection).length === 0;
  clear.querySelector('a')!.href = query ? `/search/?q=${encodeURIComponent(query)}` : '/search/';
  message.hidden = shown && results.length > 0;
  message.textContent = shown ? text.noneHelp : text.empty;
  panel.querySelector<HTMLElement>('[data-paging]')!.hidden = true;
  list.replaceChildren();
  shownResults = results;
  appendResults(first, selection);
  panel.dataset.renderedQuery = query;
}

function renderOptions(facet: Facet, counts: Record<string, number>, chosen: string[]): void {
  const values = new Map(Object.entries(counts).filter(([, count]) => count > 0));
  for (const value of chosen) if (!values.has(value)) values.set(value, 0);
  const details = form.querySelector<HTMLDetailsElement>(`[data-facet="${facet}"]`)!;
  details.hidden = values.size === 0;
  details.querySelector<HTMLElement>('[data-counting]')!.hidden = true;
  if (chosen.length) details.open = true;
  const options = [...values].sort(([a], [b]) => a.localeCompare(b, 'en-GB')).map(([value, count], index) => {
    const option = optionTemplate.content.firstElementChild!.cloneNode(true) as HTMLElement;
    const checkbox = option.querySelector('input')!;
    const label = option.querySelector('label')!;
    Object.assign(checkbox, { id: `${facet}-${index}`, name: facet, value, checked: chosen.includes(value) });
    label.htmlFor = checkbox.id;
    label.textContent = `${value} (${count})`;
    return option;
  });
  details.querySelector('[data-options]')!.replaceChildren(...options);
}

function appendResults(data: Awaited<ReturnType<PagefindResult['data']>>[], selection: Selection): void {
  const chosenAreas = selection.area ?? [];
  for (const result of data) {
    const item = resultTemplate.content.querySelector('li')!.cloneNode(true) as HTMLElement;
    const link = item.querySelector('a')!;
    link.href = result.url;
    link.textContent = result.meta.title;
    const areas = [...(result.filters.area ?? [])].sort((a, b) => Number(chosenAreas.includes(b)) - Number(chosenAreas.includes(a))).slice(0, 3);
    item.querySelector('.hub-results__meta')!.textContent = [...(result.filters.type ?? []), ...areas].join(' · ');
    item.querySelector('.govuk-body')!.textContent = result.meta.summary ?? '';
    list.append(item);
  }
  more.hidden = list.children.length >= shownResults.length;
}

const paramsOf = () => {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) if (typeof value === 'string') params.append(key, value);
  return params;
};

for (const details of form.querySelectorAll<HTMLDetailsElement>('[data-facet]')) {
  details.addEventListener('toggle', () => {
    const facet = details.dataset.facet as Facet;
    if (details.open && !countedFacets.has(facet) && shownSearch) void countOpenedFacet(facet);
  });
}

let typing: number | undefined;
input.addEventListener('focus', () => void loadPagefind(), { once: true });
input.addEventListener('input', () => {
  window.clearTimeout(typing);
  typing = window.setTimeout(() => void run(paramsOf()), 200);
});
form.addEventListener('change', (event) => {
  const target = event.target as HTMLElement;
  if (target === input) return;
  // Sorting by distance asks the server, which knows where everything is.
  // Choosing a place to measure from means sorting by distance; distance needs a place first.
  if (target.id === 'search-from' && (target as HTMLSelectElement).value) form.querySelector<HTMLSelectElement>('#search-sort')!.value = 'distance';
  if (target.id === 'search-sort' || target.id === 'search-from') {
    const params = paramsOf();
    if (params.get('sort') !== 'distance') void run(params);
    else if (params.get('from')) form.requestSubmit();
    return;
  }
  void run(paramsOf());
});
form.addEventListener('submit', (event) => {
  const params = paramsOf();
  if (params.get('sort') === 'distance') return;
  event.preventDefault();
  void run(params).then((handled) => {
    if (!handled) form.submit();
  });
});
more.addEventListener('click', async () => {
  if (more.disabled) return;
  more.disabled = true;
  const firstNew = list.children.length;
  const next = await Promise.all(shownResults.slice(firstNew, firstNew + resultsPerPage).map((result) => result.data()));
  appendResults(next, selectionFrom(new URLSearchParams(window.location.search)));
  more.disabled = false;
  // Keyboard and screen reader users carry on from the first new result.
  list.children[firstNew]?.querySelector('a')?.focus();
});

// Near me from the device: sort by distance from where the resident is, rounded to about 100 m.
const nearMe = form.querySelector<HTMLElement>('[data-near-me]');
if (nearMe && 'geolocation' in navigator) {
  nearMe.hidden = false;
  nearMe.querySelector('button')!.addEventListener('click', () => {
    navigator.geolocation.getCurrentPosition(({ coords }) => {
      const url = new URL(window.location.href);
      url.searchParams.set('sort', 'distance');
      url.searchParams.set('near', `${coords.latitude.toFixed(3)},${coords.longitude.toFixed(3)}`);
      url.searchParams.delete('from');
      window.location.assign(url);
    });
  });
}
