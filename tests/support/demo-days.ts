/**
 * Days chosen from the demo content, so a test that needs a fund open runs its server on a day it is
 * (HUB_TODAY, src/rules/clock.ts) instead of hoping the demo's dates have not passed yet, and a test
 * that reads a fund's dates or status takes them from the content and the tests' day, not from its own text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** A fund's dates as its file in content/funds gives them (calendar days, UTC midnight, as the site reads them). */
export interface DemoFundDates {
  opens?: Date;
  closes?: Date;
  rolling: boolean;
}

export function demoFundDates(fundId: string, contentDir = process.env.CONTENT_DIR ?? 'content'): DemoFundDates {
  const text = fs.readFileSync(path.join(contentDir, 'funds', `${fundId}.md`), 'utf8');
  const frontMatter = parse(/^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '') as Record<string, unknown>;
  const day = (value: unknown) => (value === undefined ? undefined : new Date(`${value instanceof Date ? value.toISOString().slice(0, 10) : String(value)}T00:00:00Z`));
  return { opens: day(frontMatter.opens), closes: day(frontMatter.closes), rolling: frontMatter.rolling === true };
}

const dayAfter = (date: Date, days = 1) => new Date(date.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** The day after `fundId` opens (content/funds/<id>.md), as YYYY-MM-DD: a day it takes applications. */
export function dayWhenOpen(fundId: string, contentDir?: string): string {
  const { opens } = demoFundDates(fundId, contentDir);
  if (!opens) throw new Error(`${fundId} has no opening day`);
  return dayAfter(opens);
}

/** The day after `fundId` closes, as YYYY-MM-DD: a day it is closed. */
export function dayWhenClosed(fundId: string, contentDir?: string): string {
  const { closes } = demoFundDates(fundId, contentDir);
  if (!closes) throw new Error(`${fundId} has no closing day`);
  return dayAfter(closes);
}

/**
 * The day the demo content was last reviewed (its newest `lastReviewed`), as YYYY-MM-DD: the day its
 * listings' review dates were written for. Which listings are overdue for review (and ranked lower
 * among equal matches) depends on the day, so tests of search relevance run their server on this one.
 */
export function demoReviewDay(contentDir = process.env.CONTENT_DIR ?? 'content'): string {
  const days = ['groups', 'assets'].flatMap((folder) =>
    fs.readdirSync(path.join(contentDir, folder)).map((file) => /^lastReviewed: (\d{4}-\d{2}-\d{2})$/m.exec(fs.readFileSync(path.join(contentDir, folder, file), 'utf8'))?.[1] ?? ''),
  );
  return days.sort().at(-1)!;
}
