import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeRepository, isBranchName, isRemoteRepository, readPublishConfig } from '../../src/publishing/config';
import { buildFailure, contentNotRead, indexFailure, isReleaseName, problemsFromBuildOutput, releaseName, releasesToRemove } from '../../src/publishing/releases';
import { readPushEvent, verifiedHost } from '../../src/publishing/webhook';

const secret = 'a webhook secret';
const commit = '0123456789abcdef0123456789abcdef01234567';
const body = new TextEncoder().encode(JSON.stringify({ ref: 'refs/heads/main', after: commit }));
const hmac = (key: string, bytes: Uint8Array) => createHmac('sha256', key).update(bytes).digest('hex');
const headers = (values: Record<string, string>) => new Headers(values);

describe('a webhook post is trusted only when signed with the secret', () => {
  it('GitHub signs the body with HMAC-SHA256 in X-Hub-Signature-256', () => {
    expect(verifiedHost(headers({ 'X-Hub-Signature-256': `sha256=${hmac(secret, body)}`, 'X-GitHub-Event': 'push' }), body, secret)).toBe('github');
  });

  it('Gitea and Forgejo sign it in a header of their own (and may send GitHub’s too)', () => {
    expect(verifiedHost(headers({ 'X-Gitea-Signature': hmac(secret, body), 'X-Gitea-Event': 'push' }), body, secret)).toBe('gitea');
    expect(verifiedHost(headers({ 'X-Forgejo-Signature': hmac(secret, body) }), body, secret)).toBe('gitea');
    expect(verifiedHost(headers({ 'X-Hub-Signature-256': `sha256=${hmac(secret, body)}`, 'X-Gitea-Event': 'push' }), body, secret)).toBe('gitea');
  });

  it('GitLab sends the secret itself in X-Gitlab-Token', () => {
    expect(verifiedHost(headers({ 'X-Gitlab-Token': secret, 'X-Gitlab-Event': 'Push Hook' }), body, secret)).toBe('gitlab');
    expect(verifiedHost(headers({ 'X-Gitlab-Token': `${secret}!` }), body, secret)).toBeUndefined();
  });

  it('a signature made with another secret, or over another body, is refused', () => {
    expect(verifiedHost(headers({ 'X-Hub-Signature-256': `sha256=${hmac('guessed', body)}` }), body, secret)).toBeUndefined();
    const altered = new TextEncoder().encode(JSON.stringify({ ref: 'refs/heads/main', after: 'f'.repeat(40) }));
    expect(verifiedHost(headers({ 'X-Hub-Signature-256': `sha256=${hmac(secret, body)}` }), altered, secret)).toBeUndefined();
    expect(verifiedHost(headers({ 'X-Gitea-Signature': 'sha256=short' }), body, secret)).toBeUndefined();
  });

  it('nothing is trusted without a signature, or when the server has no secret', () => {
    expect(verifiedHost(headers({ 'X-GitHub-Event': 'push' }), body, secret)).toBeUndefined();
    expect(verifiedHost(headers({ 'X-Gitlab-Token': '' }), body, '')).toBeUndefined();
    expect(verifiedHost(headers({ 'X-Hub-Signature-256': `sha256=${hmac('', body)}` }), body, undefined)).toBeUndefined();
  });
});

describe('only a push that moves the content branch starts a publish', () => {
  it('a push to the branch names its new commit, on every host', () => {
    const payload = { ref: 'refs/heads/main', after: commit };
    expect(readPushEvent('github', headers({ 'X-GitHub-Event': 'push' }), payload, 'main')).toEqual({ kind: 'push', commit });
    expect(readPushEvent('gitea', headers({ 'X-Gitea-Event': 'push' }), payload, 'main')).toEqual({ kind: 'push', commit });
    expect(readPushEvent('gitlab', headers({ 'X-Gitlab-Event': 'Push Hook' }), payload, 'main')).toEqual({ kind: 'push', commit });
  });

  it('a ping, a tag push or another event is ignored', () => {
    expect(readPushEvent('github', headers({ 'X-GitHub-Event': 'ping' }), { zen: 'Keep it simple' }, 'main')).toMatchObject({ kind: 'ignored' });
    expect(readPushEvent('gitlab', headers({ 'X-Gitlab-Event': 'Tag Push Hook' }), { ref: 'refs/tags/v1', after: commit }, 'main')).toMatchObject({ kind: 'ignored' });
    expect(readPushEvent('github', headers({}), { ref: 'refs/heads/main', after: commit }, 'main')).toMatchObject({ kind: 'ignored' });
  });

  it('a push to another branch (a CMS draft, say) is ignored', () => {
    expect(readPushEvent('github', headers({ 'X-GitHub-Event': 'push' }), { ref: 'refs/heads/cms/groups/new-group', after: commit }, 'main')).toEqual({
      kind: 'ignored',
      reason: 'a push to refs/heads/cms/groups/new-group, not refs/heads/main',
    });
  });

  it('deleting the branch, or a payload without a commit, is ignored', () => {
    const event = headers({ 'X-GitHub-Event': 'push' });
    expect(readPushEvent('github', event, { ref: 'refs/heads/main', after: '0'.repeat(40), deleted: true }, 'main')).toMatchObject({ kind: 'ignored' });
    expect(readPushEvent('github', event, { ref: 'refs/heads/main', after: 'HEAD; rm -rf /' }, 'main')).toMatchObject({ kind: 'ignored' });
    expect(readPushEvent('github', event, null, 'main')).toMatchObject({ kind: 'ignored' });
  });
});

describe('releases', () => {
  it('are named by when they started (UTC) and their commit, so names sort oldest first', () => {
    expect(releaseName(commit, new Date('2026-11-23T09:15:00.250Z'))).toBe('20261123T091500Z-0123456789ab');
    expect(isReleaseName('20261123T091500Z-0123456789ab')).toBe(true);
    expect(isReleaseName('current')).toBe(false);
    expect(isReleaseName('.source')).toBe(false);
  });

  it('past the number kept, the oldest are removed, never one in use', () => {
    const names = ['20261101T090000Z-aaaaaaaaaaaa', '20261102T090000Z-bbbbbbbbbbbb', '20261103T090000Z-cccccccccccc', '20261104T090000Z-dddddddddddd', 'current', 'node_modules', '.source'];
    expect(releasesToRemove(names, { keep: 2 })).toEqual(['20261102T090000Z-bbbbbbbbbbbb', '20261101T090000Z-aaaaaaaaaaaa']);
    // Publishes have failed since the live release, or the server started on it: it stays, however old.
    expect(releasesToRemove(names, { keep: 2, inUse: ['20261101T090000Z-aaaaaaaaaaaa', undefined] })).toEqual(['20261102T090000Z-bbbbbbbbbbbb']);
    expect(releasesToRemove(names, { keep: 3, inUse: ['20261101T090000Z-aaaaaaaaaaaa'] })).toEqual([]);
  });
});

describe('the problems of a failed publish, read from the build’s output', () => {
  // As `astro build` prints them when the content check (src/integrations/content-check.ts) stops it.
  const output = [
    '10:01:47 [@astrojs/node] Enabling sessions with filesystem storage',
    '10:01:47 [ERROR] [community-hub:content-check] An unhandled error occurred while running the "astro:config:setup" hook',
    '2 content problems:',
    'releases/.source/content/groups/benwick.md: summary: Expected string, received number',
    'releases/.source/content/taxonomy/categories.yaml: sport.parent: refers to "games", which is not in categories',
    '  Location:',
    '    /srv/hub/src/integrations/content-check.ts:19:15',
  ].join('\n');

  it('name each file as it is in the repository, with its field and message', () => {
    expect(problemsFromBuildOutput(output, { cwd: '/srv/hub', sourceDir: '/srv/hub/releases/.source' })).toEqual([
      { file: 'content/groups/benwick.md', field: 'summary', message: 'Expected string, received number' },
      { file: 'content/taxonomy/categories.yaml', field: 'sport.parent', message: 'refers to "games", which is not in categories' },
    ]);
  });

  it('keep a message with colons in it whole, and read through colour codes', () => {
    const coloured = `\u001b[31m1 content problem:\u001b[39m\n../data/source/content/funds/small-sparks.md: closes: must be after opens: 2026-01-01\n`;
    expect(problemsFromBuildOutput(coloured, { cwd: '/srv/hub', sourceDir: '/srv/data/source' })).toEqual([
      { file: 'content/funds/small-sparks.md', field: 'closes', message: 'must be after opens: 2026-01-01' },
    ]);
  });

  it('are none when the build failed for another reason, which is then told by its first error', () => {
    const crashed = 'building client\n[ERROR] [vite] Rollup failed to resolve import "leaflet"\nfrom src/scripts/map.ts\n';
    expect(problemsFromBuildOutput(crashed, { cwd: '/srv/hub', sourceDir: '/srv/hub/releases/.source' })).toEqual([]);
    expect(buildFailure(crashed)).toEqual({ file: '(build)', field: '(output)', message: '[ERROR] [vite] Rollup failed to resolve import "leaflet" from src/scripts/map.ts' });
    expect(buildFailure('').message).toBe('the build stopped without saying why');
  });
});

describe('a search index that was not written after the build', () => {
  it('is told by what the indexing said last, as one problem of the build', () => {
    const output = 'Indexing the built pages for search…\n\u001b[31mThe search index was not written: Pagefind could not index /whats-on/knit/: bad record\u001b[39m\n';
    expect(indexFailure(output)).toEqual({ file: '(build)', field: '(search index)', message: 'The search index was not written: Pagefind could not index /whats-on/knit/: bad record' });
    expect(indexFailure('').message).toBe('the search index was not written, and the indexing said nothing');
  });
});

describe('a build that did not read all the content', () => {
  it('is told from its output, so it never goes live with an earlier publish’s entries or none', () => {
    // As Astro 5 logs it, then builds on from what its store holds.
    expect(contentNotRead('12:10:01 [ERROR] [content] Error loading content config. Skipping sync.\nContent config loading timed out')).toBe('12:10:01 [ERROR] [content] Error loading content config. Skipping sync.');
    expect(contentNotRead('\u001b[31m[content] Content config not loaded, skipping sync. Status was loading\u001b[39m')).toBe('[content] Content config not loaded, skipping sync. Status was loading');
    expect(contentNotRead('[WARN] [glob-loader] No files found matching "**/*.md" in directory "releases/.source/content/groups"')).toMatch(/No files found/);
    expect(contentNotRead('12:10:01 [content] Syncing content\n12:10:04 [content] Synced content')).toBeUndefined();
  });
});

describe('the publisher’s settings', () => {
  it('are off without PUBLISH_REPO', () => {
    expect(readPublishConfig({})).toBeUndefined();
    expect(readPublishConfig({ PUBLISH_REPO: '  ' })).toBeUndefined();
  });

  it('look at a local repository every 2 seconds and fetch from a git host every minute, by default', () => {
    expect(readPublishConfig({ PUBLISH_REPO: '/srv/content' })).toEqual({ repo: '/srv/content', remote: false, branch: 'main', releasesDir: 'releases', pollSeconds: 2, keepReleases: 3 });
    expect(readPublishConfig({ PUBLISH_REPO: 'https://github.com/council/hub.git', PUBLISH_WEBHOOK_SECRET: secret })).toMatchObject({ remote: true, pollSeconds: 60, webhookSecret: secret });
    expect(readPublishConfig({ PUBLISH_REPO: 'git@gitlab.com:council/hub.git', PUBLISH_POLL_SECONDS: '0' })).toMatchObject({ remote: true, pollSeconds: 0 });
  });

  it('refuse a branch git would not accept, or a number that is not one', () => {
    expect(() => readPublishConfig({ PUBLISH_REPO: '.', PUBLISH_BRANCH: '--upload-pack=evil' })).toThrow(/PUBLISH_BRANCH/);
    expect(() => readPublishConfig({ PUBLISH_REPO: '.', PUBLISH_KEEP_RELEASES: '1' })).toThrow(/PUBLISH_KEEP_RELEASES must be a whole number of at least 2/);
    expect(() => readPublishConfig({ PUBLISH_REPO: '.', PUBLISH_POLL_SECONDS: 'often' })).toThrow(/PUBLISH_POLL_SECONDS/);
    expect(isBranchName('content/live')).toBe(true);
    expect(isBranchName('main.lock')).toBe(false);
    expect(isBranchName('a..b')).toBe(false);
  });

  it('tell a URL from a folder, and never show a URL’s token', () => {
    expect(isRemoteRepository('/srv/content')).toBe(false);
    expect(isRemoteRepository('../content')).toBe(false);
    expect(isRemoteRepository('ssh://git@example.org/hub.git')).toBe(true);
    expect(describeRepository('https://oauth2:glpat-secret@gitlab.example.org/council/hub.git')).toBe('https://gitlab.example.org/council/hub.git');
    expect(describeRepository('/srv/content')).toBe('/srv/content');
  });
});
