import path from 'node:path';
import { formatProblem } from './check';
import { contentDirectory, settingsFile } from './collections';
import { readYamlFile } from './read';

/** The site settings, read straight from the content directory (for the Astro config, before collections load). */
export function readSettings() {
  const file = path.join(contentDirectory(), settingsFile.location);
  const result = settingsFile.schema.safeParse(readYamlFile(file));
  if (!result.success) {
    const problems = result.error.issues.map((issue) =>
      formatProblem({ file: path.relative(process.cwd(), file), field: issue.path.join('.'), message: issue.message }),
    );
    throw new Error(`Settings are invalid:\n${problems.join('\n')}`);
  }
  return result.data;
}
