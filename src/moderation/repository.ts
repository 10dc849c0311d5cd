/**
 * Where approved submissions go: the git repository the CMS edits. An approval opens an entry in
 * Decap's editorial workflow exactly as Decap would (branch `cms/<collection>/<slug>`, status
 * "pending_review"), so editors find it under In review in /admin. Implemented for a local
 * repository (`local-git.ts`) and for GitHub, GitLab and Gitea through their APIs (`git-hosts.ts`).
 */

/** A file of an entry: its path in the repository and its bytes. */
export interface DraftFile {
  path: string;
  content: Uint8Array;
}

/** One CMS entry to open as a draft: the entry's file and its media. */
export interface EntryDraft {
  /** Decap's collection name, e.g. `stories`. */
  collection: string;
  /** The entry's slug (its file name without extension), e.g. `wisbech-litter-pick`. */
  slug: string;
  files: DraftFile[];
  /** The commit message and pull request title, as Decap words them: `Create Stories “wisbech-litter-pick”`. */
  title: string;
  /** The pull or merge request's description: where it came from, and any note for the editor. */
  description: string;
}

export interface OpenedDraft {
  /** `cms/<collection>/<slug>`. */
  branch: string;
  /** The pull or merge request on the git host, when there is one. */
  url?: string;
}

export interface ContentRepository {
  /** Says which repository, for messages to staff, e.g. `GitHub your-council/community-hub (main)`. */
  readonly description: string;
  /** A file's bytes on the content branch; undefined when it is not there. */
  readFile(path: string): Promise<Uint8Array | undefined>;
  /** Opens the draft in review. Throws a RepositoryError, saying why in words staff can act on, when it cannot. */
  openDraft(draft: EntryDraft): Promise<OpenedDraft>;
}

/** A repository that cannot be reached or refuses: the message is shown to staff as it is. */
export class RepositoryError extends Error {
  override name = 'RepositoryError';
}

/** The entry has a draft already (its branch exists): a new entry can take another slug, an edit must wait. */
export class DraftExistsError extends RepositoryError {
  override name = 'DraftExistsError';
}

/** The branch Decap's editorial workflow uses for an entry. */
export const draftBranch = (collection: string, slug: string): string => `cms/${collection}/${slug}`;

/** Decap's label (and, for a local repository, branch description) for an entry in review. */
export const inReviewLabel = 'decap-cms/pending_review';
