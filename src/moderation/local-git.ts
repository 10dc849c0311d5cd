/**
 * Opens CMS drafts in a git repository on this machine (the `npm run cms` mode, or a server beside a
 * clone), the way decap-server's git mode keeps them: a branch `cms/<collection>/<slug>` with the
 * status in the branch's description. The commit is written with git's plumbing, never touching the
 * working tree or the checked-out branch, which decap-server may be using at the same moment.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { draftBranch, DraftExistsError, inReviewLabel, RepositoryError, type ContentRepository, type EntryDraft, type OpenedDraft } from './repository';

interface GitResult {
  stdout: Buffer;
  stderr: string;
}

function git(repo: string, args: string[], options: { input?: Uint8Array; env?: NodeJS.ProcessEnv } = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = execFile('git', args, { cwd: repo, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...options.env } }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stderr: stderr.toString('utf8').trim() }));
      else resolve({ stdout, stderr: stderr.toString('utf8') });
    });
    child.stdin?.end(options.input ? Buffer.from(options.input) : undefined);
  });
}

const gitText = async (repo: string, args: string[], options?: { input?: Uint8Array; env?: NodeJS.ProcessEnv }) => (await git(repo, args, options)).stdout.toString('utf8').trim();

// Who the hub's commits are by, unless the repository says otherwise.
const identity = { GIT_AUTHOR_NAME: 'Community Hub', GIT_AUTHOR_EMAIL: 'community-hub@localhost', GIT_COMMITTER_NAME: 'Community Hub', GIT_COMMITTER_EMAIL: 'community-hub@localhost' };

export function localGitRepository(options: { repo: string; branch: string }): ContentRepository {
  const repo = path.resolve(options.repo);
  const why = (error: unknown) => (error as { stderr?: string }).stderr || (error instanceof Error ? error.message : String(error));
  const branchHead = async (branch: string) => {
    try {
      return await gitText(repo, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`]);
    } catch {
      return undefined;
    }
  };
  return {
    description: `the git repository ${repo} (${options.branch})`,

    async readFile(file) {
      const base = await branchHead(options.branch);
      if (!base) throw new RepositoryError(`The branch ${options.branch} was not found in ${repo}: check CMS_REPO_DIR and CMS_BRANCH.`);
      try {
        return new Uint8Array((await git(repo, ['cat-file', 'blob', `${base}:${file}`])).stdout);
      } catch {
        return undefined;
      }
    },

    async openDraft(draft: EntryDraft): Promise<OpenedDraft> {
      const branch = draftBranch(draft.collection, draft.slug);
      const base = await branchHead(options.branch);
      if (!base) throw new RepositoryError(`The branch ${options.branch} was not found in ${repo}: check CMS_REPO_DIR and CMS_BRANCH.`);
      if (await branchHead(branch)) throw new DraftExistsError(`There is already a draft of ${draft.collection}/${draft.slug} in the CMS (branch ${branch}): publish or delete it there first.`);
      // A private index, so the repository's own index and working tree are left as they are.
      const indexDir = await fs.mkdtemp(path.join(os.tmpdir(), 'hub-draft-'));
      const env = { ...identity, GIT_INDEX_FILE: path.join(indexDir, 'index') };
      try {
        await git(repo, ['read-tree', base], { env });
        for (const file of draft.files) {
          const blob = await gitText(repo, ['hash-object', '-w', '--stdin'], { input: file.content });
          await git(repo, ['update-index', '--add', '--cacheinfo', `100644,${blob},${file.path}`], { env });
        }
        const tree = await gitText(repo, ['write-tree'], { env });
        const commit = await gitText(repo, ['commit-tree', tree, '-p', base, '-F', '-'], { env, input: new TextEncoder().encode(`${draft.title}\n\n${draft.description}\n`) });
        // The empty old value makes the update fail if someone made the branch meanwhile.
        await git(repo, ['update-ref', `refs/heads/${branch}`, commit, '']);
        await git(repo, ['config', `branch.${branch}.description`, inReviewLabel]);
        return { branch };
      } catch (error) {
        if (error instanceof RepositoryError) throw error;
        throw new RepositoryError(`Could not write the draft to ${repo}: ${why(error)}`);
      } finally {
        await fs.rm(indexDir, { recursive: true, force: true });
      }
    },
  };
}
