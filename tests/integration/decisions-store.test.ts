/** The panel's scores and the officer's decision in the store, on PGlite and PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store';
import { findDecision, recordDecision, saveScores, scoresFor } from '../../src/store/decisions';
import { resumeDraft } from '../../src/store/drafts';
import { outboxEntries } from '../../src/store/outbox';
import { addAccount, auditTrail, type Actor, type StaffAccount } from '../../src/store/staff';
import { assignPanelRound } from '../../src/store/staff-accounts';
import { declareInterest } from '../../src/store/panel';
import { changeApplicationStatus, findApplication } from '../../src/store/staff-applications';
import { newIdempotencyKey, submit } from '../../src/store/submissions';
import { testDatabases } from '../support/databases';
import { demoFunds } from '../support/funds';

const commandLine: Actor = { commandLine: true };
const fund = { maximumAward: 500, name: 'Small Sparks' };
const letter = 'Dear Picnic Club,\nWe are pleased to fund your project.';

function application(groupName: string, amount = 200) {
  return {
    idempotencyKey: newIdempotencyKey(),
    kind: 'application' as const,
    fundId: 'small-sparks',
    fundRound: 'rolling',
    areaId: 'march',
    answers: { stage: 'full', 'your-group': { groupName }, contact: { contactEmail: 'alex@example.org' }, project: { projectTitle: 'Picnic kit', amount } },
  };
}

describe.each(testDatabases)('scores and decisions on $name', ({ skip, open }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  let store: Store;
  let officer: StaffAccount;
  let panelA: StaffAccount;
  let panelB: StaffAccount;
  let outsider: StaffAccount;
  beforeAll(async () => {
    store = await open();
    officer = await addAccount(store, { email: 'officer@example.org', role: 'officer', passwordHash: 'x' }, commandLine);
    panelA = await addAccount(store, { email: 'ann@example.org', role: 'panel', passwordHash: 'x' }, commandLine);
    panelB = await addAccount(store, { email: 'ben@example.org', role: 'panel', passwordHash: 'x' }, commandLine);
    outsider = await addAccount(store, { email: 'other@example.org', role: 'panel', passwordHash: 'x' }, commandLine);
    await assignPanelRound(store, panelA.email, { fundId: 'small-sparks', round: 'rolling' }, demoFunds, commandLine);
    await assignPanelRound(store, panelB.email, { fundId: 'small-sparks', round: 'rolling' }, demoFunds, commandLine);
    await assignPanelRound(store, outsider.email, { fundId: 'active-together', round: '2027-01-11' }, demoFunds, commandLine);
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  async function toPanel(groupName: string, amount = 200) {
    const receipt = await submit(store, application(groupName, amount));
    for (const to of ['eligibility-checked', 'assessed', 'panel'] as const) {
      expect(await changeApplicationStatus(store, receipt.reference, { to }, { account: officer })).toMatchObject({ ok: true });
    }
    // Each member says they have no conflict of interest before scoring (tests/integration/fair-panel.test.ts checks the rule).
    for (const member of [panelA, panelB]) await declareInterest(store, receipt.id, member, { conflict: false, note: '' });
    return receipt;
  }

  it('keeps each panel member’s scores, lets them change their own, and logs every save', async () => {
    const { id, reference } = await toPanel('Scored Club');
    expect(await saveScores(store, reference, panelA, [{ criterion: 'Open to others', score: 2, comment: 'Some outreach' }], new Date('2026-11-24T10:00:00Z'))).toEqual({ ok: true });
    expect(await saveScores(store, reference, panelA, [{ criterion: 'Open to others', score: 4, comment: 'Posters too' }], new Date('2026-11-24T11:00:00Z'))).toEqual({ ok: true });
    expect(await saveScores(store, reference, panelB, [{ criterion: 'Open to others', score: 3, comment: 'Fine' }], new Date('2026-11-24T12:00:00Z'))).toEqual({ ok: true });
    expect((await scoresFor(store, id)).map(({ member, criterion, score, comment }) => ({ member, criterion, score, comment }))).toEqual([
      { member: 'ann@example.org', criterion: 'Open to others', score: 4, comment: 'Posters too' },
      { member: 'ben@example.org', criterion: 'Open to others', score: 3, comment: 'Fine' },
    ]);
    const trail = (await auditTrail(store, 'submission', id)).filter((entry) => entry.action === 'application.scores');
    expect(trail).toMatchObject([
      { actor: 'ann@example.org', before: null, after: [{ criterion: 'Open to others', score: 2 }] },
      { actor: 'ann@example.org', before: [{ criterion: 'Open to others', score: 2, comment: 'Some outreach' }], after: [{ score: 4 }] },
      { actor: 'ben@example.org', before: null },
    ]);
  });

  it('refuses scores from a member not assigned to the round, and outside the panel stage', async () => {
    const { id, reference } = await submit(store, application('Early Club'));
    // Not yet with the panel: not theirs to see, let alone score.
    expect(await saveScores(store, reference, panelA, [{ criterion: 'Open to others', score: 5, comment: 'x' }])).toEqual({ ok: false, problem: 'not-found' });
    const atPanel = await toPanel('Outsider Club');
    expect(await saveScores(store, atPanel.reference, outsider, [{ criterion: 'Open to others', score: 5, comment: 'x' }])).toEqual({ ok: false, problem: 'not-found' });
    expect(await saveScores(store, 'NOSUCHREF', panelA, [])).toEqual({ ok: false, problem: 'not-found' });
    expect(await scoresFor(store, id)).toEqual([]);
    expect(await scoresFor(store, atPanel.id)).toEqual([]);
  });

  it('records a funded decision, its conditions, status, audit entry, letter with the offer link and feedback link in one go', async () => {
    const { id, reference } = await toPanel('Funded Club', 300);
    const now = new Date('2026-11-24T12:00:00Z');
    const conditions = 'Send us a photo of the kit in use.';
    const result = await recordDecision(store, reference, { outcome: 'funded', amount: '250', signpostedTo: '', letter, conditions }, fund, { account: officer }, now);
    expect(result).toMatchObject({ ok: true, decision: { outcome: 'funded', amountAwarded: 250, signpostedTo: null, letter, conditions } });
    expect(result.ok && result.feedbackPath).toMatch(/^\/feedback\/[A-Za-z0-9_-]{40,50}\/$/);
    expect(result.ok && result.offerPath).toMatch(/^\/offer\/[A-Za-z0-9_-]{40,50}\/$/);
    expect((await findApplication(store, reference, { accountId: officer.id, everyRound: true }))?.status).toBe('funded');
    expect(await findDecision(store, id)).toEqual({ outcome: 'funded', amountAwarded: 250, signpostedTo: null, letter, conditions, decidedBy: 'officer@example.org', decidedAt: now });
    const [decided] = (await auditTrail(store, 'submission', id)).filter((entry) => entry.action === 'application.decision');
    expect(decided).toMatchObject({ actor: 'officer@example.org', before: { status: 'panel' }, after: { status: 'funded', amountAwarded: 250 } });
    expect(decided?.after).not.toHaveProperty('letter');
    const mail = await outboxEntries(store, id);
    expect(mail.filter((entry) => entry.purpose === 'decision-letter')).toMatchObject([{ to: 'alex@example.org', subject: `Our decision on your application ${reference}` }]);
    const sent = mail.find((entry) => entry.purpose === 'decision-letter')!.text;
    expect(sent.startsWith(letter)).toBe(true);
    expect(sent).toContain(result.ok ? result.offerPath : 'no offer');
    expect(mail.some((entry) => entry.purpose === 'feedback-link')).toBe(true);
    // Once decided, it stays decided.
    expect(await recordDecision(store, reference, { outcome: 'declined', amount: '', signpostedTo: '', letter: 'No' }, fund, { account: officer })).toEqual({ ok: false, problem: 'decided-already' });
  });

  it('refuses too much money and writes nothing', async () => {
    const { id, reference } = await toPanel('Greedy Club', 200);
    const overAsked = await recordDecision(store, reference, { outcome: 'funded', amount: '300', signpostedTo: '', letter }, fund, { account: officer });
    expect(overAsked).toEqual({ ok: false, problem: 'invalid', errors: [{ field: 'amount', problem: 'amount-over-asked', values: { asked: '£200' } }] });
    const overMaximum = await recordDecision(store, reference, { outcome: 'funded', amount: '150', signpostedTo: '', letter }, { maximumAward: 100 }, { account: officer });
    expect(overMaximum).toMatchObject({ ok: false, errors: [{ problem: 'amount-over-maximum' }] });
    expect(await findDecision(store, id)).toBeUndefined();
    expect((await findApplication(store, reference, { accountId: officer.id, everyRound: true }))?.status).toBe('panel');
    expect((await outboxEntries(store, id)).filter((entry) => entry.purpose !== 'applicant-confirmation' && entry.purpose !== 'staff-alert')).toEqual([]);
  });

  it('signposts an ineligible application before assessment, and closes scoring once decided', async () => {
    const { id, reference } = await submit(store, application('Elsewhere Club'));
    expect(await recordDecision(store, reference, { outcome: 'funded', amount: '100', signpostedTo: '', letter }, fund, { account: officer })).toMatchObject({ ok: false, errors: [{ problem: 'outcome-not-allowed' }] });
    expect(await recordDecision(store, reference, { outcome: 'signposted', amount: '', signpostedTo: 'Citizens Advice', letter: 'Try them.' }, fund, { account: officer })).toMatchObject({ ok: true });
    expect(await findDecision(store, id)).toMatchObject({ outcome: 'signposted', signpostedTo: 'Citizens Advice', amountAwarded: null });
    expect((await findApplication(store, reference, { accountId: officer.id, everyRound: true }))?.status).toBe('signposted');
    const decided = await toPanel('Declined Club');
    await recordDecision(store, decided.reference, { outcome: 'declined', amount: '', signpostedTo: '', letter: 'Sorry.' }, fund, { account: officer });
    expect(await saveScores(store, decided.reference, panelA, [{ criterion: 'Open to others', score: 1, comment: 'late' }])).toEqual({ ok: false, problem: 'not-open' });
  });

  it('invites an outline to apply in full: a draft filled from the outline, its private link in the letter', async () => {
    const receipt = await submit(store, {
      ...application('Outline Club'),
      fundId: 'cambridgeshire-communities-innovation-fund',
      answers: {
        stage: 'outline',
        'your-group': { groupName: 'Outline Club', organisationType: 'community-group', bankAccount: 'yes' },
        contact: { contactName: 'Alex Example', contactEmail: 'alex@example.org', contactPhone: '01632 960001' },
        outline: { projectTitle: 'Repair cafe', outlineSummary: 'Mending together.', amount: 4000 },
        'where-and-who': { areas: ['march'], audiences: [], peopleReached: 60 },
      },
    });
    for (const to of ['eligibility-checked', 'assessed', 'panel'] as const) await changeApplicationStatus(store, receipt.reference, { to }, { account: officer });
    const invited = await recordDecision(store, receipt.reference, { outcome: 'invited', amount: '', signpostedTo: '', letter: 'Dear Outline Club, please apply in full.' }, { maximumAward: 10_000, stages: 2 }, { account: officer });
    expect(invited).toMatchObject({ ok: true, invitationPath: expect.stringMatching(/^\/funds\/cambridgeshire-communities-innovation-fund\/apply\/resume\/[\w-]{40,}\/$/) });
    const token = (invited as { invitationPath: string }).invitationPath.split('/').at(-2)!;
    expect((await resumeDraft(store, token))?.answers).toEqual({
      stage: 'full',
      invitedFrom: receipt.reference,
      sections: {
        'your-group': { groupName: 'Outline Club', organisationType: 'community-group', bankAccount: 'yes' },
        contact: { contactName: 'Alex Example', contactEmail: 'alex@example.org', contactPhone: '01632 960001' },
        project: { projectTitle: 'Repair cafe', projectSummary: 'Mending together.', amount: '4000' },
        'where-and-who': { areas: ['march'], audiences: [], peopleReached: '60' },
      },
    });
    const [letterEmail] = (await outboxEntries(store, receipt.id)).filter((entry) => entry.purpose === 'decision-letter');
    expect(letterEmail!.text).toMatch(/^Dear Outline Club, please apply in full\.\n\nTo send your full application, use this private link/);
    expect(letterEmail!.text).toContain(`/apply/resume/${token}/`);
  });

  it('lets only one of two officers deciding at once record the decision', async () => {
    const { id, reference } = await toPanel('Raced Club');
    const results = await Promise.all([
      recordDecision(store, reference, { outcome: 'declined', amount: '', signpostedTo: '', letter: 'No.' }, fund, { account: officer }),
      recordDecision(store, reference, { outcome: 'signposted', amount: '', signpostedTo: 'Citizens Advice', letter: 'Try them.' }, fund, { account: officer }),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toMatchObject([{ problem: 'decided-already' }]);
    expect((await auditTrail(store, 'submission', id)).filter((entry) => entry.action === 'application.decision')).toHaveLength(1);
  });
});
