import { describe, expect, it } from 'vitest';
import {
  branchAlreadyExists,
  checkedDraftFiles,
  checkedPath,
  encodePath,
  gitHostRepository,
  hasNextPage,
  hostErrorText,
  redact,
  refusalMessage,
  type Refusal,
} from '../../src/moderation/git-hosts';
import { type EntryDraft, RepositoryError } from '../../src/moderation/repository';

const draft = (paths: string[]): EntryDraft => ({
  collection: 'stories',
  slug: 'litter-pick',
  title: 'Create Stories “litter-pick”',
  description: '',
  files: paths.map((path) => ({ path, content: new Uint8Array([1]) })),
});

describe('what a host said, in a line', () => {
  it('reads GitHub’s message and its validation errors', () => {
    expect(hostErrorText(JSON.stringify({ message: 'Validation Failed', errors: [{ resource: 'PullRequest', code: 'custom', message: 'A pull request already exists for council:cms/stories/x.' }] }))).toBe(
      'Validation Failed; A pull request already exists for council:cms/stories/x.',
    );
  });

  it('reads GitLab’s message as a string, a list, or fields with their problems', () => {
    expect(hostErrorText('{"message":"404 Project Not Found"}')).toBe('404 Project Not Found');
    expect(hostErrorText('{"message":["Another open merge request already exists for this source branch: !7"]}')).toBe('Another open merge request already exists for this source branch: !7');
    expect(hostErrorText('{"message":{"title":["can\'t be blank"]}}')).toBe("title can't be blank");
    expect(hostErrorText('{"error":"invalid_token","error_description":"Token was revoked."}')).toBe('Token was revoked.');
  });

  it('reads Gitea’s message and leaves out an empty error list', () => {
    expect(hostErrorText('{"message":"branch already exists [name: cms/stories/x]","url":"https://git.example.org/api/swagger","errors":[]}')).toBe('branch already exists [name: cms/stories/x]');
  });

  it('makes a proxy’s error page into its words, and shortens a long answer', () => {
    expect(hostErrorText('<html><head><title>502</title></head><body><h1>502 Bad Gateway</h1></body></html>')).toBe('502 502 Bad Gateway');
    expect(hostErrorText('x'.repeat(500))).toHaveLength(300);
    expect(hostErrorText('')).toBe('');
  });
});

describe('a refused request, in words staff can act on', () => {
  const refusal = (status: number, extra: Partial<Refusal> = {}): string =>
    refusalMessage({ backend: 'github', repo: 'council/hub', status, doing: 'open the pull request', detail: '', headers: new Headers(), ...extra });

  it('sends a refused token back to its setting', () => {
    expect(refusal(401)).toBe('GitHub refused the token (401): check CMS_TOKEN.');
    expect(refusalMessage({ backend: 'gitlab', repo: 'council/hub', status: 401, doing: 'x', detail: '', headers: new Headers() })).toBe('GitLab refused the token (401): check CMS_TOKEN.');
  });

  it('says which permission each host’s token needs', () => {
    expect(refusal(403)).toBe("GitHub did not let the token open the pull request in council/hub (403): the token in CMS_TOKEN needs read and write access to the repository's Contents and Pull requests.");
    expect(refusal(403, { backend: 'gitlab' })).toMatch(/the api scope and at least the Developer role/);
    expect(refusal(403, { backend: 'gitea' })).toMatch(/write:repository and write:issue scopes/);
  });

  it('tells when to try again after a rate limit', () => {
    const now = new Date('2030-01-01T12:00:00Z');
    expect(refusal(429, { headers: new Headers({ 'retry-after': '120' }), now })).toBe('GitHub is limiting requests from this token (429): try again after 12:02 UTC.');
    expect(refusal(403, { detail: 'API rate limit exceeded for user ID 1.', now })).toBe('GitHub is limiting requests from this token (403): try again in a few minutes.');
  });

  it('passes on what the host refused, and asks to try a failing host later', () => {
    expect(refusal(422, { detail: 'Validation Failed' })).toBe('GitHub refused to open the pull request in council/hub (422: Validation Failed).');
    expect(refusal(503)).toBe('GitHub failed to open the pull request (503): try again later.');
    expect(refusal(404)).toBe('GitHub could not find what it needed to open the pull request in council/hub (404).');
    expect(refusal(404, { notFound: 'Check CMS_REPO.' })).toBe('Check CMS_REPO.');
  });
});

describe('paths and drafts', () => {
  it('keeps a path inside the repository, as Decap trims it', () => {
    expect(checkedPath('/content/stories/a.md')).toBe('content/stories/a.md');
    for (const path of ['', '/', '../secrets', 'content/../../x', 'content//a.md', 'content\\a.md', 'content/./a.md']) {
      expect(() => checkedPath(path)).toThrow(RepositoryError);
    }
  });

  it('refuses a draft without files or with a file twice', () => {
    expect(() => checkedDraftFiles(draft([]))).toThrow('The draft for stories “litter-pick” has no files.');
    expect(() => checkedDraftFiles(draft(['content/stories/litter-pick.md', '/content/stories/litter-pick.md']))).toThrow('has content/stories/litter-pick.md twice');
    expect(checkedDraftFiles(draft(['content/stories/litter-pick.md', 'public/uploads/a b.png'])).map((file) => file.path)).toEqual(['content/stories/litter-pick.md', 'public/uploads/a b.png']);
  });

  it('encodes each part of a path but keeps its slashes', () => {
    expect(encodePath('public/uploads/café & bar.png')).toBe('public/uploads/caf%C3%A9%20%26%20bar.png');
  });
});

describe('small host conventions', () => {
  it('follows a Link header’s next page, and stops at the last', () => {
    expect(hasNextPage('<https://git.example.org/api/v1/repos/a/b/labels?page=2>; rel="next", <https://git.example.org/api/v1/repos/a/b/labels?page=4>; rel="last"')).toBe(true);
    expect(hasNextPage('<https://git.example.org/api/v1/repos/a/b/labels?page=1>; rel="first", <https://git.example.org/api/v1/repos/a/b/labels?page=3>; rel="prev"')).toBe(false);
    expect(hasNextPage(null)).toBe(false);
  });

  it('knows each host’s words for a branch that is already there, and not a file’s', () => {
    expect(branchAlreadyExists('Reference already exists')).toBe(true);
    expect(branchAlreadyExists("A branch called 'cms/stories/x' already exists. Switch to that branch in order to make changes")).toBe(true);
    expect(branchAlreadyExists('branch already exists [name: cms/stories/x]')).toBe(true);
    expect(branchAlreadyExists('repository file already exists [path: content/stories/x.md]')).toBe(false);
  });

  it('never shows the token, even when a host echoes it', () => {
    expect(redact('Bad credentials for ghp_abc123 (ghp_abc123)', 'ghp_abc123')).toBe('Bad credentials for [token] ([token])');
  });
});

describe('settings for a git host', () => {
  const settings = { backend: 'github' as const, repo: 'council/hub', branch: 'main', token: 'ghp_abc123' };

  it('refuses settings that cannot work, naming the one to fix', () => {
    expect(() => gitHostRepository({ ...settings, token: '' })).toThrow('Opening CMS drafts on GitHub needs an access token: set CMS_TOKEN.');
    expect(() => gitHostRepository({ ...settings, repo: 'hub' })).toThrow('The repository “hub” is not owner/name: check CMS_REPO.');
    expect(() => gitHostRepository({ ...settings, repo: 'council/group/hub' })).toThrow('check CMS_REPO');
    expect(() => gitHostRepository({ ...settings, apiRoot: 'git.example.org' })).toThrow('CMS_API_ROOT “git.example.org” is not a web address.');
    expect(() => gitHostRepository({ ...settings, backend: 'bitbucket' as 'github' })).toThrow('The CMS backend “bitbucket” has no API');
  });

  it('takes a GitLab project in a subgroup', () => {
    expect(gitHostRepository({ ...settings, backend: 'gitlab', repo: 'council/web/hub' }).description).toBe('GitLab council/web/hub (main)');
  });

  it('says which host could not be reached, without the credentials an address may hold', async () => {
    const unreachable = gitHostRepository({
      ...settings,
      backend: 'gitea',
      apiRoot: 'https://deploy:hunter2@git.example.org/api/v1/',
      fetch: async () => {
        throw new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND git.example.org') });
      },
    });
    await expect(unreachable.readFile('content/a.md')).rejects.toThrow(new RepositoryError('Could not reach Gitea at https://git.example.org/api/v1: getaddrinfo ENOTFOUND git.example.org.'));
  });

  it('does not take a web page for the API when CMS_API_ROOT is the site’s address', async () => {
    const website = gitHostRepository({
      ...settings,
      backend: 'gitea',
      apiRoot: 'https://git.example.org',
      fetch: async () => new Response('<!DOCTYPE html><title>Gitea</title>', { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } }),
    });
    await expect(website.openDraft(draft(['content/stories/litter-pick.md']))).rejects.toThrow(
      'Gitea answered with something other than JSON when asked to look for the branch cms/stories/litter-pick: check that CMS_API_ROOT (https://git.example.org) is its API address.',
    );
  });

  it('says when a host does not answer in time', async () => {
    const silent = gitHostRepository({
      ...settings,
      fetch: async () => {
        throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
      },
    });
    await expect(silent.readFile('content/a.md')).rejects.toThrow('GitHub did not answer within 30 seconds at https://api.github.com: try again later.');
  });
});
