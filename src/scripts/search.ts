/**
 * Live search: as the resident types, ticks a filter or changes the order, the page asks the server
 * for the address a reload would load (src/pages/search.astro) and puts its heading, filters and
 * results in place, so a search typed, reloaded or shared shows the same results in the same order.
 * Without JavaScript the form loads that same address; where the server cannot answer, the form is
 * sent the ordinary way.
 */
import { ErrorSummary } from 'govuk-frontend';

const form = document.querySelector<HTMLFormElement>('form[data-search]')!;
const input = form.querySelector<HTMLInputElement>('#search-query')!;
const heading = document.getElementById('search-heading')!;
const panel = document.getElementById('search-results')!;

/** The address of a search: empty fields (the default order among them) left out, and always its first page. */
function addressOf(params: URLSearchParams): string {
  const address = new URLSearchParams();
  for (const [key, value] of params) if (value && key !== 'page') address.append(key, value);
  const query = address.toString();
  return query ? `/search/?${query}` : '/search/';
}

const paramsOf = () => {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) if (typeof value === 'string') params.append(key, value);
  return params;
};

let inFlight: AbortController | undefined;

/** The server's page at an address, or undefined when a newer search replaced this one. */
async function fetchPage(address: string, signal: AbortSignal): Promise<Document | undefined> {
  try {
    const response = await fetch(address, { signal, headers: { accept: 'text/html' } });
    if (!response.ok || !response.headers.get('content-type')?.includes('text/html')) throw new Error(`${response.status}`);
    return new DOMParser().parseFromString(await response.text(), 'text/html');
  } catch (error) {
    if (signal.aborted) return undefined;
    throw error;
  }
}

/**
 * Shows the server's answer for the form as it is now; false when the server could not answer. A
 * problem with the postcode is announced by its error summary, which takes focus when the resident
 * sent the form (not while they move between fields).
 */
async function search(sent = false): Promise<boolean> {
  const address = addressOf(paramsOf());
  inFlight?.abort();
  const controller = (inFlight = new AbortController());
  panel.setAttribute('aria-busy', 'true');
  let next: Document | undefined;
  try {
    next = await fetchPage(address, controller.signal);
  } catch {
    panel.removeAttribute('aria-busy');
    return false;
  }
  if (!next) return true;
  window.history.replaceState(null, '', address);
  document.title = next.title;
  heading.textContent = next.getElementById('search-heading')?.textContent ?? '';
  // A problem with what was typed (a postcode or an age) is listed above the heading, or goes once it is put right.
  const errors = document.getElementById('search-errors')!;
  errors.replaceChildren(...document.adoptNode(next.getElementById('search-errors')!).childNodes);
  // Sensitive results bring the Exit this page button; it goes when they do.
  document.querySelector('[data-quick-exit]')?.toggleAttribute('hidden', next.querySelector('[data-quick-exit]')?.hasAttribute('hidden') ?? true);
  replaceFilters(next);
  panel.replaceChildren(...document.adoptNode(next.getElementById('search-results')!).childNodes);
  panel.dataset.shownAddress = address;
  panel.removeAttribute('aria-busy');
  const problem = errors.querySelector<HTMLElement>('.govuk-error-summary');
  if (problem) new ErrorSummary(problem, { disableAutoFocus: !sent });
  enhanceResults();
  return true;
}

/**
 * Puts the server's filters and counts in place of the form's, keeping what the resident is doing:
 * the filter groups they opened stay open, and focus stays on the box or list they were using.
 */
function replaceFilters(next: Document): void {
  const focused = document.activeElement as HTMLInputElement | null;
  const focus = focused && form.contains(focused) && focused !== input ? { name: focused.name, value: focused.value, id: focused.id } : undefined;
  const opened = new Set([...form.querySelectorAll<HTMLDetailsElement>('details[data-facet][open]')].map((details) => details.dataset.facet));
  const filters = form.querySelector('[data-search-filters]')!;
  const nextFilters = document.adoptNode(next.querySelector('form[data-search] [data-search-filters]')!);
  // The Apply button stays the same element: leaving a field to press it starts a search, and a button
  // replaced between pressing and letting go would not send the form.
  nextFilters.querySelector('[data-search-apply]')!.replaceWith(filters.querySelector('[data-search-apply]')!);
  filters.replaceWith(nextFilters);
  for (const details of form.querySelectorAll<HTMLDetailsElement>('details[data-facet]')) {
    if (opened.has(details.dataset.facet)) details.open = true;
  }
  enhanceFilters();
  if (!focus) return;
  const again =
    [...form.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].find((box) => box.name === focus.name && box.value === focus.value) ??
    (focus.id ? form.querySelector<HTMLElement>(`#${CSS.escape(focus.id)}`) : null);
  again?.focus();
}

/** With JavaScript, more results come below the first ones instead of on a new page. */
function enhanceResults(): void {
  const paging = panel.querySelector<HTMLElement>('[data-paging]');
  const more = panel.querySelector<HTMLButtonElement>('[data-more]');
  if (!paging || !more) return;
  paging.hidden = true;
  more.hidden = !paging.querySelector('a[rel="next"]');
}

async function showMore(more: HTMLButtonElement): Promise<void> {
  const paging = panel.querySelector<HTMLElement>('[data-paging]')!;
  const address = paging.querySelector<HTMLAnchorElement>('a[rel="next"]')?.href;
  if (!address || more.disabled) return;
  more.disabled = true;
  const controller = (inFlight = new AbortController());
  let page: Document | undefined;
  try {
    page = await fetchPage(address, controller.signal);
  } catch {
    window.location.assign(address);
    return;
  }
  more.disabled = false;
  if (!page) return;
  const list = panel.querySelector('.hub-results')!;
  const firstNew = list.children.length;
  list.append(...[...page.querySelectorAll('#search-results .hub-results > li')].map((item) => document.adoptNode(item)));
  paging.replaceWith(document.adoptNode(page.querySelector('#search-results [data-paging]')!));
  enhanceResults();
  // Keyboard and screen reader users carry on from the first new result.
  list.children[firstNew]?.querySelector('a')?.focus();
}

/** Near me from the device: sort by distance from where the resident is, rounded to about 100 m. */
function enhanceFilters(): void {
  const nearMe = form.querySelector<HTMLElement>('[data-near-me]');
  if (!nearMe || !('geolocation' in navigator)) return;
  nearMe.hidden = false;
  nearMe.querySelector('button')!.addEventListener('click', () => {
    navigator.geolocation.getCurrentPosition(({ coords }) => {
      const url = new URL(window.location.href);
      url.searchParams.set('sort', 'distance');
      url.searchParams.set('near', `${coords.latitude.toFixed(3)},${coords.longitude.toFixed(3)}`);
      url.searchParams.delete('from');
      url.searchParams.delete('postcode');
      window.location.assign(url);
    });
  });
}

let typing: number | undefined;
input.addEventListener('input', () => {
  window.clearTimeout(typing);
  typing = window.setTimeout(() => void search(), 250);
});
form.addEventListener('change', (event) => {
  const target = event.target as HTMLElement;
  if (target === input) return;
  // Choosing a place to measure from means sorting by distance from it, and from that place alone.
  if (target.id === 'search-from' && (target as HTMLSelectElement).value) {
    form.querySelector<HTMLSelectElement>('#search-sort')!.value = 'distance';
    form.querySelector<HTMLInputElement>('#search-postcode')!.value = '';
  }
  if (target.id === 'search-postcode' && (target as HTMLInputElement).value.trim()) form.querySelector<HTMLSelectElement>('#search-from')!.value = '';
  // A postcode or an age goes with Apply or Enter, not as the resident leaves its box on the way to the
  // button: that search's error summary, shown above, would move the button between press and release.
  if (target instanceof HTMLInputElement && target.type === 'text') return;
  void search();
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  window.clearTimeout(typing);
  void search(true).then((shown) => {
    if (!shown) form.submit();
  });
});
panel.addEventListener('click', (event) => {
  const more = (event.target as HTMLElement).closest<HTMLButtonElement>('[data-more]');
  if (more) void showMore(more);
});
enhanceFilters();
enhanceResults();
