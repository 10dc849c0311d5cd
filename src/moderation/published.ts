/**
 * After a publish goes live: the moderation items whose CMS drafts it contains are marked done and
 * their senders are emailed the published page's address. A new entry is published when its file is
 * in the release; a change to an existing one when its file differs from the file the draft started
 * from. Server-only.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Translate } from '../i18n';
import { siteUrl } from '../store/config';
import type { Database } from '../store/database';
import { entryPage } from './entries';
import { publishedEmail } from './letters';
import { recordPublished, waitingDrafts } from './store';
import { currentTime } from '../rules/clock';

/** A release that has just gone live: its commit and the folder its content was exported to (holding `content/` and `public/`). */
export interface LiveRelease {
  commit: string;
  sourceDir: string;
}

export interface Announcing {
  t: Translate;
  siteName: string;
  /** The public address the emailed links start with. */
  siteUrl: string;
}

export const sha256 = (content: Uint8Array): string => createHash('sha256').update(content).digest('hex');

async function readIfThere(file: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file);
  } catch {
    return undefined;
  }
}

/** Returns how many items were found published. */
export async function announcePublished(db: Database, release: LiveRelease, wording?: Announcing, now = currentTime()): Promise<number> {
  const drafts = await waitingDrafts(db);
  if (drafts.length === 0) return 0;
  const words = wording ?? (await siteWording());
  let published = 0;
  for (const draft of drafts) {
    const file = await readIfThere(path.join(release.sourceDir, draft.path));
    if (!file || (draft.baseSha256 !== null && sha256(file) === draft.baseSha256)) continue;
    const pageUrl = new URL(entryPage(draft.collection, draft.slug), words.siteUrl).href;
    const messages = publishedEmail(draft.kind, draft.answers, draft.reference, pageUrl, words);
    if (await recordPublished(db, draft.submissionId, release.commit, messages, { system: 'publisher' }, now)) published++;
  }
  return published;
}

/** The site's own settings and strings, read from the build this runs in. */
async function siteWording(): Promise<Announcing> {
  const { getSite } = await import('../data/site');
  const { settings, t } = await getSite();
  return { t, siteName: settings.siteName, siteUrl: siteUrl() };
}
