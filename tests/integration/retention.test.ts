import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAttachment } from '../../src/forms/file-type';
import { kpiReport, reportWindow, type Period } from '../../src/staff/kpi';
import type { Store } from '../../src/store';
import { purgeExpired } from '../../src/store';
import { saveDraft } from '../../src/store/drafts';
import { receiveFeedback, requestFeedback } from '../../src/store/feedback';
import { enqueueMessages, outboxEntries } from '../../src/store/outbox';
import { loadAwardedGrants, loadKpiData } from '../../src/store/reports';
import { saveScores } from '../../src/store/decisions';
import { declareInterest } from '../../src/store/panel';
import { changeModerationStatus } from '../../src/store/moderation';
import { keptAnswers, monthsBefore, purgeRetainedPersonalData } from '../../src/store/retention';
import { addAccount, recordChange } from '../../src/store/staff';
import { assignPanelRound } from '../../src/store/staff-accounts';
import { changeApplicationStatus } from '../../src/store/staff-applications';
import { findSubmission, newIdempotencyKey, submit } from '../../src/store/submissions';
import { testDatabases } from '../support/databases';
import { demoFunds } from '../support/funds';
import { samplePdf, sampleJpeg } from '../support/sample-files';

const at = (iso: string) => new Date(iso);
const settings = { retentionMonths: 12, draftDays: 30 };

function application(groupName: string, areaId: string, projectTitle: string) {
  return {
    idempotencyKey: newIdempotencyKey(),
    kind: 'application' as const,
    fundId: 'small-sparks',
    fundRound: 'rolling',
    areaId,
    answers: {
      stage: 'full',
      'your-group': { groupName, organisationType: 'community-group' },
      contact: { contactName: 'Alex Example', contactEmail: 'alex@example.org', contactPhone: '01632 960001' },
      project: { projectTitle, projectType: 'equipment', projectSummary: `${projectTitle} for the village`, amount: 400, need: 'Sam told us they were lonely' },
      'where-and-who': { areas: [areaId], peopleReached: 50 },
      budget: { budget: [{ item: 'Kettle', cost: 40 }] },
      declarations: { declarations: ['true'], declarantName: 'Alex Example' },
    },
  };
}

describe('what retention keeps of an application', () => {
  it('is the answers the KPI report reads and the stage, nothing else', () => {
    expect(keptAnswers(application('Wisbech Walkers', 'wisbech', 'Picnic kit').answers)).toEqual({
      stage: 'full',
      project: { projectTitle: 'Picnic kit', projectType: 'equipment', projectSummary: 'Picnic kit for the village', amount: 400 },
      'where-and-who': { areas: ['wisbech'] },
    });
  });
  it('keeps the outline a full application came from, so its two-stage case still counts once', () => {
    const full = application('Whittlesey Timebank', 'whittlesey', 'Fen skills exchange').answers;
    expect(keptAnswers({ ...full, invitedFrom: 'OUTLINE1' })).toMatchObject({ stage: 'full', invitedFrom: 'OUTLINE1' });
  });
  it('is also the group a funded grant went to, as published in the 360Giving data', () => {
    expect(keptAnswers(application('Wisbech Walkers', 'wisbech', 'Picnic kit').answers, { funded: true })).toMatchObject({
      'your-group': { groupName: 'Wisbech Walkers', organisationType: 'community-group' },
    });
  });
  it('counts months on the calendar', () => {
    expect(monthsBefore(at('2027-03-31T12:00:00Z'), 12).toISOString()).toBe('2026-03-31T12:00:00.000Z');
  });
});

describe.each(testDatabases)('retention of personal data on $name', ({ skip, open }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  let store: Store;
  beforeAll(async () => {
    store = await open();
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  /** An application received, assessed and decided in spring 2026, with a file and its emails. */
  async function decided(groupName: string, areaId: string, outcome: 'funded' | 'declined', decidedAt: string) {
    const pdf = checkAttachment('constitution.pdf', samplePdf());
    if (!pdf.ok) throw new Error('sample PDF refused');
    const receipt = await submit(store, {
      ...application(groupName, areaId, `Kit for ${areaId}`),
      attachments: [pdf.attachment],
      notifications: () => [{ purpose: 'applicant-confirmation', to: 'alex@example.org', subject: 'Thanks', text: 'Dear Alex' }],
    }, at('2026-03-02T10:00:00Z'));
    await recordChange(store, { system: 'test' }, { action: 'application.status', subjectType: 'submission', subjectId: receipt.id, before: { status: 'eligibility-checked' }, after: { status: 'assessed' } }, at('2026-03-10T10:00:00Z'));
    await store.query(
      `INSERT INTO decisions (submission_id, outcome, amount_awarded, letter, decided_at) VALUES ($1, $2, $3, 'Dear Alex Example, ...', $4)`,
      [receipt.id, outcome, outcome === 'funded' ? 350 : null, at(decidedAt)],
    );
    await store.query('UPDATE submissions SET status = $2 WHERE id = $1', [receipt.id, outcome]);
    return receipt;
  }

  it('erases old applications down to what the KPIs need, and the KPI report for a past period is unchanged', async () => {
    const walkers = await decided('Wisbech Walkers', 'wisbech', 'funded', '2026-03-20T10:00:00Z');
    const choir = await decided('Chatteris Choir', 'chatteris', 'declined', '2026-03-25T10:00:00Z');
    // Decided within the last 12 months: kept whole.
    const recent = await decided('March Makers', 'march', 'funded', '2026-04-20T10:00:00Z');
    const { path } = await store.transaction((tx) => requestFeedback(tx, walkers, at('2026-03-20T10:00:00Z')));
    const photo = checkAttachment('picnic.jpg', sampleJpeg());
    if (!photo.ok) throw new Error('sample JPEG refused');
    await receiveFeedback(store, path.split('/')[2]!, { outputs: 'Picnics with Doris', peopleReached: 30, story: 'Doris, 84, came every week', shareStory: 'yes', photos: [{ file: photo.attachment, alt: 'Doris' }] }, at('2026-03-28T10:00:00Z'));
    await submit(store, { idempotencyKey: newIdempotencyKey(), kind: 'enquiry', answers: { name: 'Robin Example', email: 'robin@example.org', question: 'Can we apply?' } }, at('2026-03-05T10:00:00Z'));

    const march: Period = { kind: 'month', year: 2026, month: 3 };
    const quarter: Period = { kind: 'quarter', year: 2026, quarter: 2 };
    // The outputs' text is erased with the rest of the feedback (it may name people); every figure stays.
    const report = async (period: Period) => {
      const { outputs, ...figures } = kpiReport(period, { ...(await loadKpiData(store, reportWindow(period))), contacts: [] });
      return { ...figures, outputs: outputs.map(({ outputs: _text, ...kept }) => kept) };
    };
    const before = { march: await report(march), quarter: await report(quarter), grants: await loadAwardedGrants(store, new Map()) };
    expect(before.march).toMatchObject({ enquiries: 1, applications: 3, assessed: 3, fundedValue: 350, feedback: 1 });

    const purge = await purgeRetainedPersonalData(store, at('2027-04-01T00:00:00Z'), settings);
    // The moderation items are the enquiry and the story the walkers' feedback shared (with its copy of the photo).
    expect(purge).toMatchObject({ applications: 2, moderation: 2, submissions: 4, attachments: 4 });

    expect(await report(march)).toEqual(before.march);
    expect(await report(quarter)).toEqual(before.quarter);
    expect(await loadAwardedGrants(store, new Map())).toEqual(before.grants);

    const erased = await findSubmission(store, walkers.reference);
    expect(JSON.stringify(erased!.answers)).not.toMatch(/Alex|alex@example.org|01632|Sam told|Kettle/);
    expect(JSON.stringify((await findSubmission(store, choir.reference))!.answers)).not.toMatch(/Alex|Chatteris Choir/);
    expect(erased!.attachments).toEqual([]);
    expect(await outboxEntries(store, walkers.id)).toEqual([]);
    expect(await outboxEntries(store, choir.id)).toEqual([]);
    const [letter] = await store.query<{ letter: string }>('SELECT letter FROM decisions WHERE submission_id = $1', [walkers.id]);
    expect(letter!.letter).toBe('');
    const [feedback] = await store.query<{ answers: unknown }>('SELECT answers FROM feedback WHERE submission_id = $1', [walkers.id]);
    expect(feedback!.answers).toEqual({ peopleReached: 30 });
    const enquiry = await store.query<{ answers: unknown }>("SELECT answers FROM submissions WHERE kind = 'enquiry'");
    expect(enquiry.map((row) => row.answers)).toEqual([{}]);
    expect((await findSubmission(store, recent.reference))!.answers).toMatchObject({ contact: { contactEmail: 'alex@example.org' } });

    // The purge is in the audit log, as counts only; a second run finds nothing and logs nothing.
    const log = await store.query<{ actor: string; after: Record<string, unknown> }>("SELECT actor, after FROM audit_log WHERE action = 'retention.purge'");
    expect(log).toEqual([{ actor: 'retention schedule', after: expect.objectContaining({ submissions: 4, attachments: 4, retentionMonths: 12 }) }]);
    expect(JSON.stringify(log)).not.toContain('alex@example.org');
    expect(await purgeRetainedPersonalData(store, at('2027-04-02T00:00:00Z'), settings)).toMatchObject({ submissions: 0 });
    expect(await store.query("SELECT id FROM audit_log WHERE action = 'retention.purge'")).toHaveLength(1);
  });

  it('erases an application never decided 12 months after its last change, and a feedback link no longer opens once erased', async () => {
    const stalled = await submit(store, application('Doddington Dancers', 'doddington', 'Dance floor'), at('2026-05-02T10:00:00Z'));
    const funded = await decided('Manea Menders', 'manea', 'funded', '2026-05-03T10:00:00Z');
    const { path } = await store.transaction((tx) => requestFeedback(tx, funded, at('2026-05-03T10:00:00Z')));
    await purgeRetainedPersonalData(store, at('2027-05-04T00:00:00Z'), settings);
    expect(JSON.stringify((await findSubmission(store, stalled.reference))!.answers)).not.toMatch(/Alex|alex@example.org/);
    const late = await receiveFeedback(store, path.split('/')[2]!, { outputs: 'Mended 40 coats', peopleReached: 40, story: 'Kim, 9, mended her own coat', shareStory: 'yes', photos: [] }, at('2027-05-05T10:00:00Z'));
    expect(late).toEqual({ ok: false, problem: 'not-found' });
  });

  it('counts an undecided application\'s 12 months from its last change, not from when it arrived', async () => {
    // Received over 12 months before the purge, but moved on by an officer 7 months before it.
    const slow = await submit(store, application('Benwick Bowls', 'benwick', 'Bowls mats'), at('2025-11-03T10:00:00Z'));
    expect(await changeApplicationStatus(store, slow.reference, { to: 'eligibility-checked' }, { commandLine: true }, at('2026-06-01T10:00:00Z'))).toMatchObject({ ok: true });
    const kept = () => findSubmission(store, slow.reference).then((found) => JSON.stringify(found!.answers));
    await purgeRetainedPersonalData(store, at('2027-01-04T00:00:00Z'), settings);
    expect(await kept()).toContain('alex@example.org');
    await purgeRetainedPersonalData(store, at('2027-06-02T00:00:00Z'), settings);
    expect(await kept()).not.toMatch(/Alex|alex@example.org/);
  });

  it('erases what staff wrote about people too, the panel\'s comments and the moderation notes, and the audit log still says who did what and when', async () => {
    const commandLine = { commandLine: true } as const;
    const panel = await addAccount(store, { email: 'panel@example.org', role: 'panel', passwordHash: 'x' }, commandLine);
    await assignPanelRound(store, panel.email, { fundId: 'small-sparks', round: 'rolling' }, demoFunds, commandLine);
    const singers = await submit(store, application('Elm Singers', 'elm', 'Song sheets'), at('2026-06-01T10:00:00Z'));
    await store.query("UPDATE submissions SET status = 'panel', panel_since = $2 WHERE id = $1", [singers.id, at('2026-06-01T12:00:00Z')]);
    await declareInterest(store, singers.id, panel, { conflict: false, note: '' }, at('2026-06-02T09:00:00Z'));
    const neighbour = await addAccount(store, { email: 'neighbour@example.org', role: 'panel', passwordHash: 'x' }, commandLine);
    await assignPanelRound(store, neighbour.email, { fundId: 'small-sparks', round: 'rolling' }, demoFunds, commandLine);
    await declareInterest(store, singers.id, neighbour, { conflict: true, note: 'Alex Example is my neighbour' }, at('2026-06-02T09:30:00Z'));
    await saveScores(store, singers.reference, panel, [{ criterion: 'Need', score: 4, comment: 'Alex Example knows everyone' }], at('2026-06-02T10:00:00Z'));
    await saveScores(store, singers.reference, panel, [{ criterion: 'Need', score: 5, comment: 'Alex Example, on reflection' }], at('2026-06-03T10:00:00Z'));
    const enquiry = await submit(store, { idempotencyKey: newIdempotencyKey(), kind: 'enquiry', answers: { name: 'Robin Example', email: 'robin@example.org', question: 'Can we apply?' } }, at('2026-06-01T10:00:00Z'));
    await changeModerationStatus(store, enquiry.reference, { to: 'done', note: 'Rang Robin Example back' }, commandLine, at('2026-06-04T10:00:00Z'));

    await purgeRetainedPersonalData(store, at('2027-07-01T00:00:00Z'), settings);
    expect(await store.query('SELECT score, comment FROM scores WHERE submission_id = $1', [singers.id])).toEqual([{ score: 5, comment: '' }]);
    expect(await store.query('SELECT conflict, note FROM panel_declarations WHERE submission_id = $1 ORDER BY conflict', [singers.id])).toEqual([{ conflict: false, note: '' }, { conflict: true, note: '' }]);
    const log = await store.query('SELECT actor, action, before, after FROM audit_log WHERE subject_id IN ($1, $2) ORDER BY id', [singers.id, enquiry.id]);
    expect(log).toEqual([
      { actor: 'panel@example.org', action: 'application.no-conflict', before: null, after: { conflict: false } },
      { actor: 'neighbour@example.org', action: 'application.conflict', before: null, after: { conflict: true } },
      { actor: 'panel@example.org', action: 'application.scores', before: null, after: [{ criterion: 'Need', score: 4 }] },
      { actor: 'panel@example.org', action: 'application.scores', before: [{ criterion: 'Need', score: 4 }], after: [{ criterion: 'Need', score: 5 }] },
      { actor: 'command line', action: 'moderation.status', before: { status: 'received' }, after: { status: 'done' } },
    ]);
  });

  it('erases the emails that carried draft links once the drafts they opened are gone, with the housekeeping', async () => {
    await saveDraft(store, { kind: 'application', fundId: 'small-sparks', answers: { contact: { contactEmail: 'kim@example.org' } } }, { now: at('2026-01-01T10:00:00Z'), lifetimeDays: 30 });
    await enqueueMessages(store, null, [{ purpose: 'draft-link', to: 'kim@example.org', subject: 'Your saved application', text: 'link' }], at('2026-01-01T10:00:00Z'));
    const purged = await purgeExpired(store, at('2026-03-01T10:00:00Z'));
    expect(purged.drafts).toBe(1);
    expect(purged.retention.draftLinks).toBe(1);
    expect((await outboxEntries(store)).filter((entry) => entry.to === 'kim@example.org')).toEqual([]);
  });
});
