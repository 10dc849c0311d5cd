/**
 * The publisher's settings, read from the environment in one place with their defaults, so the
 * server, the webhook route and the staff page agree on what is followed. Pure.
 */

export interface PublishConfig {
  /** PUBLISH_REPO: the folder of a git repository on this machine, or a URL to clone and fetch. */
  repo: string;
  /** Whether `repo` is a URL (fetched into a mirror) rather than a folder (read in place). */
  remote: boolean;
  /** PUBLISH_BRANCH: the content branch, whose every move is published. */
  branch: string;
  /** RELEASES_DIR: where each build goes, beside the `current` link to the live one. */
  releasesDir: string;
  /** PUBLISH_POLL_SECONDS: how often the branch is looked at without a webhook; 0 for the webhook only. */
  pollSeconds: number;
  /** PUBLISH_KEEP_RELEASES: builds kept on disk, the live one among them. */
  keepReleases: number;
  /** PUBLISH_WEBHOOK_SECRET: the secret the git host signs its webhook posts with. */
  webhookSecret?: string;
}

export const publishDefaults = {
  branch: 'main',
  releasesDir: 'releases',
  /** A local repository is cheap to look at: every 2 seconds. */
  localPollSeconds: 2,
  /** A fetch costs the git host a request: every minute, as a fallback for a lost webhook. */
  remotePollSeconds: 60,
  keepReleases: 3,
} as const;

/** A URL (`https://…`, `ssh://…`, `file://…`) or scp-like `git@host:path`, as opposed to a folder. */
export function isRemoteRepository(repo: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(repo) || /^[^/\s:@]+@[^/\s:]+:/.test(repo);
}

/** The repository as it may be shown or logged: a URL without its user name and password (a token often sits there). */
export function describeRepository(repo: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(repo)) return repo;
  try {
    const url = new URL(repo);
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return repo.replace(/\/\/[^@/]*@/, '//');
  }
}

/** A branch name git accepts and that cannot be read as an option by a git command. */
export function isBranchName(name: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9._/-]*$/.test(name) && !name.includes('..') && !name.includes('//') && !/(\.lock|\/|\.)$/.test(name);
}

function wholeNumber(env: Record<string, string | undefined>, name: string, fallback: number, least: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < least) throw new Error(`${name} must be a whole number of at least ${least} (it is "${text}")`);
  return value;
}

/** The settings, or undefined when PUBLISH_REPO is not set (publishing is off). Throws on a setting that cannot work. */
export function readPublishConfig(env: Record<string, string | undefined> = process.env): PublishConfig | undefined {
  const repo = env.PUBLISH_REPO?.trim();
  if (!repo) return undefined;
  const remote = isRemoteRepository(repo);
  const branch = env.PUBLISH_BRANCH?.trim() || publishDefaults.branch;
  if (!isBranchName(branch)) throw new Error(`PUBLISH_BRANCH "${branch}" is not a branch name`);
  const secret = env.PUBLISH_WEBHOOK_SECRET;
  return {
    repo,
    remote,
    branch,
    releasesDir: env.RELEASES_DIR?.trim() || publishDefaults.releasesDir,
    pollSeconds: wholeNumber(env, 'PUBLISH_POLL_SECONDS', remote ? publishDefaults.remotePollSeconds : publishDefaults.localPollSeconds, 0),
    // Two at least: the release going out of service may still be finishing a request.
    keepReleases: wholeNumber(env, 'PUBLISH_KEEP_RELEASES', publishDefaults.keepReleases, 2),
    ...(secret ? { webhookSecret: secret } : {}),
  };
}
