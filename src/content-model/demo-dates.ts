/**
 * Moving the demo content's dates forward, so a demo hub reads on any day as it did on its latest
 * review: funds open, closing soon and closed, events to come and past, listings fresh and overdue in
 * the same mix. Every date in the content's front matter (and in its YAML files) moves by the same whole
 * number of weeks, so weekly sessions and events keep their weekdays. Prose is left alone.
 * `npm run demo-dates` (scripts/demo-dates.ts); the tests never run it on `content/`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isoDay } from '../rules/dates';

const dayMs = 86_400_000;
const isoDate = /\b(\d{4})-(\d{2})-(\d{2})\b/g;

/** `text` with every ISO date in its front matter (or all of it, for YAML) moved by `days`. */
export function moveDates(text: string, days: number, kind: 'yaml' | 'markdown'): { text: string; moved: number } {
  let moved = 0;
  const move = (part: string) =>
    part.replace(isoDate, (date: string) => {
      const time = Date.parse(`${date}T00:00:00Z`);
      if (Number.isNaN(time)) return date;
      moved++;
      return isoDay(new Date(time + days * dayMs));
    });
  if (kind === 'yaml') return { text: move(text), moved };
  const frontMatter = /^(---\r?\n)([\s\S]*?)(\r?\n---)/.exec(text);
  if (!frontMatter) return { text, moved };
  return { text: frontMatter[1] + move(frontMatter[2]!) + frontMatter[3] + text.slice(frontMatter[0].length), moved };
}

/** The content's files with dates: Markdown and YAML, under `root`. */
function contentFiles(root: string): { file: string; kind: 'yaml' | 'markdown' }[] {
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((file) => path.join(root, file))
    .filter((file) => /\.(ya?ml|mdx?)$/.test(file))
    .map((file) => ({ file, kind: /\.ya?ml$/.test(file) ? 'yaml' : 'markdown' }));
}

/** The demo's latest review (the newest `lastReviewed`): the day it reads as written. */
export function latestReview(root: string): Date {
  const days = contentFiles(root).flatMap(({ file }) => [...fs.readFileSync(file, 'utf8').matchAll(/^lastReviewed: ['"]?(\d{4}-\d{2}-\d{2})/gm)].map((match) => match[1]!));
  if (days.length === 0) throw new Error(`No lastReviewed date in ${root}: nothing to move the demo's dates from`);
  return new Date(`${days.sort().at(-1)}T00:00:00Z`);
}

/** Whole weeks from the demo's latest review to `day`, so it reads on `day` (within a week) as it did then. */
export const weeksUntil = (review: Date, day: Date): number => Math.floor((Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()) - review.getTime()) / (7 * dayMs));

/** Moves every date of the content under `root` by `weeks`, rewriting only the files that change. */
export function moveDemoDates(root: string, weeks: number): { files: number; dates: number } {
  let files = 0;
  let dates = 0;
  for (const { file, kind } of contentFiles(root)) {
    const before = fs.readFileSync(file, 'utf8');
    const { text, moved } = moveDates(before, weeks * 7, kind);
    if (text === before) continue;
    fs.writeFileSync(file, text);
    files++;
    dates += moved;
  }
  return { files, dates };
}
