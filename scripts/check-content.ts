/** `npm run check`: validates all content without building, printing every problem as `file: field: message`. */
import { checkContent, formatProblem } from '../src/content-model/check';
import { contentDirectory } from '../src/content-model/collections';

const root = contentDirectory();
const { problems } = checkContent(root);
for (const problem of problems) console.error(formatProblem(problem));
if (problems.length > 0) {
  console.error(`\n${problems.length} problem${problems.length === 1 ? '' : 's'} in ${root}`);
  process.exit(1);
}
console.log(`Content in ${root} is valid.`);
