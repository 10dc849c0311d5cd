/**
 * A real HTTP server on 127.0.0.1 (ports 4480–4489) answering the parts of the GitHub, GitLab and
 * Gitea APIs that opening a CMS draft uses, with the request and response shapes of their API docs,
 * over a small model of a repository: commits with their files, branches, pull requests, labels.
 * Tests read the model to see what the host would now hold, and can make the next matching request
 * fail as the host would.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type HostKind = 'github' | 'gitlab' | 'gitea';

export interface FakeCommit {
  sha: string;
  parents: string[];
  message: string;
  files: Map<string, Uint8Array>;
}

export interface FakePull {
  number: number;
  title: string;
  body: string;
  /** The source branch. */
  head: string;
  /** The branch it asks to be merged into. */
  base: string;
  labels: string[];
  state: 'open' | 'closed';
}

export interface RecordedRequest {
  method: string;
  /** Decoded, without the API prefix or the query: `/repos/council/hub/git/refs`. */
  path: string;
  query: URLSearchParams;
  authorization: string;
  body: unknown;
}

export interface FakeHost {
  kind: HostKind;
  apiRoot: string;
  requests: RecordedRequest[];
  commits: Map<string, FakeCommit>;
  /** Branch name → commit sha. */
  branches: Map<string, string>;
  pulls: FakePull[];
  labels: { id: number; name: string; color: string }[];
  filesOn(branch: string): Map<string, Uint8Array>;
  /** Adds a commit on a branch (making the branch if needed), as someone pushing would. */
  push(branch: string, files: Record<string, string | Uint8Array>, message?: string): string;
  /** The next request with this method whose path matches is answered with this status and body instead. */
  failNext(method: string, path: RegExp, status: number, body: unknown, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

export interface FakeHostOptions {
  repo: string;
  branch: string;
  token: string;
  files: Record<string, string | Uint8Array>;
}

const prefixes: Record<HostKind, string> = { github: '/api/v3', gitlab: '/api/v4', gitea: '/api/v1' };

const bytesOf = (content: string | Uint8Array): Uint8Array => (typeof content === 'string' ? new TextEncoder().encode(content) : content);
export const gitBlobSha = (content: Uint8Array): string =>
  createHash('sha1').update(`blob ${content.byteLength}\0`).update(content).digest('hex');

class HttpAnswer {
  constructor(
    readonly status: number,
    readonly body?: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

export async function startFakeHost(kind: HostKind, options: FakeHostOptions): Promise<FakeHost> {
  const commits = new Map<string, FakeCommit>();
  const branches = new Map<string, string>();
  const pulls: FakePull[] = [];
  const labels: FakeHost['labels'] = [];
  const blobs = new Map<string, Uint8Array>();
  const trees = new Map<string, Map<string, string>>();
  const treeOfCommit = new Map<string, string>();
  const requests: RecordedRequest[] = [];
  const failures: { method: string; path: RegExp; answer: HttpAnswer }[] = [];
  let counter = 0;

  const filesOn = (branch: string): Map<string, Uint8Array> => new Map(commits.get(branches.get(branch) ?? '')?.files ?? []);
  const treeSha = (files: Map<string, Uint8Array>): string => {
    const entries = new Map([...files].map(([path, content]) => [path, gitBlobSha(content)] as const));
    for (const content of files.values()) blobs.set(gitBlobSha(content), content);
    const sha = createHash('sha1').update(JSON.stringify([...entries].sort())).digest('hex');
    trees.set(sha, entries);
    return sha;
  };
  const addCommit = (parents: string[], message: string, files: Map<string, Uint8Array>): string => {
    const sha = createHash('sha1').update(`${++counter} ${message}`).digest('hex');
    commits.set(sha, { sha, parents, message, files });
    treeOfCommit.set(sha, treeSha(files));
    return sha;
  };
  const push: FakeHost['push'] = (branch, files, message = 'Update content') => {
    const parent = branches.get(branch);
    const next = parent ? filesOn(branch) : new Map<string, Uint8Array>();
    for (const [path, content] of Object.entries(files)) next.set(path, bytesOf(content));
    const sha = addCommit(parent ? [parent] : [], message, next);
    branches.set(branch, sha);
    return sha;
  };
  push(options.branch, options.files, 'Initial content');

  const [owner] = options.repo.split('/');
  const notFound = { github: { message: 'Not Found' }, gitlab: { message: '404 Not Found' }, gitea: { message: 'The target couldn’t be found.', errors: [] } }[kind];
  const openPull = (head: string, base: string, title: string, body: string, initialLabels: string[]): FakePull => {
    for (const name of initialLabels) if (!labels.some((label) => label.name === name)) labels.push({ id: labels.length + 1, name, color: 'ededed' });
    const pull: FakePull = { number: pulls.length + 1, title, body, head, base, labels: initialLabels, state: 'open' };
    pulls.push(pull);
    return pull;
  };
  const pullUrl = (pull: FakePull) => `https://${kind}.example/${options.repo}/${kind === 'gitlab' ? '-/merge_requests' : 'pull'}/${pull.number}`;

  function authorised(request: http.IncomingMessage): boolean {
    const header = request.headers.authorization ?? '';
    if (kind === 'gitlab' && request.headers['private-token'] === options.token) return true;
    const allowed = kind === 'gitea' ? [`token ${options.token}`, `Bearer ${options.token}`] : kind === 'github' ? [`Bearer ${options.token}`, `token ${options.token}`] : [`Bearer ${options.token}`];
    return allowed.includes(header);
  }

  function gitHub(method: string, segments: string[], query: URLSearchParams, body: any): HttpAnswer {
    const [, repoOwner, repoName, area, ...rest] = segments;
    if (segments[0] !== 'repos' || `${repoOwner}/${repoName}` !== options.repo) return new HttpAnswer(404, notFound);
    const route = `${method} ${area}${rest[0] === undefined ? '' : ` ${rest[0]}`}`;
    if (method === 'GET' && area === 'branches') {
      const name = rest.join('/');
      const sha = branches.get(name);
      if (!sha) return new HttpAnswer(404, { message: 'Branch not found' });
      return new HttpAnswer(200, { name, commit: { sha, commit: { message: commits.get(sha)!.message, tree: { sha: treeOfCommit.get(sha) } } } });
    }
    if (method === 'GET' && area === 'contents') {
      const ref = query.get('ref') ?? options.branch;
      if (!branches.has(ref)) return new HttpAnswer(404, { message: `No commit found for the ref ${ref}` });
      const content = filesOn(ref).get(rest.join('/'));
      return content ? new HttpAnswer(200, content) : new HttpAnswer(404, notFound);
    }
    if (route === 'POST git blobs') {
      if (body.encoding !== 'base64') return new HttpAnswer(422, { message: 'Invalid request.' });
      const content = new Uint8Array(Buffer.from(body.content, 'base64'));
      blobs.set(gitBlobSha(content), content);
      return new HttpAnswer(201, { sha: gitBlobSha(content) });
    }
    if (route === 'POST git trees') {
      const base = trees.get(body.base_tree);
      if (!base) return new HttpAnswer(422, { message: 'Invalid tree info', errors: [`Tree SHA does not exist: base_tree ${body.base_tree}`] });
      const entries = new Map(base);
      for (const entry of body.tree) {
        if (!blobs.has(entry.sha)) return new HttpAnswer(422, { message: 'Invalid tree info' });
        entries.set(entry.path, entry.sha);
      }
      const sha = createHash('sha1').update(JSON.stringify([...entries].sort())).digest('hex');
      trees.set(sha, entries);
      return new HttpAnswer(201, { sha });
    }
    if (route === 'POST git commits') {
      const entries = trees.get(body.tree);
      if (!entries || !body.parents.every((parent: string) => commits.has(parent))) return new HttpAnswer(422, { message: 'Invalid request.' });
      const files = new Map([...entries].map(([path, sha]) => [path, blobs.get(sha)!] as const));
      const sha = addCommit(body.parents, body.message, files);
      return new HttpAnswer(201, { sha, message: body.message, parents: body.parents.map((parent: string) => ({ sha: parent })) });
    }
    if (route === 'POST git refs') {
      const name = String(body.ref).replace(/^refs\/heads\//, '');
      if (branches.has(name)) return new HttpAnswer(422, { message: 'Reference already exists', documentation_url: 'https://docs.github.com/rest/git/refs#create-a-reference' });
      if (!commits.has(body.sha)) return new HttpAnswer(422, { message: 'Object does not exist' });
      branches.set(name, body.sha);
      return new HttpAnswer(201, { ref: body.ref, object: { sha: body.sha, type: 'commit' } });
    }
    if (method === 'DELETE' && area === 'git' && rest[0] === 'refs' && rest[1] === 'heads') {
      const name = rest.slice(2).join('/');
      if (!branches.delete(name)) return new HttpAnswer(422, { message: 'Reference does not exist' });
      return new HttpAnswer(204);
    }
    if (route === 'POST pulls') {
      const [headOwner, head] = String(body.head).includes(':') ? String(body.head).split(':') : [owner, body.head];
      if (headOwner !== owner || !branches.has(head) || !branches.has(body.base)) {
        return new HttpAnswer(422, { message: 'Validation Failed', errors: [{ resource: 'PullRequest', field: 'head', code: 'invalid' }] });
      }
      if (pulls.some((pull) => pull.state === 'open' && pull.head === head)) {
        return new HttpAnswer(422, { message: 'Validation Failed', errors: [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${body.head}.` }] });
      }
      const pull = openPull(head, body.base, body.title, body.body ?? '', []);
      return new HttpAnswer(201, { number: pull.number, html_url: pullUrl(pull), state: 'open', head: { ref: head }, base: { ref: body.base }, labels: [] });
    }
    if (method === 'PATCH' && area === 'pulls') {
      const pull = pulls.find((candidate) => candidate.number === Number(rest[0]));
      if (!pull) return new HttpAnswer(404, notFound);
      pull.state = body.state;
      return new HttpAnswer(200, { number: pull.number, state: pull.state });
    }
    if (method === 'PUT' && area === 'issues' && rest[1] === 'labels') {
      const pull = pulls.find((candidate) => candidate.number === Number(rest[0]));
      if (!pull) return new HttpAnswer(404, notFound);
      // GitHub makes the labels it is given by name that the repository does not have yet.
      for (const name of body.labels) if (!labels.some((label) => label.name === name)) labels.push({ id: labels.length + 1, name, color: 'ededed' });
      pull.labels = [...body.labels];
      return new HttpAnswer(200, pull.labels.map((name) => ({ name })));
    }
    return new HttpAnswer(404, notFound);
  }

  function gitLab(method: string, segments: string[], query: URLSearchParams, body: any): HttpAnswer {
    const [root, project, area, kindOf, ...rest] = segments;
    if (root !== 'projects' || project !== options.repo) return new HttpAnswer(404, { message: '404 Project Not Found' });
    if (area === 'repository' && kindOf === 'branches') {
      const name = rest.join('/');
      if (method === 'GET') {
        const sha = branches.get(name);
        return sha ? new HttpAnswer(200, { name, commit: { id: sha } }) : new HttpAnswer(404, { message: '404 Branch Not Found' });
      }
      if (method === 'DELETE') return branches.delete(name) ? new HttpAnswer(204) : new HttpAnswer(404, { message: '404 Branch Not Found' });
    }
    if (area === 'repository' && kindOf === 'files' && (method === 'GET' || method === 'HEAD')) {
      const ref = query.get('ref') ?? '';
      const raw = rest.at(-1) === 'raw';
      const path = (raw ? rest.slice(0, -1) : rest).join('/');
      if (!branches.has(ref)) return new HttpAnswer(404, { message: '404 Commit Not Found' });
      const content = filesOn(ref).get(path);
      if (!content) return new HttpAnswer(404, { message: '404 File Not Found' });
      return new HttpAnswer(200, method === 'HEAD' ? undefined : content, { 'X-Gitlab-Blob-Id': gitBlobSha(content) });
    }
    if (method === 'POST' && area === 'repository' && kindOf === 'commits') {
      const start = body.start_branch ?? body.branch;
      if (body.start_branch && body.start_branch !== body.branch && branches.has(body.branch)) {
        return new HttpAnswer(400, { message: `A branch called '${body.branch}' already exists. Switch to that branch in order to make changes` });
      }
      if (!branches.has(start)) return new HttpAnswer(400, { message: 'You can only create or edit files when you are on a branch' });
      const files = filesOn(start);
      for (const action of body.actions) {
        const exists = files.has(action.file_path);
        if (action.action === 'create' && exists) return new HttpAnswer(400, { message: 'A file with this name already exists' });
        if (action.action === 'update' && !exists) return new HttpAnswer(400, { message: "A file with this name doesn't exist" });
        if (action.encoding !== 'base64') return new HttpAnswer(400, { message: 'encoding does not have a valid value' });
        files.set(action.file_path, new Uint8Array(Buffer.from(action.content, 'base64')));
      }
      const sha = addCommit([branches.get(start)!], body.commit_message, files);
      branches.set(body.branch, sha);
      return new HttpAnswer(201, { id: sha, short_id: sha.slice(0, 8), title: body.commit_message, parent_ids: commits.get(sha)!.parents });
    }
    if (method === 'POST' && area === 'merge_requests') {
      if (!branches.has(body.source_branch)) return new HttpAnswer(404, { message: '404 Source Branch Not Found' });
      if (pulls.some((pull) => pull.state === 'open' && pull.head === body.source_branch)) {
        return new HttpAnswer(409, { message: [`Another open merge request already exists for this source branch: !1`] });
      }
      const names = String(body.labels ?? '').split(',').filter(Boolean);
      const pull = openPull(body.source_branch, body.target_branch, body.title, body.description ?? '', names);
      return new HttpAnswer(201, { iid: pull.number, web_url: pullUrl(pull), labels: names, source_branch: pull.head, target_branch: pull.base, state: 'opened' });
    }
    return new HttpAnswer(404, { message: '404 Not Found' });
  }

  function gitea(method: string, segments: string[], query: URLSearchParams, body: any): HttpAnswer {
    const [root, repoOwner, repoName, area, ...rest] = segments;
    if (root !== 'repos' || `${repoOwner}/${repoName}` !== options.repo) return new HttpAnswer(404, notFound);
    if (area === 'branches') {
      const name = rest.join('/');
      if (method === 'GET') {
        const sha = branches.get(name);
        return sha ? new HttpAnswer(200, { name, commit: { id: sha, message: commits.get(sha)!.message } }) : new HttpAnswer(404, notFound);
      }
      if (method === 'DELETE') return branches.delete(name) ? new HttpAnswer(204) : new HttpAnswer(404, notFound);
    }
    if (method === 'GET' && (area === 'raw' || area === 'contents')) {
      const ref = query.get('ref') ?? options.branch;
      const path = rest.join('/');
      if (!branches.has(ref)) return new HttpAnswer(404, notFound);
      const content = filesOn(ref).get(path);
      if (!content) return new HttpAnswer(404, notFound);
      if (area === 'raw') return new HttpAnswer(200, content);
      return new HttpAnswer(200, { type: 'file', path, name: path.split('/').at(-1), sha: gitBlobSha(content), encoding: 'base64', content: Buffer.from(content).toString('base64') });
    }
    if (method === 'GET' && area === 'labels') {
      const limit = Math.min(Number(query.get('limit') ?? 30), 50);
      const page = Number(query.get('page') ?? 1);
      const slice = labels.slice((page - 1) * limit, page * limit);
      const headers: Record<string, string> = { 'X-Total-Count': String(labels.length) };
      if (page * limit < labels.length) headers.Link = `<http://gitea.example/api/v1/repos/${options.repo}/labels?limit=${limit}&page=${page + 1}>; rel="next"`;
      return new HttpAnswer(200, slice, headers);
    }
    if (method === 'POST' && area === 'labels') {
      if (!/^#?[0-9a-f]{6}$/i.test(body.color ?? '')) return new HttpAnswer(422, { message: 'Color is invalid' });
      const label = { id: 100 + labels.length, name: body.name, color: String(body.color).replace('#', '') };
      labels.push(label);
      return new HttpAnswer(201, label);
    }
    if (method === 'POST' && area === 'contents' && rest.length === 0) {
      const start = body.branch ?? options.branch;
      const target = body.new_branch || start;
      if (!branches.has(start)) return new HttpAnswer(404, notFound);
      if (body.new_branch && branches.has(body.new_branch)) return new HttpAnswer(422, { message: `branch already exists [name: ${body.new_branch}]` });
      const files = filesOn(start);
      for (const file of body.files) {
        const existing = files.get(file.path);
        if (file.operation === 'create' && existing) return new HttpAnswer(422, { message: `repository file already exists [path: ${file.path}]` });
        if (file.operation === 'update' && (!existing || gitBlobSha(existing) !== file.sha)) return new HttpAnswer(422, { message: `sha does not match [given: ${file.sha}]` });
        files.set(file.path, new Uint8Array(Buffer.from(file.content, 'base64')));
      }
      const sha = addCommit([branches.get(start)!], body.message, files);
      branches.set(target, sha);
      return new HttpAnswer(201, { commit: { sha, message: body.message }, files: body.files.map((file: { path: string }) => ({ path: file.path })) });
    }
    if (method === 'POST' && area === 'pulls') {
      if (!branches.has(body.head) || !branches.has(body.base)) return new HttpAnswer(404, notFound);
      if (pulls.some((pull) => pull.state === 'open' && pull.head === body.head)) return new HttpAnswer(409, { message: 'pull request already exists for these targets' });
      const pull = openPull(body.head, body.base, body.title, body.body ?? '', []);
      return new HttpAnswer(201, { number: pull.number, html_url: pullUrl(pull), state: 'open', labels: [] });
    }
    if (method === 'PATCH' && area === 'pulls') {
      const pull = pulls.find((candidate) => candidate.number === Number(rest[0]));
      if (!pull) return new HttpAnswer(404, notFound);
      pull.state = body.state;
      return new HttpAnswer(201, { number: pull.number, state: pull.state });
    }
    if (method === 'PUT' && area === 'issues' && rest[1] === 'labels') {
      const pull = pulls.find((candidate) => candidate.number === Number(rest[0]));
      if (!pull) return new HttpAnswer(404, notFound);
      const chosen = body.labels.map((id: number) => labels.find((label) => label.id === id));
      if (chosen.some((label: unknown) => !label)) return new HttpAnswer(422, { message: 'label does not exist' });
      pull.labels = chosen.map((label: { name: string }) => label.name);
      return new HttpAnswer(200, chosen);
    }
    return new HttpAnswer(404, notFound);
  }

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const method = request.method ?? 'GET';
      const prefix = prefixes[kind];
      const raw = url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : '';
      const segments = raw.split('/').slice(1).map(decodeURIComponent);
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      requests.push({ method, path: `/${segments.join('/')}`, query: url.searchParams, authorization: request.headers.authorization ?? '', body });

      let answer: HttpAnswer;
      const failure = failures.findIndex((candidate) => candidate.method === method && candidate.path.test(`/${segments.join('/')}`));
      if (failure >= 0) answer = failures.splice(failure, 1)[0].answer;
      else if (!raw) answer = new HttpAnswer(404, { message: 'Not Found' });
      else if (!authorised(request)) answer = new HttpAnswer(401, kind === 'github' ? { message: 'Bad credentials' } : kind === 'gitlab' ? { message: '401 Unauthorized' } : { message: 'user does not exist [uid: 0, name: ]' });
      else answer = (kind === 'github' ? gitHub : kind === 'gitlab' ? gitLab : gitea)(method, segments, url.searchParams, body);

      const binary = answer.body instanceof Uint8Array;
      // No keep-alive: the next test's host listens on the same port, and a client must not reuse a connection to this one.
      response.writeHead(answer.status, { 'Content-Type': binary ? 'application/octet-stream' : 'application/json', Connection: 'close', ...answer.headers });
      if (answer.body === undefined || method === 'HEAD') response.end();
      else response.end(binary ? Buffer.from(answer.body as Uint8Array) : JSON.stringify(answer.body));
    });
  });
  await listenOnTestPort(server);
  const { port } = server.address() as AddressInfo;

  return {
    kind,
    apiRoot: `http://127.0.0.1:${port}${prefixes[kind]}`,
    requests,
    commits,
    branches,
    pulls,
    labels,
    filesOn,
    push,
    failNext: (method, path, status, body, headers) => failures.push({ method, path, answer: new HttpAnswer(status, body, headers) }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Listens on the first free port of 4480–4489, the ones these tests may use. */
async function listenOnTestPort(server: http.Server): Promise<void> {
  for (let port = 4480; port <= 4489; port++) {
    const listening = await new Promise<boolean>((resolve, reject) => {
      const failed = (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(false) : reject(error));
      server.once('error', failed);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', failed);
        resolve(true);
      });
    });
    if (listening) return;
  }
  throw new Error('No free port in 4480–4489 for the fake git host');
}
