/**
 * `npm run demo-dates [-- --to YYYY-MM-DD]`: moves the demo content's dates forward so the demo reads on
 * that day (today by default) as it did on its latest review. It rewrites content/ (commit it, or
 * `git checkout content` to undo); run `npm run check` and build afterwards.
 */
import { contentDirectory } from '../src/content-model/collections';
import { latestReview, moveDemoDates, weeksUntil } from '../src/content-model/demo-dates';
import { currentTime } from '../src/rules/clock';
import { isoDay } from '../src/rules/dates';

const args = process.argv.slice(2);
const to = args[0] === '--to' ? args[1] : args.length === 0 ? isoDay(currentTime()) : undefined;
if (!to || !/^\d{4}-\d{2}-\d{2}$/.test(to) || Number.isNaN(Date.parse(to))) {
  console.error('Usage: npm run demo-dates [-- --to YYYY-MM-DD]');
  process.exit(2);
}
const root = contentDirectory();
const review = latestReview(root);
const weeks = weeksUntil(review, new Date(`${to}T00:00:00Z`));
if (weeks <= 0) {
  console.log(`The demo in ${root} was last reviewed on ${isoDay(review)}: nothing to move for ${to}.`);
  process.exit(0);
}
const { files, dates } = moveDemoDates(root, weeks);
console.log(`Moved ${dates} dates in ${files} files of ${root} forward ${weeks} weeks: the demo reads on ${to} as it did on ${isoDay(review)}. Run npm run check, then build.`);
