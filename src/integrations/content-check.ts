import type { AstroIntegration } from 'astro';
import { checkContent, formatProblem } from '../content-model/check';
import { contentDirectory } from '../content-model/collections';

/**
 * Validates all content (schemas and cross-references) before Astro does anything else,
 * so a broken file stops the build with its file and field named and nothing written to dist/.
 */
export function contentCheck(): AstroIntegration {
  return {
    name: 'community-hub:content-check',
    hooks: {
      'astro:config:setup': ({ command, logger }) => {
        const { problems } = checkContent(contentDirectory());
        if (problems.length === 0) return;
        const report = problems.map(formatProblem).join('\n');
        if (command === 'dev') {
          logger.error(`Content problems:\n${report}`);
          return;
        }
        throw new Error(`${problems.length} content problem${problems.length === 1 ? '' : 's'}:\n${report}`);
      },
    },
  };
}
