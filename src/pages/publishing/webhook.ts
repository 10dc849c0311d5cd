/**
 * POST /publishing/webhook: the git host says the content branch moved (GitHub, Gitea or Forgejo, or
 * GitLab, signed with PUBLISH_WEBHOOK_SECRET), so the publisher looks now instead of at its next poll.
 * 202 for a signed post (a push to the branch or anything else it ignores), 401 for an unsigned one,
 * 404 when publishing is off. The post is JSON, which Astro's same-site check for forms lets through;
 * the signature is its protection.
 *
 * The server (server/serve.mjs) also reaches the publisher through this module, as it reaches the
 * database through /healthz: `startPublisher` and `readPublishConfig` are exported for it; `warm`,
 * which prepares a release's search in pieces before it is switched to; `announce`,
 * which the publisher calls on the release that has just gone live, so the senders are told from the
 * content now served; and `retire`, which a release the server no longer serves is told once its last
 * request is done.
 */
import type { APIRoute } from 'astro';
import { searchDocuments as loadSearchDocuments } from '../../data/search-documents';
import { readLimited } from '../../forms/post';
import { announcePublished, type LiveRelease } from '../../moderation/published';
import { readPublishConfig } from '../../publishing/config';
import { runningPublisher } from '../../publishing/publisher';
import { readPushEvent, verifiedHost } from '../../publishing/webhook';
import { prepareSearch } from '../../search/text-search';
import { prepareDates } from '../../search/dates';
import { currentTime } from '../../rules/clock';
import { getStore } from '../../store';

export const prerender = false;

/** GitHub caps its payloads at 25 MB, but a push's (its last 20 commits) is tens of KB. */
const maxBodyBytes = 2 * 1024 * 1024;

const answer = (status: number, body: Record<string, string>) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });

export const POST: APIRoute = async ({ request }) => {
  const config = readPublishConfig();
  const publisher = runningPublisher();
  if (!config || !publisher) return answer(404, { status: 'publishing is off' });
  if (Number(request.headers.get('content-length') ?? 0) > maxBodyBytes) return answer(413, { status: 'too large' });
  const body = await readLimited(request, maxBodyBytes);
  if (!body) return answer(413, { status: 'too large' });
  const host = verifiedHost(request.headers, body, config.webhookSecret);
  if (!host) return answer(401, { status: config.webhookSecret ? 'not signed with the secret' : 'no PUBLISH_WEBHOOK_SECRET is set' });
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return answer(400, { status: 'not JSON (choose application/json as the webhook content type)' });
  }
  const outcome = readPushEvent(host, request.headers, payload, config.branch);
  if (outcome.kind === 'ignored') return answer(202, { status: 'ignored', reason: outcome.reason });
  publisher.notice(`${host} says ${config.branch} moved to ${outcome.commit.slice(0, 12)}`);
  return answer(202, { status: 'accepted', commit: outcome.commit });
};

/** Any other method: a plain 405, rather than Astro's three-line warning in the log for each request. */
export const ALL: APIRoute = () => new Response('Only POST is accepted here.', { status: 405, headers: { allow: 'POST', 'content-type': 'text/plain; charset=utf-8' } });

export { readPublishConfig };
/** Tells the senders whose submissions this release published (src/moderation/published.ts). */
export const announce = async (release: LiveRelease): Promise<number> => announcePublished(await getStore(), release);
/** Prepares what this release's first search would otherwise work out in one go, in pieces, before the release is switched to. */
export async function warm(): Promise<void> {
  const documents = await loadSearchDocuments();
  await prepareSearch(documents);
  await prepareDates(documents, currentTime());
}
/** Lets go of the directory, search documents and lookups this release's bundle keeps, as no request will reach it again. */
export { forgetAnswers as retire } from '../../data/once';
export { startPublisher } from '../../publishing/publisher';
