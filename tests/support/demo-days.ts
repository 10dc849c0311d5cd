/**
 * Days chosen from the demo content, so a test that needs a fund open runs its server on a day it is
 * (HUB_TODAY, src/rules/clock.ts) instead of hoping the demo's dates have not passed yet.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The day after `fundId` opens (content/funds/<id>.md), as YYYY-MM-DD: a day it takes applications. */
export function dayWhenOpen(fundId: string, contentDir = process.env.CONTENT_DIR ?? 'content'): string {
  const text = fs.readFileSync(path.join(contentDir, 'funds', `${fundId}.md`), 'utf8');
  const opens = /^opens: (\d{4}-\d{2}-\d{2})$/m.exec(text)?.[1];
  if (!opens) throw new Error(`${fundId} has no opening day`);
  return new Date(Date.parse(`${opens}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
