/**
 * A build renders thousands of pages from the same collections, so a query runs once per build and
 * its answer is shared by every page; in dev it runs afresh so content edits show at once.
 * The server keeps the answers too, until a publish replaces the release they came from: then
 * `forgetAnswers` lets the old release's directory go (server/serve.mjs calls it through
 * src/pages/publishing/webhook.ts once the old release has finished its last request).
 */
const forgetters = new Set<() => void>();

export function once<T>(query: () => Promise<T>): () => Promise<T> {
  let answer: Promise<T> | undefined;
  forgetters.add(() => (answer = undefined));
  return () => (import.meta.env.DEV ? query() : (answer ??= query()));
}

/** Another cache to empty with the answers (one that is not made by `once`). */
export function forgetWithAnswers(forget: () => void): void {
  forgetters.add(forget);
}

/** Drops every kept answer, so this bundle's copy of the directory can be collected once nothing asks it again. */
export function forgetAnswers(): void {
  for (const forget of forgetters) forget();
}
