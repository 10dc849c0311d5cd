import { afterEach, describe, expect, it } from 'vitest';
import { checkContent, formatProblem } from '../../src/content-model/check';
import { translator } from '../../src/i18n';
import { letterOutcomes, mergeFieldsIn, renderLetter, unknownMergeFields } from '../../src/rules/letters';
import { checkDecision } from '../../src/staff/decisions';
import { letterTemplate, letterValues, startingLetter } from '../../src/staff/letters';
import { copyOfContent } from '../support/content-fixture';

const t = translator('en');
const answers = { contact: { contactName: ' Sam Carter ', contactEmail: 'sam@example.org' }, 'your-group': { groupName: 'March Men’s Shed' } };

describe('filling in a decision letter', () => {
  it('puts the applicant’s name, group, amount and conditions where the template says', () => {
    const values = letterValues(answers, { amountAwarded: 1200, conditions: ['Spend it by March.', 'Credit the fund.'] }, t);
    expect(renderLetter('Dear {{name}}, {{ group }} gets {{amount}}.\n{{conditions}}', values)).toBe('Dear Sam Carter, March Men’s Shed gets £1,200.\nThe grant comes with these conditions:\n1. Spend it by March.\n2. Credit the fund.');
  });

  it('leaves the private link for the recording to fill in, and anything that is not a merge field alone', () => {
    const letter = renderLetter('Use {{link}}. {{nonsense}} {x}', letterValues(answers, { amountAwarded: null }, t));
    expect(letter).toBe('Use {{link}}. {{nonsense}} {x}');
    expect(renderLetter(letter, { link: 'https://hub.example.org/feedback/abc/' })).toBe('Use https://hub.example.org/feedback/abc/. {{nonsense}} {x}');
  });

  it('starts from the fund’s own letter for the outcome, else the hub’s standard one, with no empty paragraph where a field was empty', () => {
    const own = { funded: 'Dear {{name}}, well done: {{amount}}.\n\n{{conditions}}\n\nBest wishes' };
    expect(startingLetter(letterTemplate(own, 'funded', t), letterValues(answers, { amountAwarded: 500 }, t))).toBe('Dear Sam Carter, well done: £500.\n\nBest wishes');
    const standard = startingLetter(letterTemplate(own, 'declined', t), letterValues(answers, { amountAwarded: null }, t));
    expect(standard).toMatch(/^Dear Sam Carter,\n\nThank you for applying on behalf of March Men’s Shed\./);
    expect(mergeFieldsIn(standard)).toEqual([]);
  });

  it('has a standard letter for every outcome that uses only the fields that outcome can fill', () => {
    for (const outcome of letterOutcomes) {
      expect(unknownMergeFields(letterTemplate(undefined, outcome, t), outcome)).toEqual([]);
    }
  });

  it('names merge fields a letter cannot fill: misspelt ones, and an amount or link where the outcome has none', () => {
    expect(unknownMergeFields('{{nmae}} {{name}} {{amount}} {{link}}', 'declined')).toEqual(['nmae', 'amount', 'link']);
    expect(unknownMergeFields('{{name}} {{amount}} {{conditions}} {{link}}', 'funded')).toEqual([]);
  });

  it('refuses to record a letter whose merge fields cannot be filled, naming them', () => {
    const result = checkDecision({ outcome: 'declined', amount: '', signpostedTo: '', letter: 'Dear {{name}}, you get {{amount}}' }, { status: 'panel', asked: 500, maximumAward: 1000, stage: 'full', fundStages: 1 });
    expect(result).toEqual({ ok: false, errors: [{ field: 'letter', problem: 'letter-unknown-field', values: { fields: '{{amount}}', allowed: '{{name}}, {{group}}' } }] });
  });
});

let fixture: ReturnType<typeof copyOfContent> | undefined;
afterEach(() => fixture?.remove());

describe('npm run check on a fund’s letters and dates', () => {
  const problemsAfter = (change: (text: string) => string) => {
    fixture = copyOfContent();
    fixture.edit('funds/healthy-fenland-fund.md', change);
    return checkContent(fixture.root).problems.map(formatProblem);
  };

  it('refuses a letter template with a merge field the letter cannot fill, naming the file and the field', () => {
    const problems = problemsAfter((text) => text.replace(/^lastReviewed:/m, 'letters:\n  declined: "Dear {{name}}, sorry about {{amount}} for {{grup}}."\nlastReviewed:'));
    expect(problems).toEqual([expect.stringMatching(/funds\/healthy-fenland-fund\.md: letters\.declined: uses \{\{amount\}\}, \{\{grup\}\}, which this letter cannot fill in: use only \{\{name\}\}, \{\{group\}\}$/)]);
  });

  it('takes a letter template that uses its outcome’s fields', () => {
    expect(problemsAfter((text) => text.replace(/^lastReviewed:/m, 'letters:\n  funded: "Dear {{name}}, {{group}} is awarded {{amount}}. {{conditions}} Report back at {{link}}."\nlastReviewed:'))).toEqual([]);
  });

  it('refuses a fund that closes before it opens, a rolling fund with a closing date, and a total smaller than its largest grant', () => {
    expect(problemsAfter((text) => text.replace(/^closes: .*$/m, 'closes: 2026-09-30'))).toEqual([expect.stringMatching(/healthy-fenland-fund\.md: closes: must not be before opens$/)]);
    expect(problemsAfter((text) => text.replace(/^rolling: false$/m, 'rolling: true'))).toEqual([expect.stringMatching(/healthy-fenland-fund\.md: closes: must be empty for a rolling fund, which has no closing date$/)]);
    expect(problemsAfter((text) => text.replace(/^totalAvailable: .*$/m, 'totalAvailable: 4000'))).toEqual([expect.stringMatching(/healthy-fenland-fund\.md: totalAvailable: must not be less than maximumAward, the largest grant$/)]);
    expect(problemsAfter((text) => text.replace(/^minimumAward: .*$/m, 'minimumAward: 6000'))).toEqual([expect.stringMatching(/healthy-fenland-fund\.md: maximumAward: must not be less than minimumAward$/)]);
  });
});
