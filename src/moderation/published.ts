/**
 * After a publish goes live: the moderation items whose CMS drafts it contains are marked done and
 * their senders are emailed the published page's address. Server-only.
 */
import type { Database } from '../store/database';

/** A release that has just gone live: its commit and the folder its content was exported to (holding `content/` and `public/`). */
export interface LiveRelease {
  commit: string;
  sourceDir: string;
}

/** Returns how many senders were told. (Filled in by the content-loop work: approvals into CMS drafts.) */
export async function announcePublished(_db: Database, _release: LiveRelease, _now = new Date()): Promise<number> {
  return 0;
}
