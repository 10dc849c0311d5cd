/**
 * Rules for the working tree that `npm run cms` edits. decap-server's git mode commits every file in
 * the tree (`git add .`) and rebases each draft branch, so a changed or new file either ends up in an
 * editor's commit or makes the save fail with "Unknown error". These say which files are in the way,
 * in words an editor can act on. Pure, so they are tested without git.
 */

/**
 * @typedef {{ path: string, staged: string, unstaged: string }} Change
 *   one line of `git status`: X (staged) and Y (unstaged) codes, `?` for an untracked file.
 */

/**
 * The changes listed by `git status --porcelain=v1 -z` (paths exactly as git has them).
 * @param {string} output
 * @returns {Change[]}
 */
export function parseStatus(output) {
  /** @type {Change[]} */
  const changes = [];
  const records = output.split('\0');
  for (let index = 0; index < records.length; index++) {
    const record = records[index];
    if (!record || record.length < 4) continue;
    const [staged, unstaged] = [record[0], record[1]];
    changes.push({ path: record.slice(3), staged, unstaged });
    // A rename or copy is followed by the path it came from.
    if (staged === 'R' || staged === 'C') index++;
  }
  return changes;
}

/** @param {Change} change */
const describe = (change) => (change.staged === '?' ? `${change.path} (new, not committed)` : change.unstaged === 'D' || change.staged === 'D' ? `${change.path} (deleted)` : `${change.path} (changed)`);

/**
 * Why saving in the CMS will fail or commit someone else's work, naming up to `shown` files; undefined
 * when the tree is clean.
 * @param {Change[]} changes
 * @param {string} repo the repository's folder, as the editor knows it
 */
export function uncommittedWork(changes, repo, shown = 10) {
  if (changes.length === 0) return undefined;
  const named = changes.slice(0, shown).map(describe);
  const more = changes.length > shown ? `, and ${changes.length - shown} more` : '';
  return `The CMS cannot save while ${repo} has work that is not committed: ${named.join(', ')}${more}. `
    + 'Commit it, or set it aside with git stash --include-untracked (files a tool writes belong in .gitignore), then save again.';
}

/**
 * The draft branches (`cms/<collection>/<slug>`) that hold no commit of their own: what a save that
 * failed half-way leaves behind, which decap-server then answers with an error for that entry.
 * @param {{ branch: string, ownCommits: number }[]} drafts
 */
export function emptyDrafts(drafts) {
  return drafts.filter(({ branch, ownCommits }) => branch.startsWith('cms/') && ownCommits === 0).map(({ branch }) => branch);
}
