/**
 * What a git host's webhook post means: whether it is signed with our secret (GitHub's
 * X-Hub-Signature-256, Gitea's and Forgejo's X-Gitea-Signature / X-Forgejo-Signature, GitLab's
 * X-Gitlab-Token), and whether it is a push that moved the content branch. Pure: the route in
 * src/pages/publishing/webhook.ts does the reading and answering.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type GitHost = 'github' | 'gitea' | 'gitlab';

/** The request headers, as a `Headers` object gives them (names in any case). */
export interface HeaderSource {
  get(name: string): string | null;
}

/** Equal strings in time that does not depend on where they differ (nor, hashed first, on their lengths). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function hmacHex(secret: string, body: Uint8Array): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/**
 * Which host signed the post with `secret`, or undefined when no signature header holds a valid one.
 * A post may carry several (Gitea sends its own and GitHub's); one that checks is enough, as all come from the same secret.
 */
export function verifiedHost(headers: HeaderSource, body: Uint8Array, secret: string | undefined): GitHost | undefined {
  if (!secret) return undefined;
  const expected = hmacHex(secret, body);
  const github = headers.get('x-hub-signature-256');
  if (github?.startsWith('sha256=') && sameSecret(github.slice('sha256='.length).toLowerCase(), expected)) {
    // Gitea and Forgejo send GitHub's header too: name them by their own event header.
    return headers.get('x-gitea-event') || headers.get('x-forgejo-event') ? 'gitea' : 'github';
  }
  for (const name of ['x-gitea-signature', 'x-forgejo-signature']) {
    const signature = headers.get(name);
    if (signature && sameSecret(signature.toLowerCase(), expected)) return 'gitea';
  }
  const token = headers.get('x-gitlab-token');
  if (token && sameSecret(token, secret)) return 'gitlab';
  return undefined;
}

/** The event's name as the host puts it: `push` (GitHub, Gitea) or `Push Hook` (GitLab). */
export function eventName(host: GitHost, headers: HeaderSource): string {
  if (host === 'gitlab') return headers.get('x-gitlab-event') ?? '';
  return headers.get('x-gitea-event') ?? headers.get('x-forgejo-event') ?? headers.get('x-github-event') ?? '';
}

export type WebhookOutcome =
  | { kind: 'push'; commit: string }
  | { kind: 'ignored'; reason: string };

const commitPattern = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const deletedCommit = /^0+$/;

/** Whether a verified post is a push that moved `branch` to a commit (not a ping, another branch, a tag or a deletion). */
export function readPushEvent(host: GitHost, headers: HeaderSource, payload: unknown, branch: string): WebhookOutcome {
  const event = eventName(host, headers);
  const isPush = host === 'gitlab' ? event === 'Push Hook' : event === 'push';
  if (!isPush) return { kind: 'ignored', reason: `not a push (${event || 'no event name'})` };
  if (!payload || typeof payload !== 'object') return { kind: 'ignored', reason: 'no push details' };
  const { ref, after, deleted } = payload as { ref?: unknown; after?: unknown; deleted?: unknown };
  if (ref !== `refs/heads/${branch}`) return { kind: 'ignored', reason: `a push to ${typeof ref === 'string' ? ref : 'something else'}, not refs/heads/${branch}` };
  if (deleted === true || typeof after !== 'string' || deletedCommit.test(after)) return { kind: 'ignored', reason: 'the branch was deleted' };
  if (!commitPattern.test(after)) return { kind: 'ignored', reason: 'no commit named' };
  return { kind: 'push', commit: after };
}
