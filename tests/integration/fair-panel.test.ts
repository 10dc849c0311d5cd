/**
 * A fair panel and the decision rules in the store, on PGlite and PostgreSQL: what a panel member may see
 * (not a received application, not its bank statement, by list, reference or attachment id; nothing after
 * declaring a conflict), scoring only after declaring, scores in the list and ranked, "invite to apply in
 * full" only for an outline to a two-stage fund, the outline and full application linked both ways, and one
 * decision recorded for several applications, each with its own audit entry and letter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAttachment } from '../../src/forms/file-type';
import { currentTime } from '../../src/rules/clock';
import type { Store } from '../../src/store';
import { recordDecision, recordDecisions, saveScores } from '../../src/store/decisions';
import { attachToDraft, saveDraft } from '../../src/store/drafts';
import { outboxEntries } from '../../src/store/outbox';
import { documentKindFor } from '../../src/staff/panel';
import { declarationsOn, declareInterest, markDocumentKind } from '../../src/store/panel';
import { addAccount, auditTrail, type Actor, type StaffAccount } from '../../src/store/staff';
import { assignPanelRound } from '../../src/store/staff-accounts';
import { changeApplicationStatus, findApplication, findApplicationAttachment, linkedApplications, listApplications, type Viewer } from '../../src/store/staff-applications';
import { newIdempotencyKey, submit } from '../../src/store/submissions';
import { testDatabases } from '../support/databases';
import { demoFunds } from '../support/funds';
import { samplePdf } from '../support/sample-files';

const commandLine: Actor = { commandLine: true };
const smallSparks = { maximumAward: 500, name: 'Small Sparks', stages: 1 as const };
const innovation = { maximumAward: 25_000, name: 'Innovation Fund', stages: 2 as const };
const fundDocuments = { documents: ['Your constitution', 'Your latest bank statement'], financialDocuments: ['Your latest bank statement'] };

function application(groupName: string, options: { fundId?: string; fundRound?: string; stage?: 'outline' | 'full'; amount?: number; invitedFrom?: string } = {}) {
  const { fundId = 'small-sparks', fundRound = 'rolling', stage = 'full', amount = 200, invitedFrom } = options;
  const section = stage === 'outline' ? 'outline' : 'project';
  return {
    idempotencyKey: newIdempotencyKey(),
    kind: 'application' as const,
    fundId,
    fundRound,
    areaId: 'march',
    answers: { stage, ...(invitedFrom ? { invitedFrom } : {}), 'your-group': { groupName }, contact: { contactEmail: `${groupName.split(' ')[0]!.toLowerCase()}@example.org` }, [section]: { projectTitle: `${groupName} project`, amount } },
  };
}

describe.each(testDatabases)('a fair panel on $name', ({ skip, open }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  let store: Store;
  let officer: StaffAccount;
  let ann: StaffAccount;
  let ben: StaffAccount;
  let officerView: Viewer;
  let annView: Viewer;
  let benView: Viewer;
  beforeAll(async () => {
    store = await open();
    officer = await addAccount(store, { email: 'officer@example.org', role: 'officer', passwordHash: 'x' }, commandLine);
    ann = await addAccount(store, { email: 'ann@example.org', role: 'panel', passwordHash: 'x' }, commandLine);
    ben = await addAccount(store, { email: 'ben@example.org', role: 'panel', passwordHash: 'x' }, commandLine);
    for (const member of [ann, ben]) await assignPanelRound(store, member.email, { fundId: 'small-sparks', round: 'rolling' }, demoFunds, commandLine);
    officerView = { accountId: officer.id, everyRound: true };
    annView = { accountId: ann.id, everyRound: false };
    benView = { accountId: ben.id, everyRound: false };
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  async function toPanel(reference: string) {
    for (const to of ['eligibility-checked', 'assessed', 'panel'] as const) {
      expect(await changeApplicationStatus(store, reference, { to }, { account: officer })).toMatchObject({ ok: true });
    }
  }

  /** An application sent through the form with a constitution and a bank statement, each marked as the applicant chose it. */
  async function withDocuments(groupName: string) {
    const { token } = await saveDraft(store, { kind: 'application', fundId: 'small-sparks', answers: {} });
    for (const [fileName, document] of [['constitution.pdf', 'Your constitution'], ['bank-statement.pdf', 'Your latest bank statement']] as const) {
      // Each file different, as the same file is kept once a draft.
      const checked = checkAttachment(fileName, new TextEncoder().encode(`%PDF-1.7\n% ${fileName}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`));
      if (!checked.ok) throw new Error('sample PDF refused');
      await attachToDraft(store, token, checked.attachment, new Date(), document, documentKindFor(document, fundDocuments));
    }
    const receipt = await submit(store, { ...application(groupName), draftToken: token });
    const files = (await findApplication(store, receipt.reference, officerView))!.attachments;
    return { ...receipt, constitution: files.find((file) => file.fileName === 'constitution.pdf')!, statement: files.find((file) => file.fileName === 'bank-statement.pdf')! };
  }

  it('keeps a received application and its files from the panel, by list, reference and attachment id, until it is with the panel', async () => {
    const sent = await withDocuments('Received Ramblers');
    expect(sent.constitution.kind).toBe('general');
    expect(sent.statement.kind).toBe('financial');
    expect((await listApplications(store, { search: 'Received Ramblers' }, annView)).applications).toEqual([]);
    expect(await findApplication(store, sent.reference, annView)).toBeUndefined();
    expect(await findApplicationAttachment(store, sent.constitution.id, annView)).toBeUndefined();
    expect(await findApplicationAttachment(store, sent.statement.id, annView)).toBeUndefined();

    await toPanel(sent.reference);
    expect((await listApplications(store, { search: 'Received Ramblers' }, annView)).applications.map((found) => found.reference)).toEqual([sent.reference]);
    // With the panel: the constitution, never the bank statement, unless the fund's content lets the panel see financial documents.
    expect((await findApplication(store, sent.reference, annView))!.attachments.map((file) => file.fileName)).toEqual(['constitution.pdf']);
    expect((await findApplicationAttachment(store, sent.constitution.id, annView))?.fileName).toBe('constitution.pdf');
    expect(await findApplicationAttachment(store, sent.statement.id, annView)).toBeUndefined();
    expect((await findApplicationAttachment(store, sent.statement.id, officerView))?.fileName).toBe('bank-statement.pdf');
    const fundSaysSo = { ...annView, fundsShowingFinancial: ['small-sparks'] };
    expect((await findApplicationAttachment(store, sent.statement.id, fundSaysSo))?.fileName).toBe('bank-statement.pdf');

    // Still theirs after the decision, as the record of what they scored.
    await saveScoresAfterDeclaring(sent.reference, sent.id, ann, 3);
    expect((await recordDecision(store, sent.reference, { outcome: 'declined', amount: '', signpostedTo: '', letter: 'Sorry.' }, smallSparks, { account: officer })).ok).toBe(true);
    expect(await findApplication(store, sent.reference, annView)).toBeDefined();
  });

  it('hides a file nobody has said the kind of from the panel until an officer marks it, and logs the marking', async () => {
    const pdf = checkAttachment('photo-of-hall.pdf', samplePdf());
    if (!pdf.ok) throw new Error('sample PDF refused');
    const sent = await submit(store, { ...application('Unmarked Uploaders'), attachments: [pdf.attachment] });
    await toPanel(sent.reference);
    const [file] = (await findApplication(store, sent.reference, officerView))!.attachments;
    expect(file!.kind).toBeNull();
    expect(await findApplicationAttachment(store, file!.id, annView)).toBeUndefined();
    expect(await markDocumentKind(store, file!.id, 'general', { account: officer })).toEqual({ ok: true });
    expect((await findApplicationAttachment(store, file!.id, annView))?.fileName).toBe('photo-of-hall.pdf');
    expect((await auditTrail(store, 'submission', sent.id)).filter((entry) => entry.action === 'attachment.kind')).toMatchObject([
      { actor: 'officer@example.org', before: { file: 'photo-of-hall.pdf', kind: null }, after: { file: 'photo-of-hall.pdf', kind: 'general' } },
    ]);
  });

  async function saveScoresAfterDeclaring(reference: string, id: string, member: StaffAccount, score: number) {
    expect(await saveScores(store, reference, member, [{ criterion: 'Need', score, comment: 'Clear need' }])).toEqual({ ok: false, problem: 'declare-first' });
    expect(await declareInterest(store, id, member, { conflict: false, note: '' })).toEqual({ ok: true });
    expect(await saveScores(store, reference, member, [{ criterion: 'Need', score, comment: 'Clear need' }])).toEqual({ ok: true });
  }

  it('scores only after a declaration, and a declared conflict takes the member off the application, with the declaration logged and shown to officers', async () => {
    const sent = await withDocuments('Conflicted Cooks');
    await toPanel(sent.reference);
    await saveScoresAfterDeclaring(sent.reference, sent.id, ann, 4);
    await saveScoresAfterDeclaring(sent.reference, sent.id, ben, 2);

    // Ben finds his sister chairs the group: his scores go, and the application with them.
    expect(await declareInterest(store, sent.id, ben, { conflict: true, note: 'My sister chairs the group' })).toEqual({ ok: true });
    expect((await listApplications(store, { search: 'Conflicted Cooks' }, benView)).applications).toEqual([]);
    expect(await findApplication(store, sent.reference, benView)).toBeUndefined();
    expect(await findApplicationAttachment(store, sent.constitution.id, benView)).toBeUndefined();
    expect(await saveScores(store, sent.reference, ben, [{ criterion: 'Need', score: 5, comment: 'x' }])).toEqual({ ok: false, problem: 'not-found' });
    expect(await declareInterest(store, sent.id, ben, { conflict: false, note: '' })).toEqual({ ok: false, problem: 'conflict-already' });
    // Ann is not affected.
    expect(await findApplication(store, sent.reference, annView)).toBeDefined();

    expect((await declarationsOn(store, sent.id)).map(({ member, conflict, note }) => ({ member, conflict, note }))).toEqual([
      { member: 'ben@example.org', conflict: true, note: 'My sister chairs the group' },
      { member: 'ann@example.org', conflict: false, note: '' },
    ]);
    const trail = (await auditTrail(store, 'submission', sent.id)).filter((entry) => entry.action.includes('conflict'));
    expect(trail).toMatchObject([
      { action: 'application.no-conflict', actor: 'ann@example.org' },
      { action: 'application.no-conflict', actor: 'ben@example.org' },
      { action: 'application.conflict', actor: 'ben@example.org', before: { conflict: false }, after: { conflict: true, note: 'My sister chairs the group', scoresWithdrawn: 1 } },
    ]);
    const [listed] = (await listApplications(store, { search: 'Conflicted Cooks', withScores: true }, officerView)).applications;
    expect(listed).toMatchObject({ scoredBy: 1, averageTotal: 4 });
  });

  it('shows officers each application’s panel score and ranks by it, unscored last', async () => {
    // A minute apart, so "newest first" below does not rest on two arriving in the same millisecond.
    const arrived = (minutes: number) => new Date(currentTime().getTime() + minutes * 60_000);
    const high = await submit(store, application('Ranked High'), arrived(-3));
    const low = await submit(store, application('Ranked Low'), arrived(-2));
    const none = await submit(store, application('Ranked None'), arrived(-1));
    for (const sent of [high, low, none]) await toPanel(sent.reference);
    await saveScoresAfterDeclaring(high.reference, high.id, ann, 5);
    await declareInterest(store, high.id, ben, { conflict: false, note: '' });
    await saveScores(store, high.reference, ben, [{ criterion: 'Need', score: 4, comment: 'Good' }]);
    await saveScoresAfterDeclaring(low.reference, low.id, ann, 1);
    const ranked = (await listApplications(store, { search: 'Ranked', order: 'score', withScores: true }, officerView)).applications;
    expect(ranked.map(({ groupName, scoredBy, averageTotal }) => ({ groupName, scoredBy, averageTotal }))).toEqual([
      { groupName: 'Ranked High', scoredBy: 2, averageTotal: 4.5 },
      { groupName: 'Ranked Low', scoredBy: 1, averageTotal: 1 },
      { groupName: 'Ranked None', scoredBy: 0, averageTotal: null },
    ]);
    // Newest first, as before, unless asked; the scores still shown.
    expect((await listApplications(store, { search: 'Ranked', withScores: true }, officerView)).applications.map(({ groupName, averageTotal }) => [groupName, averageTotal])).toEqual([['Ranked None', null], ['Ranked Low', 1], ['Ranked High', 4.5]]);
    // Not asked for (a panel member's list): none looked up.
    expect((await listApplications(store, { search: 'Ranked' }, annView)).applications.map(({ scoredBy, averageTotal }) => [scoredBy, averageTotal])).toEqual([[0, null], [0, null], [0, null]]);
  });

  it('refuses "invited to apply in full" on a single-stage fund and on a full application, and links an invited outline with its full application both ways', async () => {
    const invite = { outcome: 'invited', amount: '', signpostedTo: '', letter: 'Please apply in full.' };
    const single = await submit(store, application('Single Stagers'));
    await toPanel(single.reference);
    expect(await recordDecision(store, single.reference, invite, smallSparks, { account: officer })).toEqual({ ok: false, problem: 'invalid', errors: [{ field: 'outcome', problem: 'invite-not-two-stage' }] });

    const fullOne = await submit(store, application('Full Already', { fundId: 'cambridgeshire-communities-innovation-fund', fundRound: '2026-09-01' }));
    await toPanel(fullOne.reference);
    expect(await recordDecision(store, fullOne.reference, invite, innovation, { account: officer })).toEqual({ ok: false, problem: 'invalid', errors: [{ field: 'outcome', problem: 'invite-not-outline' }] });
    expect((await findApplication(store, fullOne.reference, officerView))?.status).toBe('panel');

    const outline = await submit(store, application('Outline Owls', { fundId: 'cambridgeshire-communities-innovation-fund', fundRound: '2026-09-01', stage: 'outline', amount: 12_000 }));
    await toPanel(outline.reference);
    const invited = await recordDecision(store, outline.reference, invite, innovation, { account: officer });
    expect(invited).toMatchObject({ ok: true, invitationPath: expect.stringMatching(/^\/funds\/cambridgeshire-communities-innovation-fund\/apply\/resume\//) });
    const full = await submit(store, application('Outline Owls', { fundId: 'cambridgeshire-communities-innovation-fund', fundRound: '2026-09-01', invitedFrom: outline.reference }));
    const outlineFound = (await findApplication(store, outline.reference, officerView))!;
    const fullFound = (await findApplication(store, full.reference, officerView))!;
    expect(await linkedApplications(store, outlineFound)).toEqual({ full: full.reference });
    expect(await linkedApplications(store, fullFound)).toEqual({ outline: outline.reference });
  });

  it('records one decision for several applications, each with its own audit entry and letter, and says why one was refused', async () => {
    const sent = await Promise.all(['Bulk Anglers', 'Bulk Bakers', 'Bulk Carvers'].map((name, index) => submit(store, application(name, { amount: index === 2 ? 100 : 300 }))));
    for (const one of sent) await toPanel(one.reference);
    const results = await recordDecisions(
      store,
      sent.map((one) => ({ reference: one.reference, fund: smallSparks })),
      { outcome: 'funded', amount: '250', signpostedTo: '', letter: 'Dear group, we are funding your project.' },
      { account: officer },
    );
    expect(results.map(({ reference, result }) => ({ reference, ok: result.ok }))).toEqual([
      { reference: sent[0]!.reference, ok: true },
      { reference: sent[1]!.reference, ok: true },
      { reference: sent[2]!.reference, ok: false },
    ]);
    expect(results[2]!.result).toEqual({ ok: false, problem: 'invalid', errors: [{ field: 'amount', problem: 'amount-over-asked', values: { asked: '£100' } }] });
    for (const one of sent.slice(0, 2)) {
      expect((await auditTrail(store, 'submission', one.id)).filter((entry) => entry.action === 'application.decision')).toMatchObject([{ after: { status: 'funded', amountAwarded: 250 } }]);
      // Each its own letter, with its own offer link after the text typed once for all.
      const letters = (await outboxEntries(store, one.id)).filter((entry) => entry.purpose === 'decision-letter');
      expect(letters).toHaveLength(1);
      expect(letters[0]!.text).toMatch(/^Dear group, we are funding your project\.\n\n[^]*\/offer\/[\w-]{20,}\//);
    }
    expect((await findApplication(store, sent[2]!.reference, officerView))?.status).toBe('panel');
    expect((await outboxEntries(store, sent[2]!.id)).filter((entry) => entry.purpose === 'decision-letter')).toEqual([]);
  });
});
