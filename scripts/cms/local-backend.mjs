/**
 * The CMS's backend under `npm run cms`: decap-server in git mode, behind a small guard on the port the
 * CMS calls. decap-server saves a draft by making the branch `cms/<collection>/<slug>`, rebasing it and
 * committing the whole working tree; when that fails half-way it answers "Unknown error" and leaves an
 * empty branch, which breaks that entry until someone deletes it by hand. The guard refuses a save while
 * the tree has uncommitted work (naming the files), and after a failed save puts the repository back
 * (no rebase or merge left open, the files the save wrote, no empty branch), so the editor can save again.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { emptyDrafts, parseStatus, uncommittedWork } from './working-tree.mjs';

/** decap-server's actions that write to the working tree or the checked-out branch. */
const writes = new Set(['persistEntry', 'persistMedia', 'deleteFile', 'deleteFiles', 'publishUnpublishedEntry']);
/** Its actions that read drafts, which an empty draft branch makes fail. */
const draftReads = new Set(['unpublishedEntries', 'unpublishedEntry']);

/**
 * @param {string} repo
 * @param {string[]} args
 * @returns {Promise<string>} what git printed, or a rejection with its error message
 */
function git(repo, args) {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(stderr.trim() || error.message));
      else resolve(stdout);
    });
  });
}

/** @param {string} repo */
const currentBranch = async (repo) => (await git(repo, ['branch', '--show-current'])).trim();

/** @param {string} repo */
export async function workingTreeChanges(repo) {
  return parseStatus(await git(repo, ['status', '--porcelain=v1', '-z']));
}

/**
 * Deletes the draft branches that hold no commit of their own beyond `base`; returns their names.
 * @param {string} repo
 * @param {string} base the branch the CMS publishes to
 */
export async function removeEmptyDrafts(repo, base) {
  const branches = (await git(repo, ['for-each-ref', '--format=%(refname:short)', 'refs/heads/cms/'])).split('\n').filter(Boolean);
  const drafts = await Promise.all(branches.map(async (branch) => ({ branch, ownCommits: Number(await git(repo, ['rev-list', '--count', `${base}..${branch}`])) })));
  const empty = emptyDrafts(drafts);
  const current = await currentBranch(repo);
  for (const branch of empty) {
    // It points at base's commit, so checking base out changes no file.
    if (branch === current) await git(repo, ['checkout', '--quiet', base]);
    // Deleting a branch deletes its config too, the status in branch.<name>.description with it.
    await git(repo, ['branch', '--delete', '--force', branch]);
  }
  return empty;
}

/**
 * Brings each draft branch up to date with `base`, as decap-server does only when a draft is saved:
 * it shows a draft as the difference between `base` and the branch, so a draft started before
 * another entry was published would show that entry's files as deleted, and open the wrong file.
 * The draft's own changes are laid on base's head in one commit, made without touching the working
 * tree; a draft whose changes conflict with base is left for the editor. Returns the branches moved.
 * @param {string} repo
 * @param {string} base the branch the CMS publishes to
 */
export async function updateDrafts(repo, base) {
  const branches = (await git(repo, ['for-each-ref', '--format=%(refname:short)', 'refs/heads/cms/'])).split('\n').filter(Boolean);
  const moved = [];
  for (const branch of branches) {
    const upToDate = await git(repo, ['merge-base', '--is-ancestor', base, branch]).then(() => true, () => false);
    if (upToDate) continue;
    const tree = await git(repo, ['merge-tree', '--write-tree', base, branch]).then((out) => out.split('\n')[0]?.trim(), () => undefined);
    if (!tree) continue;
    const subject = (await git(repo, ['log', '-1', '--format=%s', branch])).trim();
    const commit = (await git(repo, ['commit-tree', tree, '-p', base, '-m', subject])).trim();
    // Only if nobody moved it meanwhile.
    await git(repo, ['update-ref', `refs/heads/${branch}`, commit, (await git(repo, ['rev-parse', branch])).trim()]);
    moved.push(branch);
  }
  return moved;
}

/**
 * The repository paths a request to decap-server writes.
 * @param {any} params
 * @returns {string[]}
 */
export function pathsWritten(params) {
  const dataFiles = params?.dataFiles ?? (params?.entry ? [params.entry] : []);
  const candidates = [...dataFiles.flatMap((/** @type {any} */ file) => [file?.path, file?.newPath]), ...(params?.assets ?? []).map((/** @type {any} */ asset) => asset?.path), params?.asset?.path, params?.path, ...(params?.paths ?? [])];
  return candidates.filter((candidate) => typeof candidate === 'string' && candidate !== '');
}

/**
 * After a failed write: ends a rebase or merge git stopped in, returns to the branch that was checked
 * out, puts back the files the request wrote and deletes empty drafts. Returns what could not be done.
 * @param {{ repo: string, base: string, branchBefore: string, paths: string[] }} failed
 * @returns {Promise<string[]>}
 */
export async function putRepositoryBack({ repo, base, branchBefore, paths }) {
  const problems = [];
  /** @param {() => Promise<unknown>} step */
  const attempt = async (step) => {
    try {
      await step();
    } catch (error) {
      problems.push(/** @type {Error} */ (error).message);
    }
  };
  const exists = async (/** @type {string} */ gitPath) => fs.stat(path.resolve(repo, (await git(repo, ['rev-parse', '--git-path', gitPath])).trim())).then(() => true, () => false);
  await attempt(async () => {
    if ((await exists('rebase-merge')) || (await exists('rebase-apply'))) await git(repo, ['rebase', '--abort']);
    if (await exists('MERGE_HEAD')) await git(repo, ['merge', '--abort']);
  });
  await attempt(async () => {
    if (branchBefore && (await currentBranch(repo)) !== branchBefore) await git(repo, ['checkout', '--quiet', branchBefore]);
  });
  // The tree was clean before the request (the guard checked), so whatever changed at these paths was the request.
  if (paths.length > 0) {
    await attempt(async () => {
      for (const change of parseStatus(await git(repo, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...paths]))) {
        if (change.staged === '?') await fs.rm(path.join(repo, change.path), { force: true });
        else if (change.staged === 'A') await git(repo, ['rm', '--quiet', '--force', '--', change.path]);
        else await git(repo, ['checkout', 'HEAD', '--', change.path]);
      }
    });
  }
  await attempt(() => removeEmptyDrafts(repo, base));
  return problems;
}

/** @param {string} host */
function freePort(host) {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = /** @type {net.AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
  });
}

/**
 * @typedef {{ status: number, headers: http.OutgoingHttpHeaders, body: Buffer }} Answer
 */

/**
 * Sends a request on to decap-server, waiting for it while it starts.
 * @param {{ host: string, port: number }} decap
 * @param {http.IncomingMessage} request
 * @param {Buffer} body
 * @returns {Promise<Answer>}
 */
async function forward(decap, request, body) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await new Promise((resolve, reject) => {
        const outgoing = http.request({ host: decap.host, port: decap.port, method: request.method, path: request.url, headers: { ...request.headers, host: `${decap.host}:${decap.port}` } }, (response) => {
          /** @type {Buffer[]} */
          const chunks = [];
          response.on('data', (chunk) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }));
          response.on('error', reject);
        });
        outgoing.on('error', reject);
        outgoing.end(body);
      });
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ECONNREFUSED' || attempt >= 40) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * An answer of the guard's own, with the CORS header decap-server would have sent.
 * @param {http.IncomingMessage} request
 * @param {number} status
 * @param {{ error: string }} json
 * @returns {Answer}
 */
function ownAnswer(request, status, json) {
  const origin = request.headers.origin;
  const allowed = origin && (process.env.ORIGIN ? origin === process.env.ORIGIN : /^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(origin));
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...(allowed ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {}) }, body: Buffer.from(JSON.stringify(json)) };
}

/**
 * The guard: an HTTP server that passes the CMS's requests to decap-server one at a time (as
 * decap-server works anyway), so its own git commands never run beside decap-server's.
 * @param {{ repo: string, base: string, decap: { host: string, port: number } }} options
 */
export function saveGuard({ repo, base, decap }) {
  /** @type {Promise<unknown>} */
  let queue = Promise.resolve();
  /** A failed write whose repository could not be put back yet (git busy), tried again before each request. @type {Parameters<typeof putRepositoryBack>[0] | undefined} */
  let unfinished;

  /** @param {http.IncomingMessage} request @param {Buffer} body @returns {Promise<Answer>} */
  async function answer(request, body) {
    let action;
    let params;
    try {
      ({ action, params } = JSON.parse(body.toString('utf8')));
    } catch {
      // Not JSON (a CORS preflight, or nothing): decap-server answers it.
    }
    if (unfinished && (await putRepositoryBack(unfinished)).length === 0) {
      unfinished = undefined;
      console.log('CMS: the repository is back as it was before the failed save.');
    }
    if (request.method !== 'POST' || !(writes.has(action) || draftReads.has(action))) return forward(decap, request, body);
    // Also left by a save that failed before this guard ran, or under another tool.
    await removeEmptyDrafts(repo, base).catch(() => undefined);
    if (!writes.has(action)) {
      await updateDrafts(repo, base).catch((error) => console.warn(`CMS: could not bring the drafts up to date with ${base}: ${error.message}`));
      return forward(decap, request, body);
    }

    const problem = uncommittedWork(await workingTreeChanges(repo), repo);
    if (problem) {
      console.warn(`CMS: refused to save. ${problem}`);
      return ownAnswer(request, 409, { error: problem });
    }
    const branchBefore = await currentBranch(repo);
    const answered = await forward(decap, request, body);
    if (answered.status < 400) return answered;

    const failed = { repo, base, branchBefore, paths: pathsWritten(params) };
    const problems = await putRepositoryBack(failed);
    if (problems.length > 0) unfinished = failed;
    // git's first line says it (the rest is advice about lock files and the like).
    const after = problems.length === 0
      ? 'The repository is as it was before, so you can save again.'
      : `Putting the repository back failed too (${[...new Set(problems.map((problem) => problem.split('\n')[0]))].join('; ')}); it is tried again with the CMS's next request.`;
    console.warn(`CMS: ${action} failed (decap-server's error is above). ${after}`);
    let error = '';
    try {
      error = JSON.parse(answered.body.toString('utf8')).error ?? '';
    } catch {
      // Not JSON: say it in our words.
    }
    // decap-server's own words are kept when they say something; its catch-all is replaced.
    const said = error && error !== 'Unknown error' ? `${error}. ` : 'Saving failed in git: the terminal running npm run cms says why. ';
    return ownAnswer(request, answered.status, { error: `${said}${after}` });
  }

  return http.createServer((request, response) => {
    /** @type {Buffer[]} */
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      queue = queue
        .then(() => answer(request, body))
        .catch((error) => ownAnswer(request, 502, { error: `The CMS's git server did not answer: ${error instanceof Error ? error.message : String(error)}` }))
        .then((reply) => {
          const headers = { ...reply.headers, 'content-length': String(reply.body.length) };
          delete headers['transfer-encoding'];
          response.writeHead(reply.status, headers);
          response.end(reply.body);
        });
    });
  });
}

/**
 * Says, before anything starts, what would make saving in the CMS fail, and deletes the empty draft
 * branches an earlier failed save left.
 * @param {string} repo
 * @param {string} base
 * @returns {Promise<string[]>} the warnings it printed
 */
export async function checkRepository(repo, base) {
  const warnings = [];
  try {
    await git(repo, ['rev-parse', '--verify', '--quiet', `refs/heads/${base}`]);
    const removed = await removeEmptyDrafts(repo, base);
    if (removed.length > 0) console.log(`CMS: deleted ${removed.length} empty draft branch(es) a failed save left: ${removed.join(', ')}`);
  } catch {
    warnings.push(`The CMS publishes to the branch ${base}, which ${repo} does not have: set CMS_BRANCH to the branch to edit.`);
  }
  try {
    await git(repo, ['var', 'GIT_COMMITTER_IDENT']);
  } catch {
    warnings.push('git does not know who you are, so the CMS cannot commit: run git config --global user.name "Your Name" and git config --global user.email you@example.org');
  }
  const problem = uncommittedWork(await workingTreeChanges(repo), repo);
  if (problem) warnings.push(problem);
  for (const warning of warnings) console.warn(`CMS: ${warning}`);
  return warnings;
}

/**
 * Starts decap-server (git mode, on a free port of its own) with the guard in front of it on `port`.
 * @param {{ repo: string, base: string, port: number, host?: string, logLevel?: string }} options
 */
export async function startLocalBackend({ repo, base, port, host = 'localhost', logLevel = 'info' }) {
  await checkRepository(repo, base);
  const decapPort = await freePort(host);
  const decapServer = spawn(process.execPath, [createRequire(import.meta.url).resolve('decap-server/dist/index.js')], {
    stdio: 'inherit',
    env: { ...process.env, MODE: 'git', PORT: String(decapPort), BIND_HOST: host, GIT_REPO_DIRECTORY: repo, LOG_LEVEL: logLevel },
  });
  const guard = saveGuard({ repo, base, decap: { host, port: decapPort } });
  await new Promise((resolve, reject) => {
    guard.once('error', reject);
    guard.listen(port, host, () => resolve(undefined));
  });
  return {
    decapServer,
    guard,
    /** The guard's port: `port`, or the one the system gave for 0. */
    port: /** @type {net.AddressInfo} */ (guard.address()).port,
    /** Stops both; resolves once decap-server has exited. */
    async stop() {
      guard.close();
      guard.closeAllConnections();
      if (decapServer.exitCode === null && decapServer.signalCode === null) {
        const exited = new Promise((resolve) => decapServer.once('exit', resolve));
        decapServer.kill('SIGTERM');
        await exited;
      }
    },
  };
}
