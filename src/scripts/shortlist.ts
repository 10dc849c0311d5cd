/**
 * The resident's shortlist, kept in this browser only (no account): an ordered list of ids such as
 * `groups/wisbech-health-walks`, and the buttons, links and print button that use it.
 */
const storageKey = 'hub-shortlist';
const idPattern = /^(groups|assets)\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** The shortlist page shows no more than this; see src/pages/shortlist.astro. */
const maxItems = 50;

export function list(): string[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]');
    return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string' && idPattern.test(id)) : [];
  } catch {
    // Storage turned off or an unreadable value: behave as an empty list.
    return [];
  }
}

function save(ids: string[]): void {
  try {
    localStorage.setItem(storageKey, JSON.stringify(ids));
  } catch {
    // Storage full or turned off: the page still works, the list just is not kept.
  }
}

export const has = (id: string): boolean => list().includes(id);

export function add(id: string): void {
  const ids = list();
  if (idPattern.test(id) && !ids.includes(id) && ids.length < maxItems) save([...ids, id]);
}

export function remove(id: string): void {
  save(list().filter((other) => other !== id));
}

/** The shortlist page for these ids, which is also the link to share. */
export function shortlistHref(ids: string[] = list()): string {
  return ids.length > 0 ? `/shortlist/?items=${ids.join(',')}` : '/shortlist/';
}

/** Brings every shortlist button, link and count on the page up to date. */
function render(): void {
  const ids = list();
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-shortlist-id]')) {
    const added = ids.includes(button.dataset.shortlistId ?? '');
    // The label itself changes, so no aria-pressed: a pressed "Remove from shortlist" would read as a double negative.
    button.textContent = (added ? button.dataset.textRemove : button.dataset.textAdd) ?? '';
  }
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-shortlist-link]')) {
    link.href = shortlistHref(ids);
    const count = link.querySelector('[data-shortlist-count]');
    const text = ids.length === 1 ? link.dataset.countOne : link.dataset.countOther?.replace('{count}', String(ids.length));
    if (count && text) count.textContent = text;
  }
}

function wireUp(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-shortlist-id]')) {
    button.addEventListener('click', () => {
      const id = button.dataset.shortlistId ?? '';
      const adding = !has(id);
      if (adding) add(id);
      else remove(id);
      render();
      const status = button.closest('[data-shortlist-control]')?.querySelector('[data-shortlist-status]');
      if (status) status.textContent = (adding ? button.dataset.textAdded : button.dataset.textRemoved) ?? '';
    });
  }
  // The shortlist page's Remove buttons open the list without the item. When the page shows the list
  // kept in this browser (every item on it is kept here, so it is not a list someone shared), the kept
  // list loses the item too.
  const removeForms = [...document.querySelectorAll<HTMLFormElement>('[data-shortlist-remove]')];
  for (const form of removeForms) {
    form.addEventListener('submit', () => {
      const kept = list();
      if (removeForms.every((other) => kept.includes(other.dataset.shortlistRemove ?? ''))) remove(form.dataset.shortlistRemove ?? '');
    });
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-shortlist-print]')) {
    button.addEventListener('click', () => window.print());
  }
  // Shown only now, so that without JavaScript no control that cannot work is offered.
  for (const hidden of document.querySelectorAll<HTMLElement>('[data-shortlist-control]')) {
    hidden.hidden = false;
  }
  render();
  // Another tab, or coming Back to a page kept in memory, may have changed the list.
  window.addEventListener('storage', render);
  window.addEventListener('pageshow', render);
}

// The shortlist page opened with no list in its address shows the one kept in this browser.
const page = document.querySelector('[data-shortlist-page]');
if (page && !new URLSearchParams(window.location.search).has('items') && list().length > 0) {
  window.location.replace(shortlistHref());
} else {
  wireUp();
}
