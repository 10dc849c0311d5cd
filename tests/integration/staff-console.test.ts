import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAttachment } from '../../src/forms/file-type';
import { hashPassword } from '../../src/staff/passwords';
import { signIn } from '../../src/staff/sign-in';
import type { Store } from '../../src/store';
import { addAccount, auditTrail, resumeSession, type Actor, type StaffAccount } from '../../src/store/staff';
import { assignPanelRound, disableAccount } from '../../src/store/staff-accounts';
import { markDocumentKind } from '../../src/store/panel';
import { applicationFacets, changeApplicationStatus, findApplication, findApplicationAttachment, listApplications, type Viewer } from '../../src/store/staff-applications';
import { newIdempotencyKey, submit } from '../../src/store/submissions';
import { testDatabases } from '../support/databases';
import { demoFunds } from '../support/funds';
import { samplePdf } from '../support/sample-files';

const commandLine: Actor = { commandLine: true };
const cheap = { N: 1024, r: 8, p: 1 };
const password = 'the right password';
const minute = 60_000;

function application(groupName: string, fundId: string, fundRound: string, areaId: string, projectTitle = 'Picnic kit', projectType = 'equipment') {
  return {
    idempotencyKey: newIdempotencyKey(),
    kind: 'application' as const,
    fundId,
    fundRound,
    areaId,
    answers: { stage: 'full', 'your-group': { groupName }, contact: { contactEmail: 'alex@example.org' }, project: { projectTitle, projectType, amount: 200 }, 'where-and-who': { areas: [areaId] } },
  };
}

describe.each(testDatabases)('the staff console on $name', ({ skip, open }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  let store: Store;
  let officer: StaffAccount;
  let panel: StaffAccount;
  let references: { walkers: string; choir: string; innovation: string };
  let officerView: Viewer;
  let panelView: Viewer;
  beforeAll(async () => {
    store = await open();
    officer = await addAccount(store, { email: 'officer@example.org', role: 'officer', passwordHash: await hashPassword(password, cheap) }, commandLine);
    panel = await addAccount(store, { email: 'panel@example.org', role: 'panel', passwordHash: await hashPassword(password, cheap) }, commandLine);
    await assignPanelRound(store, panel.email, { fundId: 'small-sparks', round: 'rolling' }, demoFunds, commandLine);
    const pdf = checkAttachment('constitution.pdf', samplePdf());
    if (!pdf.ok) throw new Error('sample PDF refused');
    references = {
      walkers: (await submit(store, { ...application('Wisbech Walkers', 'small-sparks', 'rolling', 'wisbech'), attachments: [pdf.attachment] }, new Date('2026-03-31T23:30:00Z'))).reference,
      choir: (await submit(store, application('Chatteris 100% Choir', 'small-sparks', 'rolling', 'chatteris', 'New music', 'new-activity'), new Date('2026-04-02T10:00:00Z'))).reference,
      innovation: (await submit(store, application('March Makers', 'innovation', '2026-01-01', 'march'), new Date('2026-04-03T10:00:00Z'))).reference,
    };
    await submit(store, { idempotencyKey: newIdempotencyKey(), kind: 'enquiry', answers: { question: 'Not an application' } });
    officerView = { accountId: officer.id, everyRound: true };
    panelView = { accountId: panel.id, everyRound: false };
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  const referencesOf = async (filters: Parameters<typeof listApplications>[1], viewer = officerView) =>
    (await listApplications(store, filters, viewer)).applications.map((found) => found.reference);

  it('lists every application, newest first, and nothing that is not an application', async () => {
    const { applications, total } = await listApplications(store, {}, officerView);
    expect(total).toBe(3);
    expect(applications.map((found) => found.reference)).toEqual([references.innovation, references.choir, references.walkers]);
    expect(applications[2]).toMatchObject({ groupName: 'Wisbech Walkers', projectTitle: 'Picnic kit', amount: 200, status: 'received', fundId: 'small-sparks', areaId: 'wisbech' });
  });

  it('filters by fund, round, area, project type and status', async () => {
    expect(await referencesOf({ fund: 'innovation' })).toEqual([references.innovation]);
    expect(await referencesOf({ projectType: 'new-activity' })).toEqual([references.choir]);
    expect(await referencesOf({ projectType: 'equipment', area: 'wisbech' })).toEqual([references.walkers]);
    expect((await applicationFacets(store, officerView)).projectTypes).toEqual(['equipment', 'new-activity']);
    expect(await referencesOf({ round: 'rolling', area: 'chatteris' })).toEqual([references.choir]);
    expect(await referencesOf({ status: 'funded' })).toEqual([]);
  });

  it('filters by the day received in UK time', async () => {
    // 23:30 UTC on 31 March is 00:30 on 1 April in British Summer Time.
    expect(await referencesOf({ from: '2026-04-01', to: '2026-04-01' })).toEqual([references.walkers]);
    expect(await referencesOf({ to: '2026-03-31' })).toEqual([]);
  });

  it('searches references, group names and project titles, taking % literally', async () => {
    expect(await referencesOf({ search: 'walkers' })).toEqual([references.walkers]);
    expect(await referencesOf({ search: 'new MUSIC' })).toEqual([references.choir]);
    expect(await referencesOf({ search: references.innovation.toLowerCase() })).toEqual([references.innovation]);
    expect(await referencesOf({ search: '100%' })).toEqual([references.choir]);
    expect(await referencesOf({ search: '%' })).toEqual([references.choir]);
  });

  it('shows a panel member only the rounds assigned to them, once with the panel, their general files included', async () => {
    expect(await referencesOf({}, panelView)).toEqual([]);
    for (const reference of [references.walkers, references.choir, references.innovation]) {
      for (const to of ['eligibility-checked', 'assessed', 'panel'] as const) await changeApplicationStatus(store, reference, { to }, { account: officer });
    }
    expect(await referencesOf({}, panelView)).toEqual([references.choir, references.walkers]);
    expect((await applicationFacets(store, panelView)).funds).toEqual(['small-sparks']);
    expect(await findApplication(store, references.innovation, panelView)).toBeUndefined();
    // Sent without saying which document it is: an officer says it is a general one, and the panel sees it.
    const constitution = (await findApplication(store, references.walkers, officerView))!.attachments[0]!;
    expect((await findApplication(store, references.walkers, panelView))?.attachments).toEqual([]);
    await markDocumentKind(store, constitution.id, 'general', { account: officer });
    const walkers = await findApplication(store, references.walkers, panelView);
    expect(walkers?.attachments.map((file) => file.fileName)).toEqual(['constitution.pdf']);
    expect((await findApplicationAttachment(store, walkers!.attachments[0]!.id, panelView))?.fileType).toBe('pdf');
    const stranger = { accountId: officer.id, everyRound: false };
    expect(await findApplicationAttachment(store, walkers!.attachments[0]!.id, stranger)).toBeUndefined();
    expect(await findApplicationAttachment(store, 'not-a-uuid', officerView)).toBeUndefined();
  });

  it('signs in with the right password and starts a session', async () => {
    const result = await signIn(store, { email: 'Officer@Example.org', password, clientAddress: '192.0.2.1' });
    expect(result.ok).toBe(true);
    if (result.ok) expect((await resumeSession(store, result.token))?.account.email).toBe('officer@example.org');
  });

  it('refuses a wrong password, an unknown account and a disabled one alike', async () => {
    expect(await signIn(store, { email: 'officer@example.org', password: 'not it at all', clientAddress: '192.0.2.2' })).toEqual({ ok: false, reason: 'wrong' });
    expect(await signIn(store, { email: 'nobody@example.org', password, clientAddress: '192.0.2.2' })).toEqual({ ok: false, reason: 'wrong' });
    const leaver = await addAccount(store, { email: 'leaver@example.org', role: 'officer', passwordHash: await hashPassword(password, cheap) }, commandLine);
    expect((await signIn(store, { email: leaver.email, password, clientAddress: '192.0.2.3' })).ok).toBe(true);
    await disableAccount(store, leaver.email, commandLine);
    expect(await signIn(store, { email: leaver.email, password, clientAddress: '192.0.2.3' })).toEqual({ ok: false, reason: 'wrong' });
  });

  it('refuses the sixth attempt after five wrong passwords, even the right one, for 15 minutes', async () => {
    const start = new Date('2026-11-24T10:00:00Z');
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(await signIn(store, { email: panel.email, password: 'wrong', clientAddress: '198.51.100.7' }, new Date(start.getTime() + attempt * minute))).toMatchObject({ reason: 'wrong' });
    }
    const sixth = await signIn(store, { email: panel.email, password, clientAddress: '198.51.100.8' }, new Date(start.getTime() + 5 * minute));
    expect(sixth).toEqual({ ok: false, reason: 'throttled', until: new Date(start.getTime() + 15 * minute) });
    expect((await signIn(store, { email: panel.email, password, clientAddress: '198.51.100.8' }, new Date(start.getTime() + 15 * minute))).ok).toBe(true);
  });

  it('refuses a client that has guessed wrong 20 times, whichever accounts it tried', async () => {
    const start = new Date('2026-11-25T10:00:00Z');
    // Five wrong passwords for each of four accounts: no account over its own limit before the twentieth.
    for (let account = 0; account < 4; account++) {
      const email = `guessed${account}@example.org`;
      await addAccount(store, { email, role: 'panel', passwordHash: await hashPassword(password, cheap) }, commandLine);
      for (let attempt = 0; attempt < 5; attempt++) {
        expect(await signIn(store, { email, password: 'wrong', clientAddress: '203.0.113.9' }, new Date(start.getTime() + (account * 5 + attempt) * 1000))).toMatchObject({ reason: 'wrong' });
      }
    }
    expect(await signIn(store, { email: officer.email, password, clientAddress: '203.0.113.9' }, new Date(start.getTime() + 30_000))).toMatchObject({ ok: false, reason: 'throttled' });
    expect((await signIn(store, { email: officer.email, password, clientAddress: '203.0.113.10' }, new Date(start.getTime() + 30_000))).ok).toBe(true);
  });
});

describe.each(testDatabases)('moving an application through the workflow on $name', ({ skip, open }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  let store: Store;
  let officer: StaffAccount;
  beforeAll(async () => {
    store = await open();
    officer = await addAccount(store, { email: 'officer@example.org', role: 'officer', passwordHash: 'x' }, commandLine);
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  it('moves one step at a time, logging who moved it, from what and to what', async () => {
    const { id, reference } = await submit(store, application('Wisbech Walkers', 'small-sparks', 'rolling', 'wisbech'));
    const actor = { account: officer };
    expect(await changeApplicationStatus(store, reference, { to: 'eligibility-checked' }, actor, new Date('2026-11-24T10:00:00Z'))).toEqual({ ok: true, status: 'eligibility-checked' });
    expect(await changeApplicationStatus(store, reference, { to: 'assessed' }, actor, new Date('2026-11-24T11:00:00Z'))).toEqual({ ok: true, status: 'assessed' });
    expect((await findApplication(store, reference, { accountId: officer.id, everyRound: true }))?.status).toBe('assessed');
    const trail = await auditTrail(store, 'submission', id);
    expect(trail).toMatchObject([
      { actor: 'officer@example.org', action: 'application.status', before: { status: 'received' }, after: { status: 'eligibility-checked' }, at: new Date('2026-11-24T10:00:00Z') },
      { actor: 'officer@example.org', action: 'application.status', before: { status: 'eligibility-checked' }, after: { status: 'assessed' } },
    ]);
  });

  it('refuses an illegal move and changes nothing', async () => {
    const { id, reference } = await submit(store, application('March Makers', 'small-sparks', 'rolling', 'march'));
    expect(await changeApplicationStatus(store, reference, { to: 'funded' }, { account: officer })).toEqual({ ok: false, problem: 'not-allowed' });
    expect((await findApplication(store, reference, { accountId: officer.id, everyRound: true }))?.status).toBe('received');
    expect(await auditTrail(store, 'submission', id)).toEqual([]);
    expect(await changeApplicationStatus(store, 'NOSUCHREF', { to: 'assessed' }, { account: officer })).toEqual({ ok: false, problem: 'not-found' });
    // A decision is never a plain move: it needs its decision row (recordDecision).
    expect(await changeApplicationStatus(store, reference, { to: 'declined' }, { account: officer })).toEqual({ ok: false, problem: 'decision-needed' });
    expect((await findApplication(store, reference, { accountId: officer.id, everyRound: true }))?.status).toBe('received');
  });
});

describe.each(testDatabases)('a panel member on one round of a fund with two, on $name', ({ skip, open }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  let store: Store;
  let viewer: Viewer;
  let rounds: { theirs: string; earlier: string; earlierDocument: string };
  beforeAll(async () => {
    store = await open();
    // Active Together's round of 2027, and the round a year before it, each with an application and a document.
    const panel = await addAccount(store, { email: 'round-panel@example.org', role: 'panel', passwordHash: await hashPassword(password, cheap) }, commandLine);
    await assignPanelRound(store, panel.email, { fundId: 'active-together', round: '2027-01-11' }, demoFunds, commandLine);
    const pdf = checkAttachment('accounts.pdf', samplePdf());
    if (!pdf.ok) throw new Error('sample PDF refused');
    const theirs = await submit(store, { ...application('Elm Runners', 'active-together', '2027-01-11', 'elm'), attachments: [pdf.attachment] });
    const earlier = await submit(store, { ...application('Coates Cyclists', 'active-together', '2026-01-12', 'coates'), attachments: [pdf.attachment] });
    const officerView: Viewer = { accountId: panel.id, everyRound: true };
    // Both with the panel, and their documents general: only the round keeps the earlier one from this member.
    for (const sent of [theirs, earlier]) {
      for (const to of ['eligibility-checked', 'assessed', 'panel'] as const) await changeApplicationStatus(store, sent.reference, { to }, commandLine);
      await markDocumentKind(store, (await findApplication(store, sent.reference, officerView))!.attachments[0]!.id, 'general', commandLine);
    }
    const earlierDocument = (await findApplication(store, earlier.reference, officerView))!.attachments[0]!.id;
    rounds = { theirs: theirs.reference, earlier: earlier.reference, earlierDocument };
    viewer = { accountId: panel.id, everyRound: false };
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  it('lists only the application in their round, and its document opens for them', async () => {
    expect((await listApplications(store, {}, viewer)).applications.map((found) => found.reference)).toEqual([rounds.theirs]);
    expect((await applicationFacets(store, viewer)).rounds).toEqual(['2027-01-11']);
    const theirs = await findApplication(store, rounds.theirs, viewer);
    expect((await findApplicationAttachment(store, theirs!.attachments[0]!.id, viewer))?.fileName).toBe('accounts.pdf');
  });

  it('gets neither the page nor the document of the same fund’s other round', async () => {
    expect(await findApplication(store, rounds.earlier, viewer)).toBeUndefined();
    expect(await findApplicationAttachment(store, rounds.earlierDocument, viewer)).toBeUndefined();
  });
});
