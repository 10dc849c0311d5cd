/** Splitting long lists into numbered pages, for browse pages and search results alike. */

/** How many entries a browse page or a page of search results shows. */
export const perPage = 50;

export interface Page<T> {
  /** 1 for the first page. */
  number: number;
  total: number;
  items: T[];
}

/** The list cut into pages of `size`; an empty list is one empty page, so every list has a first page. */
export function paginate<T>(items: T[], size = perPage): Page<T>[] {
  const total = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: total }, (_, index) => ({ number: index + 1, total, items: items.slice(index * size, (index + 1) * size) }));
}

/** A page's address: the list's own address for the first page, `page/N/` under it after that. */
export function pageHref(base: string, number: number): string {
  return number === 1 ? base : `${base}page/${number}/`;
}

/**
 * The page numbers to link to, GOV.UK style: the first, the last, and the current one with its
 * neighbours; `null` marks a gap shown as an ellipsis.
 */
export function pageLinks(current: number, total: number): (number | null)[] {
  const wanted = [...new Set([1, current - 1, current, current + 1, total])].filter((n) => n >= 1 && n <= total).sort((a, b) => a - b);
  return wanted.flatMap((n, index) => (index > 0 && n - wanted[index - 1] > 1 ? [null, n] : [n]));
}

/**
 * Static paths for a paged list under a `[...page]` route: the first page at the list's own
 * address, then `page/2`, `page/3`, … Each path's props carry its page and `props`.
 */
export function pageRoutes<T, P extends object>(items: T[], params: Record<string, string>, props: P) {
  return paginate(items).map((page) => ({ params: { ...params, page: page.number === 1 ? undefined : `page/${page.number}` }, props: { ...props, page } }));
}
