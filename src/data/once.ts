/**
 * A build renders thousands of pages from the same collections, so a query runs once per build and
 * its answer is shared by every page; in dev it runs afresh so content edits show at once.
 */
export function once<T>(query: () => Promise<T>): () => Promise<T> {
  let answer: Promise<T> | undefined;
  return () => (import.meta.env.DEV ? query() : (answer ??= query()));
}
