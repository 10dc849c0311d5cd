import { afterEach, describe, expect, it } from 'vitest';
import { checkContent, formatProblem } from '../../src/content-model/check';
import { copyOfContent } from '../support/content-fixture';

let fixture: ReturnType<typeof copyOfContent> | undefined;
afterEach(() => fixture?.remove());

/** Break one file in a copy of the demo content and return what the checker prints. */
function problemsAfter(file: string, change: (text: string) => string): string[] {
  fixture = copyOfContent();
  fixture.edit(file, change);
  return checkContent(fixture.root).problems.map(formatProblem);
}

describe('an enabler’s or connector’s dates in the content, which the KPI report counts them by', () => {
  it('refuses a contact who stopped before they started, naming the field', () => {
    const problems = problemsAfter('contacts/rob-gilbert.yaml', (text) => `${text}stopped: 2026-11-01\n`);
    expect(problems).toEqual([expect.stringMatching(/contacts\/rob-gilbert\.yaml: stopped: must not be before started$/)]);
  });

  it('refuses a start that is not a real day', () => {
    const problems = problemsAfter('contacts/rob-gilbert.yaml', (text) => text.replace(/^started: .*$/m, 'started: 2026-02-30'));
    expect(problems).toEqual([expect.stringMatching(/contacts\/rob-gilbert\.yaml: started: "2026-02-30" is not a real date/)]);
  });

  it('takes a stop on the day they started, or later', () => {
    expect(problemsAfter('contacts/rob-gilbert.yaml', (text) => `${text}stopped: 2026-11-16\n`)).toEqual([]);
  });
});
