import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkContent, formatProblem } from '../../src/content-model/check';
import { latestReview, moveDates, moveDemoDates, weeksUntil } from '../../src/content-model/demo-dates';
import { fundStatus } from '../../src/rules/fund-status';
import { copyOfContent } from '../support/content-fixture';

const dayMs = 86_400_000;
let fixture: ReturnType<typeof copyOfContent> | undefined;
afterEach(() => fixture?.remove());

/** Each fund's status on `day`, read from the content under `root`. */
function fundStatuses(root: string, day: Date): Record<string, string> {
  const dir = path.join(root, 'funds');
  return Object.fromEntries(fs.readdirSync(dir).map((file) => {
    const data = parse(fs.readFileSync(path.join(dir, file), 'utf8').split(/^---$/m)[1]!) as { opens?: string | Date; closes?: string | Date; rolling?: boolean };
    const date = (value: string | Date | undefined) => (value === undefined ? undefined : new Date(value));
    return [file, fundStatus({ opens: date(data.opens), closes: date(data.closes), rolling: data.rolling ?? false }, day)];
  }));
}

describe('moving the demo content’s dates forward', () => {
  it('moves every date in front matter by whole weeks, keeping the weekday, and leaves the prose alone', () => {
    const text = '---\ntitle: Walk\ndate: 2027-03-18\ndates:\n  - 2026-12-29\n---\nOn 2027-03-18 we walk.\n';
    const { text: moved, moved: count } = moveDates(text, 14, 'markdown');
    expect(moved).toBe('---\ntitle: Walk\ndate: 2027-04-01\ndates:\n  - 2027-01-12\n---\nOn 2027-03-18 we walk.\n');
    expect(count).toBe(2);
    expect(moveDates('closes: 2027-12-31\n', 7, 'yaml').text).toBe('closes: 2028-01-07\n');
  });

  it('counts whole weeks from the latest review to the day asked for', () => {
    const review = new Date('2026-11-20T00:00:00Z');
    expect(weeksUntil(review, new Date('2028-01-01T00:00:00Z'))).toBe(58);
    expect(weeksUntil(review, new Date('2026-11-26T00:00:00Z'))).toBe(0);
  });

  it('leaves the demo valid, and on the new day every fund stands where it stood on the day of the latest review', () => {
    fixture = copyOfContent();
    const review = latestReview(fixture.root);
    const before = fundStatuses(fixture.root, review);
    const weeks = weeksUntil(review, new Date('2028-01-01T00:00:00Z'));
    const { files, dates } = moveDemoDates(fixture.root, weeks);
    expect(files).toBeGreaterThan(100);
    expect(dates).toBeGreaterThan(files);
    expect(checkContent(fixture.root).problems.map(formatProblem)).toEqual([]);
    const movedReview = latestReview(fixture.root);
    expect(movedReview.getTime()).toBe(review.getTime() + weeks * 7 * dayMs);
    expect(fundStatuses(fixture.root, movedReview)).toEqual(before);
    // A believable mix on the new day, not every fund closed.
    expect(new Set(Object.values(before)).size).toBeGreaterThan(2);
  });
});
