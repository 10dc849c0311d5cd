/**
 * Which pages the sitemap lists: public pages worth finding from a search engine. The staff console
 * and the CMS are private; search results and the shortlist are made for one visitor and say nothing
 * on their own, so they are left out too (they are still reachable from every page).
 */
const leftOut = ['/staff/', '/admin/', '/search/', '/shortlist/'];

/** Whether the sitemap lists a page, given its full address. */
export function inSitemap(page: string): boolean {
  const path = new URL(page).pathname;
  return !leftOut.some((prefix) => path === prefix || path === prefix.slice(0, -1) || path.startsWith(prefix));
}
