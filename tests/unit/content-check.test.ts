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

const group = 'groups/wisbech-health-walks.md';

describe('npm run check on the demo content', () => {
  it('finds no problems', () => {
    expect(checkContent('content').problems.map(formatProblem)).toEqual([]);
  });
});

describe('npm run check names the file and field of each broken entry', () => {
  it('reports a field of the wrong type', () => {
    const problems = problemsAfter(group, (text) => text.replace(/^categories:\n(\s+- .+\n)+/m, 'categories: 7\n'));
    expect(problems).toEqual([expect.stringMatching(/groups\/wisbech-health-walks\.md: categories: Expected array, received number$/)]);
  });

  it('reports a missing required field', () => {
    const problems = problemsAfter(group, (text) => text.replace(/^summary: .*\n/m, ''));
    expect(problems).toEqual([expect.stringMatching(/groups\/wisbech-health-walks\.md: summary: is required$/)]);
  });

  it('reports a reference to an area that does not exist', () => {
    const problems = problemsAfter(group, (text) => text.replace(/^areas:\n\s+- wisbech$/m, 'areas:\n  - wisbeck'));
    expect(problems).toEqual([expect.stringMatching(/groups\/wisbech-health-walks\.md: areas\[0\]: refers to "wisbeck", which is not in areas$/)]);
  });

  it('reports a story that names a fund that does not exist', () => {
    const problems = problemsAfter('stories/friday-bridge-edible-garden-first-harvest.mdx', (text) => text.replace(/^fund: .*$/m, 'fund: no-such-fund'));
    expect(problems).toEqual([expect.stringMatching(/stories\/friday-bridge-edible-garden-first-harvest\.mdx: fund: refers to "no-such-fund", which is not in funds$/)]);
  });

  it('reports a date that is not a real date', () => {
    const problems = problemsAfter(group, (text) => text.replace(/^lastReviewed: .*$/m, 'lastReviewed: 2026-02-31'));
    expect(problems).toEqual([expect.stringMatching(/groups\/wisbech-health-walks\.md: lastReviewed: "2026-02-31" is not a real date written as YYYY-MM-DD$/)]);
  });

  it('reports a misspelt field name', () => {
    const problems = problemsAfter(group, (text) => text.replace(/^summary:/m, 'sumary:'));
    expect(problems).toContainEqual(expect.stringMatching(/wisbech-health-walks\.md: sumary: is not a field/));
  });

  it('reports a taxonomy term that does not exist, naming the entry in a list file', () => {
    const problems = problemsAfter('taxonomy/categories.yaml', (text) => text.replace('parent: health-and-wellbeing', 'parent: health'));
    expect(problems).toContainEqual(expect.stringMatching(/taxonomy\/categories\.yaml: mental-health\.parent: refers to "health", which is not in categories$/));
  });

  it('reports a file whose YAML cannot be read', () => {
    const problems = problemsAfter('areas/march.yaml', (text) => `${text}\n  : : broken`);
    expect(problems).toEqual([expect.stringMatching(/areas\/march\.yaml: \(file\): /)]);
  });

  it('reports invalid settings', () => {
    const problems = problemsAfter('settings/site.yaml', (text) => text.replace(/^brandColour: .*$/m, 'brandColour: green'));
    expect(problems).toEqual([expect.stringMatching(/settings\/site\.yaml: brandColour: must be a hex colour/)]);
  });
});
