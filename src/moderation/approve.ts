/**
 * Approving a moderation item: its answers become a content entry (entries.ts), opened as a draft in
 * the CMS's editorial workflow in the content repository, and the item moves to "in the CMS". If the
 * repository cannot be reached the item stays in the queue and staff are told why. Server-only.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { collections } from '../content-model/collections';
import { isRemoteRepository } from '../publishing/config';
import { isoDay, ukToday } from '../rules/dates';
import { approvable, listingOf } from '../staff/moderation';
import { readAttachment, type StoredAttachment } from '../store/attachments';
import type { Database } from '../store/database';
import type { Actor } from '../store/staff';
import type { Submission } from '../store/submissions';
import { entryPath, eventEntry, freeSlug, newListingEntry, slugFrom, storyEntry, suggestedEditEntry, volunteeringEntry, type EntryCollection, type EntryFile } from './entries';
import { gitHostRepository, type GitHostBackend } from './git-hosts';
import { localGitRepository } from './local-git';
import { sha256 } from './published';
import { DraftExistsError, RepositoryError, type ContentRepository } from './repository';
import { recordApproval, type OpenedDraftRecord } from './store';
import { currentTime } from '../rules/clock';

export type Approval = { ok: true; draft: OpenedDraftRecord } | { ok: false; problem: 'moved' | 'listing-gone' | 'no-repository' | 'unreachable'; message?: string };

/**
 * The repository approvals write to: the git host's API when the server has a token (CMS_TOKEN),
 * otherwise the local repository the CMS edits (CMS_REPO_DIR, else the publisher's PUBLISH_REPO when
 * it is a folder, else the folder the server runs in);
 * undefined when there is neither.
 */
export function contentRepository(env: NodeJS.ProcessEnv = process.env): ContentRepository | undefined {
  // The publisher follows the same repository and branch, unless told otherwise.
  const branch = env.CMS_BRANCH || env.PUBLISH_BRANCH || 'main';
  if (env.CMS_TOKEN) {
    try {
      return gitHostRepository({ backend: (env.CMS_BACKEND || 'github') as GitHostBackend, repo: env.CMS_REPO ?? '', branch, token: env.CMS_TOKEN, apiRoot: env.CMS_API_ROOT || undefined });
    } catch (error) {
      // Settings that cannot work are reported where staff approve, like a host that refuses.
      if (!(error instanceof RepositoryError)) throw error;
      return { description: 'the git host in CMS_BACKEND and CMS_REPO', readFile: () => Promise.reject(error), openDraft: () => Promise.reject(error) };
    }
  }
  const publishedFrom = env.PUBLISH_REPO && !isRemoteRepository(env.PUBLISH_REPO) ? env.PUBLISH_REPO : undefined;
  const repo = path.resolve(env.CMS_REPO_DIR || publishedFrom || '.');
  return existsSync(path.join(repo, '.git')) ? localGitRepository({ repo, branch }) : undefined;
}

/**
 * A photo as it is published: re-encoded in its own format, so its metadata (where it was taken, the
 * device's owner) is left behind; undefined when it cannot be read as an image.
 */
async function withoutMetadata(photo: StoredAttachment): Promise<StoredAttachment | undefined> {
  try {
    return { ...photo, content: new Uint8Array(await sharp(photo.content).rotate().toBuffer()) };
  } catch {
    return undefined;
  }
}

/** The entry an item becomes, with the file it changes as it was (for a suggested edit); `taken` says a new entry's slug is in use. */
async function entryFor(db: Database, item: Submission, repository: ContentRepository, today: string, taken: (collection: EntryCollection, slug: string) => Promise<boolean>): Promise<{ entry: EntryFile; base?: Uint8Array } | 'listing-gone'> {
  const answers = item.answers;
  if (item.kind === 'story') {
    const first = item.attachments.find((file) => file.fileType === 'jpeg' || file.fileType === 'png');
    const stored = first && (await readAttachment(db, first.id));
    const photo = stored && (await withoutMetadata(stored));
    const slug = await freeSlug(slugFrom(String(answers.title ?? '')), (candidate) => taken('stories', candidate));
    return { entry: storyEntry(answers, slug, today, photo ?? (stored ? 'unreadable' : undefined)) };
  }
  if (item.kind === 'new-listing') {
    const collection = answers.kind === 'asset' ? 'assets' : 'groups';
    const slug = await freeSlug(slugFrom(String(answers.name ?? '')), (candidate) => taken(collection, candidate));
    return { entry: newListingEntry(answers, slug, today) };
  }
  if (item.kind === 'event' || item.kind === 'volunteering') {
    const collection = item.kind === 'event' ? 'events' : 'volunteering';
    const slug = await freeSlug(slugFrom(String(answers.title ?? '')), (candidate) => taken(collection, candidate));
    return { entry: item.kind === 'event' ? eventEntry(answers, slug) : volunteeringEntry(answers, slug) };
  }
  const listing = listingOf(answers);
  const current = listing && (await repository.readFile(entryPath(listing.collection, listing.id)));
  if (!listing || !current) return 'listing-gone';
  return { entry: suggestedEditEntry({ ...listing, slug: listing.id, text: new TextDecoder().decode(current) }, answers, item.reference), base: current };
}

/** Drafts of other new entries with the same name tried before this one takes the next free slug. */
const slugTries = 10;

/** Opens the item's entry as a CMS draft in review and records it; the item must still be to do. */
export async function approveIntoCms(db: Database, item: Submission, repository: ContentRepository | undefined, actor: Actor, now = currentTime()): Promise<Approval> {
  if (!approvable(item.kind, item.status, item.answers)) return { ok: false, problem: 'moved' };
  if (!repository) return { ok: false, problem: 'no-repository' };
  // Slugs whose branch turned out to hold another entry's draft.
  const drafted = new Set<string>();
  const taken = async (collection: EntryCollection, slug: string) => drafted.has(`${collection}/${slug}`) || (await repository.readFile(entryPath(collection, slug))) !== undefined;
  try {
    for (let attempt = 1; ; attempt++) {
      const made = await entryFor(db, item, repository, isoDay(ukToday(now)), taken);
      if (made === 'listing-gone') return { ok: false, problem: 'listing-gone' };
      const { entry, base } = made;
      const label = collections[entry.collection].label;
      try {
        const opened = await repository.openDraft({
          collection: entry.collection,
          slug: entry.slug,
          files: [{ path: entry.path, content: new TextEncoder().encode(entry.text) }, ...entry.media],
          // Decap's own default commit messages, so the history reads the same whoever made the draft.
          title: `${entry.existing ? 'Update' : 'Create'} ${label} “${entry.slug}”`,
          // Git history may be public: the item's reference, never a person's name or address.
          description: `Approved in the staff console's moderation queue: ${item.kind} ${item.reference}.`,
        });
        const draft: OpenedDraftRecord = { collection: entry.collection, slug: entry.slug, path: entry.path, branch: opened.branch, url: opened.url ?? null, baseSha256: base ? sha256(base) : null };
        return (await recordApproval(db, item.id, draft, actor, now)) ? { ok: true, draft } : { ok: false, problem: 'moved' };
      } catch (error) {
        if (!(error instanceof DraftExistsError) || entry.existing || attempt >= slugTries) throw error;
        drafted.add(`${entry.collection}/${entry.slug}`);
      }
    }
  } catch (error) {
    if (error instanceof RepositoryError) return { ok: false, problem: 'unreachable', message: error.message };
    throw error;
  }
}
