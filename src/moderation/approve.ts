/**
 * Approving a moderation item: its answers become a content entry (entries.ts), opened as a draft in
 * the CMS's editorial workflow in the content repository, and the item moves to "in the CMS". If the
 * repository cannot be reached the item stays in the queue and staff are told why. Server-only.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { collections } from '../content-model/collections';
import { isoDay, ukToday } from '../rules/dates';
import { listingOf } from '../staff/moderation';
import { readAttachment } from '../store/attachments';
import type { Database } from '../store/database';
import type { Actor } from '../store/staff';
import type { Submission } from '../store/submissions';
import { entryPath, freeSlug, newListingEntry, slugFrom, storyEntry, suggestedEditEntry, type EntryFile } from './entries';
import { gitHostRepository, type GitHostBackend } from './git-hosts';
import { localGitRepository } from './local-git';
import { sha256 } from './published';
import { RepositoryError, type ContentRepository } from './repository';
import { recordApproval, type OpenedDraftRecord } from './store';

export type Approval = { ok: true; draft: OpenedDraftRecord } | { ok: false; problem: 'moved' | 'listing-gone' | 'no-repository' | 'unreachable'; message?: string };

/**
 * The repository approvals write to: the git host's API when the server has a token (CMS_TOKEN),
 * otherwise the local repository the CMS edits (CMS_REPO_DIR, or the folder the server runs in);
 * undefined when there is neither.
 */
export function contentRepository(env: NodeJS.ProcessEnv = process.env): ContentRepository | undefined {
  const branch = env.CMS_BRANCH || 'main';
  if (env.CMS_TOKEN) {
    try {
      return gitHostRepository({ backend: (env.CMS_BACKEND || 'github') as GitHostBackend, repo: env.CMS_REPO ?? '', branch, token: env.CMS_TOKEN, apiRoot: env.CMS_API_ROOT || undefined });
    } catch (error) {
      // Settings that cannot work are reported where staff approve, like a host that refuses.
      if (!(error instanceof RepositoryError)) throw error;
      return { description: 'the git host in CMS_BACKEND and CMS_REPO', readFile: () => Promise.reject(error), openDraft: () => Promise.reject(error) };
    }
  }
  const repo = path.resolve(env.CMS_REPO_DIR || '.');
  return existsSync(path.join(repo, '.git')) ? localGitRepository({ repo, branch }) : undefined;
}

/** The entry an item becomes, with the file it changes as it was (for a suggested edit). */
async function entryFor(db: Database, item: Submission, repository: ContentRepository, today: string): Promise<{ entry: EntryFile; base?: Uint8Array } | 'listing-gone'> {
  const taken = (collection: 'stories' | 'groups' | 'assets') => async (slug: string) => (await repository.readFile(entryPath(collection, slug))) !== undefined;
  const answers = item.answers;
  if (item.kind === 'story') {
    const first = item.attachments.find((file) => file.fileType === 'jpeg' || file.fileType === 'png');
    const photo = first && (await readAttachment(db, first.id));
    const slug = await freeSlug(slugFrom(String(answers.title ?? '')), taken('stories'));
    return { entry: storyEntry(answers, slug, today, photo) };
  }
  if (item.kind === 'new-listing') {
    const collection = answers.kind === 'asset' ? 'assets' : 'groups';
    const slug = await freeSlug(slugFrom(String(answers.name ?? '')), taken(collection));
    return { entry: newListingEntry(answers, slug, today) };
  }
  const listing = listingOf(answers);
  const current = listing && (await repository.readFile(entryPath(listing.collection, listing.id)));
  if (!listing || !current) return 'listing-gone';
  return { entry: suggestedEditEntry({ ...listing, slug: listing.id, text: new TextDecoder().decode(current) }, answers, item.reference), base: current };
}

/** Opens the item's entry as a CMS draft in review and records it; the item must still be to do. */
export async function approveIntoCms(db: Database, item: Submission, repository: ContentRepository | undefined, actor: Actor, now = new Date()): Promise<Approval> {
  if (!repository) return { ok: false, problem: 'no-repository' };
  try {
    const made = await entryFor(db, item, repository, isoDay(ukToday(now)));
    if (made === 'listing-gone') return { ok: false, problem: 'listing-gone' };
    const { entry, base } = made;
    const label = collections[entry.collection].label;
    const opened = await repository.openDraft({
      collection: entry.collection,
      slug: entry.slug,
      files: [{ path: entry.path, content: new TextEncoder().encode(entry.text) }, ...entry.media],
      // Decap's own default commit messages, so the history reads the same whoever made the draft.
      title: `${entry.existing ? 'Update' : 'Create'} ${label} “${entry.slug}”`,
      description: `From the hub's moderation queue: ${item.kind} ${item.reference}, approved by ${'account' in actor ? actor.account.email : 'the hub'}.`,
    });
    const draft: OpenedDraftRecord = { collection: entry.collection, slug: entry.slug, path: entry.path, branch: opened.branch, url: opened.url ?? null, baseSha256: base ? sha256(base) : null };
    return (await recordApproval(db, item.id, draft, actor, now)) ? { ok: true, draft } : { ok: false, problem: 'moved' };
  } catch (error) {
    if (error instanceof RepositoryError) return { ok: false, problem: 'unreachable', message: error.message };
    throw error;
  }
}
