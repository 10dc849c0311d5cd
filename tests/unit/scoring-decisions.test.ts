import { describe, expect, it } from 'vitest';
import { checkDecision, outcomesFor, readPounds, type DecisionInput } from '../../src/staff/decisions';
import { formatAverage, readScoreForm, summariseScores, type Score } from '../../src/staff/scoring';

const criteria = [{ name: 'Need' }, { name: 'Reach' }, { name: 'Lasting' }];
const messages = {
  scoreMissing: (criterion: string) => `score ${criterion}`,
  commentMissing: (criterion: string) => `comment ${criterion}`,
  commentTooLong: (criterion: string) => `long ${criterion}`,
};
const form = (entries: Record<string, string>) => new URLSearchParams(entries);
const score = (accountId: string, criterion: string, value: number): Score => ({ accountId, member: `${accountId}@example.org`, criterion, score: value, comment: 'why' });

describe('reading a panel member’s score form', () => {
  it('takes a whole score from 0 to 5 and a comment for every criterion', () => {
    const read = readScoreForm(criteria, form({ 'score-1': '0', 'comment-1': ' weak ', 'score-2': '5', 'comment-2': 'wide', 'score-3': '3', 'comment-3': 'ok' }), messages);
    expect(read).toEqual({ ok: true, scores: [{ criterion: 'Need', score: 0, comment: 'weak' }, { criterion: 'Reach', score: 5, comment: 'wide' }, { criterion: 'Lasting', score: 3, comment: 'ok' }] });
  });

  it('names each criterion missing a score or comment, refuses scores outside 0–5, and keeps what was typed', () => {
    const read = readScoreForm(criteria, form({ 'score-1': '6', 'comment-1': 'too high', 'score-2': '2.5', 'comment-2': '', 'comment-3': 'x'.repeat(2001) }), messages);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors).toEqual([
      { field: 'score-1', message: 'score Need' },
      { field: 'score-2', message: 'score Reach' },
      { field: 'comment-2', message: 'comment Reach' },
      { field: 'score-3', message: 'score Lasting' },
      { field: 'comment-3', message: 'long Lasting' },
    ]);
    expect(read.values['score-1']).toBe('6');
    expect(read.values['comment-1']).toBe('too high');
  });
});

describe('adding up the panel’s scores', () => {
  it('gives each member’s total, each criterion’s total and average, and the overall figures', () => {
    const summary = summariseScores(criteria, [
      score('bea', 'Need', 4), score('bea', 'Reach', 3), score('bea', 'Lasting', 5),
      score('al', 'Need', 2), score('al', 'Reach', 3), score('al', 'Lasting', 2),
    ]);
    expect(summary.members).toEqual([
      { accountId: 'al', member: 'al@example.org', total: 7, scored: 3 },
      { accountId: 'bea', member: 'bea@example.org', total: 12, scored: 3 },
    ]);
    expect(summary.criteria).toEqual([
      { criterion: 'Need', scores: [2, 4], total: 6, average: 3 },
      { criterion: 'Reach', scores: [3, 3], total: 6, average: 3 },
      { criterion: 'Lasting', scores: [2, 5], total: 7, average: 3.5 },
    ]);
    expect(summary.overall).toEqual({ total: 19, averageTotal: 9.5, averageScore: 19 / 6, highestTotal: 15 });
    expect(formatAverage(summary.overall.averageScore)).toBe('3.2');
    expect(formatAverage(3)).toBe('3');
  });

  it('averages only the scores given, shows partly scored members, and keeps scores for a criterion the fund has dropped', () => {
    const summary = summariseScores(criteria, [score('al', 'Need', 1), score('bea', 'Need', 4), score('bea', 'Old criterion', 2)]);
    expect(summary.criteria.map((row) => [row.criterion, row.scores, row.average])).toEqual([
      ['Need', [1, 4], 2.5],
      ['Reach', [undefined, undefined], undefined],
      ['Lasting', [undefined, undefined], undefined],
      ['Old criterion', [undefined, 2], 2],
    ]);
    expect(summary.members.map((member) => member.scored)).toEqual([1, 2]);
    expect(summary.overall.highestTotal).toBe(20);
    expect(formatAverage(undefined)).toBe('–');
  });

  it('has nothing to add up before anyone scores', () => {
    expect(summariseScores(criteria, []).overall).toEqual({ total: 0, averageTotal: undefined, averageScore: undefined, highestTotal: 15 });
  });
});

describe('checking a decision', () => {
  const funded = (amount: string): DecisionInput => ({ outcome: 'funded', amount, signpostedTo: '', letter: 'Dear group, yes.' });
  const atPanel = { status: 'panel', asked: 400, maximumAward: 500, stage: 'full' as const, fundStages: 1 as const };

  it('reads amounts in whole pounds as people type them', () => {
    expect(readPounds('250')).toEqual({ pounds: 250 });
    expect(readPounds(' £1,200 ')).toEqual({ pounds: 1200 });
    expect(readPounds('300.00')).toEqual({ pounds: 300 });
    expect(readPounds('300.50')).toEqual({ problem: 'amount-not-whole' });
    expect(readPounds('three hundred')).toEqual({ problem: 'amount-not-number' });
    expect(readPounds('-5')).toEqual({ problem: 'amount-not-number' });
    expect(readPounds('')).toEqual({ problem: 'amount-missing' });
  });

  it('records a funded decision with the amount, up to what was asked and the fund’s maximum', () => {
    expect(checkDecision(funded('400'), atPanel)).toEqual({ ok: true, decision: { outcome: 'funded', amountAwarded: 400, signpostedTo: null, letter: 'Dear group, yes.', conditions: '' } });
    expect(checkDecision(funded('401'), atPanel)).toEqual({ ok: false, errors: [{ field: 'amount', problem: 'amount-over-asked', values: { asked: '£400' } }] });
    expect(checkDecision(funded('600'), { ...atPanel, asked: 1000 })).toEqual({ ok: false, errors: [{ field: 'amount', problem: 'amount-over-maximum', values: { maximum: '£500' } }] });
    expect(checkDecision(funded('0'), atPanel)).toMatchObject({ ok: false, errors: [{ field: 'amount', problem: 'amount-too-small' }] });
    expect(checkDecision(funded(''), atPanel)).toMatchObject({ ok: false, errors: [{ field: 'amount', problem: 'amount-missing' }] });
    expect(checkDecision(funded('12.5'), atPanel)).toMatchObject({ ok: false, errors: [{ field: 'amount', problem: 'amount-not-whole' }] });
  });

  it('ignores an amount unless funded, and needs where a signposted group was pointed', () => {
    expect(checkDecision({ outcome: 'declined', amount: '300', signpostedTo: '', letter: 'Sorry.' }, atPanel)).toEqual({ ok: true, decision: { outcome: 'declined', amountAwarded: null, signpostedTo: null, letter: 'Sorry.', conditions: '' } });
    expect(checkDecision({ outcome: 'signposted', amount: '', signpostedTo: '  Citizens Advice ', letter: 'Try them.' }, atPanel)).toMatchObject({ ok: true, decision: { signpostedTo: 'Citizens Advice' } });
    expect(checkDecision({ outcome: 'signposted', amount: '', signpostedTo: ' ', letter: 'Try them.' }, atPanel)).toEqual({ ok: false, errors: [{ field: 'signpostedTo', problem: 'signposted-missing' }] });
  });

  it('keeps a funded grant’s own conditions, trimmed, refuses them too long, and keeps none for another outcome', () => {
    expect(checkDecision({ ...funded('400'), conditions: '  Send a photo.\n' }, atPanel)).toMatchObject({ ok: true, decision: { conditions: 'Send a photo.' } });
    expect(checkDecision({ ...funded('400'), conditions: 'x'.repeat(5_001) }, atPanel)).toEqual({ ok: false, errors: [{ field: 'conditions', problem: 'conditions-too-long', values: { limit: '5,000' } }] });
    expect(checkDecision({ outcome: 'declined', amount: '', signpostedTo: '', letter: 'Sorry.', conditions: 'Send a photo.' }, atPanel)).toMatchObject({ ok: true, decision: { conditions: '' } });
  });

  it('needs a letter and an outcome the workflow allows from where the application is', () => {
    expect(checkDecision({ outcome: '', amount: '', signpostedTo: '', letter: ' ' }, atPanel)).toEqual({
      ok: false,
      errors: [{ field: 'outcome', problem: 'outcome-missing' }, { field: 'letter', problem: 'letter-missing' }],
    });
    // Before the panel, only declining or signposting an ineligible application.
    expect(checkDecision(funded('100'), { ...atPanel, status: 'received' })).toEqual({ ok: false, errors: [{ field: 'outcome', problem: 'outcome-not-allowed' }] });
    expect(checkDecision({ outcome: 'declined', amount: '', signpostedTo: '', letter: 'Not eligible.' }, { ...atPanel, status: 'received' }).ok).toBe(true);
    expect(checkDecision({ outcome: 'declined', amount: '', signpostedTo: '', letter: 'x' }, { ...atPanel, status: 'funded' })).toMatchObject({ ok: false, errors: [{ problem: 'outcome-not-allowed' }] });
    expect(checkDecision({ outcome: 'approved', amount: '', signpostedTo: '', letter: 'x' }, atPanel)).toMatchObject({ ok: false, errors: [{ problem: 'outcome-not-allowed' }] });
    expect(checkDecision({ outcome: 'declined', amount: '', signpostedTo: '', letter: 'x'.repeat(10_001) }, atPanel)).toMatchObject({ ok: false, errors: [{ field: 'letter', problem: 'letter-too-long' }] });
  });

  it('checks against what was asked only when the application said, and the maximum only when the fund is known; with neither, makes no award', () => {
    expect(checkDecision(funded('450'), { ...atPanel, asked: null, maximumAward: 500 }).ok).toBe(true);
    expect(checkDecision(funded('5000'), { ...atPanel, asked: null, maximumAward: null })).toEqual({ ok: false, errors: [{ field: 'amount', problem: 'amount-unchecked' }] });
  });
});

describe('inviting a group to apply in full', () => {
  const invited = { outcome: 'invited', amount: '', signpostedTo: '', letter: 'Please apply in full.' };
  const outlineToTwoStage = { status: 'panel', asked: 400, maximumAward: 500, stage: 'outline' as const, fundStages: 2 as const };

  it('is offered and recorded only for an outline to a two-stage fund', () => {
    expect(outcomesFor(outlineToTwoStage)).toEqual(['funded', 'declined', 'invited', 'signposted']);
    expect(checkDecision(invited, outlineToTwoStage)).toMatchObject({ ok: true, decision: { outcome: 'invited' } });
  });

  it('is refused, with its reason, on a single-stage fund, on a full application, and where the fund is no longer known', () => {
    expect(outcomesFor({ ...outlineToTwoStage, fundStages: 1 as const })).toEqual(['funded', 'declined', 'signposted']);
    expect(checkDecision(invited, { ...outlineToTwoStage, fundStages: 1 as const })).toEqual({ ok: false, errors: [{ field: 'outcome', problem: 'invite-not-two-stage' }] });
    expect(outcomesFor({ ...outlineToTwoStage, stage: 'full' as const })).toEqual(['funded', 'declined', 'signposted']);
    expect(checkDecision(invited, { ...outlineToTwoStage, stage: 'full' as const })).toEqual({ ok: false, errors: [{ field: 'outcome', problem: 'invite-not-outline' }] });
    expect(checkDecision(invited, { ...outlineToTwoStage, fundStages: null })).toEqual({ ok: false, errors: [{ field: 'outcome', problem: 'invite-not-two-stage' }] });
  });

  it('is still only possible from the panel, whatever the stage', () => {
    expect(outcomesFor({ ...outlineToTwoStage, status: 'received' })).toEqual(['declined', 'signposted']);
    expect(checkDecision(invited, { ...outlineToTwoStage, status: 'received' })).toEqual({ ok: false, errors: [{ field: 'outcome', problem: 'outcome-not-allowed' }] });
  });
});

describe('the interface strings', () => {
  it('have a message for every decision problem', async () => {
    const { en } = await import('../../src/i18n/en');
    for (const problem of ['outcome-missing', 'outcome-not-allowed', 'invite-not-two-stage', 'invite-not-outline', 'amount-missing', 'amount-not-whole', 'amount-not-number', 'amount-too-small', 'amount-over-asked', 'amount-over-maximum', 'signposted-missing', 'signposted-too-long', 'letter-missing', 'letter-too-long']) {
      expect(en).toHaveProperty(`staff.decision.${problem}`);
    }
  });
});
