/**
 * After the award, on both databases: a funded project accepts its offer through its private link
 * (once, in the audit log), which schedules its fund's quarterly progress reports, each a `feedback`
 * row with its own link, email and reminder; a report sent cancels only its own reminders and leaves
 * the final report to come; the staff's due and overdue list follows; and erasing the applicant's
 * personal data leaves no link that opens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store';
import { dueAndOverdue } from '../../src/grants/due';
import { acceptOffer, offerFor, openOffer } from '../../src/grants/offers';
import type { ReportingSchedule } from '../../src/grants/schedule';
import { openDatabase } from '../../src/store/database';
import { recordDecision } from '../../src/store/decisions';
import { openFeedback, receiveFeedback, reportsFor, requestFeedback } from '../../src/store/feedback';
import { claimDueMessages, outboxEntries } from '../../src/store/outbox';
import { erasePersonalData } from '../../src/store/retention';
import { migrate, migrations } from '../../src/store/migrate';
import { addAccount, auditTrail, type StaffAccount } from '../../src/store/staff';
import { findSubmission, newIdempotencyKey, submit } from '../../src/store/submissions';
import { testDatabases } from '../support/databases';

const at = (iso: string) => new Date(iso);
const quarterly: ReportingSchedule = { progress: 'quarterly', finalReportWeeks: 4 };
const fund = { maximumAward: 5000, name: 'Healthy Fenland Fund', reporting: quarterly };
const tokenOf = (path: string) => path.split('/')[2]!;

function application(groupName: string) {
  return {
    idempotencyKey: newIdempotencyKey(),
    kind: 'application' as const,
    fundId: 'healthy-fenland-fund',
    fundRound: '2026-10-01',
    areaId: 'wisbech',
    answers: {
      stage: 'full',
      'your-group': { groupName },
      contact: { contactName: 'Sam Example', contactEmail: 'sam@example.org' },
      project: { projectTitle: 'Walk and talk', amount: 2000 },
      timeline: { start: '2027-01-04', end: '2027-10-29' },
    },
  };
}

describe.each(testDatabases)('after the award on $name', ({ skip, open }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  let store: Store;
  let officer: StaffAccount;
  beforeAll(async () => {
    store = await open();
    officer = await addAccount(store, { email: 'officer@example.org', role: 'officer', passwordHash: 'x' }, { commandLine: true });
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  /** An application funded on 1 December 2026 with a condition of its own; its offer and final report links. */
  async function funded(groupName: string) {
    const receipt = await submit(store, application(groupName), at('2026-11-02T10:00:00Z'));
    await store.query("UPDATE submissions SET status = 'panel' WHERE id = $1", [receipt.id]);
    const result = await recordDecision(store, receipt.reference, { outcome: 'funded', amount: '1500', signpostedTo: '', letter: 'Dear walkers, yes.', conditions: 'Run at least one walk in Leverington.' }, fund, { account: officer }, at('2026-12-01T10:00:00Z'));
    if (!result.ok || !result.offerPath || !result.feedbackPath) throw new Error('not funded');
    return { ...receipt, offerToken: tokenOf(result.offerPath), finalToken: tokenOf(result.feedbackPath) };
  }

  it('opens the offer with its amount and the decision’s own conditions, and accepts it once, in the audit log without the name', async () => {
    const { id, reference, offerToken } = await funded('Wisbech Walkers');
    expect(await openOffer(store, offerToken)).toMatchObject({ reference, groupName: 'Wisbech Walkers', projectTitle: 'Walk and talk', amountAwarded: 1500, conditions: 'Run at least one walk in Leverington.', acceptedAt: null });

    const accepted = await acceptOffer(store, offerToken, { name: 'Sam Example', role: 'Secretary' }, quarterly, at('2026-12-10T15:00:00Z'));
    // Quarterly from the acceptance, while before the project's end on 29 October 2027.
    expect(accepted).toEqual({ ok: true, reference, acceptedAt: at('2026-12-10T15:00:00Z'), reportsDue: [at('2027-03-10T09:00:00Z'), at('2027-06-10T09:00:00Z'), at('2027-09-10T09:00:00Z')] });
    expect(await acceptOffer(store, offerToken, { name: 'Someone Else', role: 'Chair' }, quarterly, at('2026-12-10T15:01:00Z'))).toEqual({ ok: false, problem: 'already-accepted', reference, acceptedAt: at('2026-12-10T15:00:00Z') });

    expect(await offerFor(store, id)).toMatchObject({ acceptedAt: at('2026-12-10T15:00:00Z'), acceptedName: 'Sam Example', acceptedRole: 'Secretary' });
    const [entry] = (await auditTrail(store, 'submission', id)).filter((logged) => logged.action === 'grant.accepted');
    expect(entry).toMatchObject({ actor: 'offer link', before: { offer: 'waiting' }, after: { offer: 'accepted', role: 'Secretary', progressReports: 3 } });
    expect(JSON.stringify(entry)).not.toContain('Sam Example');
  });

  it('schedules each progress report’s link a fortnight before it is due and a reminder a week after, as well as the final report', async () => {
    const { id, offerToken } = await funded('March Movers');
    await acceptOffer(store, offerToken, { name: 'Sam Example', role: 'Chair' }, quarterly, at('2026-12-10T15:00:00Z'));
    expect((await reportsFor(store, id)).map((report) => [report.report, report.number, report.dueAt?.toISOString()])).toEqual([
      ['progress', 1, '2027-03-10T09:00:00.000Z'],
      ['progress', 2, '2027-06-10T09:00:00.000Z'],
      ['progress', 3, '2027-09-10T09:00:00.000Z'],
      // Four weeks after the planned end, as the fund says.
      ['final', 1, '2027-11-26T09:00:00.000Z'],
    ]);
    const reportEmails = (await outboxEntries(store, id)).filter((entry) => entry.purpose.startsWith('report'));
    expect(reportEmails.map((entry) => [entry.purpose, entry.to, entry.nextAttemptAt.toISOString()])).toEqual([
      ['report-link', 'sam@example.org', '2027-02-24T09:00:00.000Z'],
      ['report-reminder', 'sam@example.org', '2027-03-17T09:00:00.000Z'],
      ['report-link', 'sam@example.org', '2027-05-27T09:00:00.000Z'],
      ['report-reminder', 'sam@example.org', '2027-06-17T09:00:00.000Z'],
      ['report-link', 'sam@example.org', '2027-08-27T09:00:00.000Z'],
      ['report-reminder', 'sam@example.org', '2027-09-17T09:00:00.000Z'],
    ]);
    expect(reportEmails[0]!.subject).toContain('10 March 2027');
    // Not sent before its day; sent on it.
    const claimed = (now: string) => claimDueMessages(store, { now: at(now), lockedUntil: at('2030-01-01T00:00:00Z'), maxAttempts: 5, limit: 100 });
    expect((await claimed('2027-02-24T08:59:00Z')).filter((entry) => entry.submissionId === id && entry.purpose.startsWith('report'))).toEqual([]);
    await store.query("UPDATE outbox SET locked_until = NULL WHERE submission_id = $1", [id]);
    expect((await claimed('2027-02-24T09:00:00Z')).filter((entry) => entry.submissionId === id && entry.purpose.startsWith('report')).map((entry) => entry.purpose)).toEqual(['report-link']);
  });

  it('keeps a progress report with the same answers as the final one, cancels only its own reminder and leaves the application funded', async () => {
    const { id, reference, offerToken, finalToken } = await funded('Chatteris Chatters');
    await acceptOffer(store, offerToken, { name: 'Sam Example', role: 'Chair' }, quarterly, at('2026-12-10T15:00:00Z'));
    const link = (await outboxEntries(store, id)).find((entry) => entry.purpose === 'report-link')!;
    const progressToken = /\/feedback\/([A-Za-z0-9_-]+)\//.exec(link.text)![1]!;
    expect(await openFeedback(store, progressToken)).toMatchObject({ reference, report: 'progress', number: 1, progressCount: 3, dueAt: at('2027-03-10T09:00:00Z'), receivedAt: null });

    expect(await receiveFeedback(store, progressToken, { outputs: 'Twelve walks so far', peopleReached: 35, photos: [] }, at('2027-03-08T11:00:00Z'))).toEqual({ ok: true, reference });
    expect(await receiveFeedback(store, progressToken, { outputs: 'Again', peopleReached: 1, photos: [] }, at('2027-03-08T11:01:00Z'))).toEqual({ ok: false, problem: 'already-received' });
    expect((await findSubmission(store, reference))?.status).toBe('funded');
    const unsent = (await outboxEntries(store, id)).filter((entry) => entry.sentAt === null).map((entry) => entry.purpose);
    // The first report's link and reminder went; the other two reports' and the final report's stay.
    expect(unsent.filter((purpose) => purpose === 'report-link')).toHaveLength(2);
    expect(unsent.filter((purpose) => purpose === 'report-reminder')).toHaveLength(2);
    expect(unsent.filter((purpose) => purpose === 'feedback-reminder')).toHaveLength(2);

    expect(await receiveFeedback(store, finalToken, { outputs: 'Forty walks', peopleReached: 80, photos: [] }, at('2027-11-20T11:00:00Z'))).toEqual({ ok: true, reference });
    expect((await findSubmission(store, reference))?.status).toBe('feedback-received');
    const received = (await reportsFor(store, id)).filter((report) => report.receivedAt);
    expect(received.map((report) => [report.report, report.answers?.peopleReached])).toEqual([['progress', 35], ['final', 80]]);
    // What the KPI report sums: every received report, not one per application.
    const [sum] = await store.query<{ people: string }>("SELECT sum((answers->>'peopleReached')::int) AS people FROM feedback WHERE submission_id = $1 AND received_at IS NOT NULL", [id]);
    expect(Number(sum!.people)).toBe(115);
  });

  it('lists an offer not yet accepted as due, then overdue after four weeks, and a missed report as overdue until it comes', async () => {
    const waiting = await funded('Whittlesey Wanderers');
    const reporting = await funded('Manea Movers');
    await acceptOffer(store, reporting.offerToken, { name: 'Sam Example', role: 'Chair' }, quarterly, at('2026-12-10T15:00:00Z'));
    const mine = async (now: string) =>
      (await dueAndOverdue(store, at(now))).filter((item) => [waiting.reference, reporting.reference].includes(item.reference)).map((item) => [item.reference, item.what.kind === 'offer' ? 'offer' : `${item.what.report} ${item.what.number}`, item.standing]);

    expect(await mine('2026-12-20T12:00:00Z')).toEqual([[waiting.reference, 'offer', 'due']]);
    // Two weeks before the first report is due it joins the list; a day after it is overdue.
    expect(await mine('2027-02-25T12:00:00Z')).toEqual([[waiting.reference, 'offer', 'overdue'], [reporting.reference, 'progress 1', 'due']]);
    expect(await mine('2027-03-11T12:00:00Z')).toEqual([[waiting.reference, 'offer', 'overdue'], [reporting.reference, 'progress 1', 'overdue']]);

    const link = (await outboxEntries(store, reporting.id)).find((entry) => entry.purpose === 'report-link')!;
    const token = /\/feedback\/([A-Za-z0-9_-]+)\//.exec(link.text)![1]!;
    await receiveFeedback(store, token, { outputs: 'Late but here', peopleReached: 12, photos: [] }, at('2027-03-12T09:00:00Z'));
    expect(await mine('2027-03-12T12:00:00Z')).toEqual([[waiting.reference, 'offer', 'overdue']]);
  });

  it('erases who accepted and every link of an application with several reports, so none opens again', async () => {
    const { id, reference, offerToken, finalToken } = await funded('Doddington Dancers');
    await acceptOffer(store, offerToken, { name: 'Sam Example', role: 'Treasurer' }, quarterly, at('2026-12-10T15:00:00Z'));
    await store.transaction((tx) => erasePersonalData(tx, [id], at('2028-01-01T00:00:00Z')));
    expect(await openOffer(store, offerToken)).toBeUndefined();
    expect(await openFeedback(store, finalToken)).toBeUndefined();
    expect(await offerFor(store, id)).toMatchObject({ acceptedAt: at('2026-12-10T15:00:00Z'), acceptedName: '', acceptedRole: '' });
    expect(await dueAndOverdue(store, at('2027-03-11T12:00:00Z'))).not.toContainEqual(expect.objectContaining({ reference }));
  });

  it('answers an unknown or malformed offer link with nothing', async () => {
    expect(await openOffer(store, 'x'.repeat(43))).toBeUndefined();
    expect(await openOffer(store, "'; DROP TABLE grant_offers; --")).toBeUndefined();
    expect(await acceptOffer(store, 'y'.repeat(43), { name: 'A', role: 'B' }, quarterly)).toEqual({ ok: false, problem: 'not-found' });
  });
});

describe('a final report asked for before reports had schedules', () => {
  it('is due when its first reminder goes, and asked again or answered, its reminders from before go too', async () => {
    const db = await openDatabase({ dataDir: 'memory://' });
    try {
      await migrate(db, migrations.filter((migration) => migration.version < '014'));
      const receipt = await submit(db, application('Old Club'), at('2026-04-01T10:00:00Z'));
      await db.query("UPDATE submissions SET status = 'funded' WHERE id = $1", [receipt.id]);
      // As the hub asked for it before: one row per application, its emails not tied to it.
      await db.query('INSERT INTO feedback (submission_id, token_hash, requested_at) VALUES ($1, $2, $3)', [receipt.id, 'a'.repeat(64), at('2026-05-01T10:00:00Z')]);
      await db.query(
        `INSERT INTO outbox (submission_id, purpose, recipient, subject, body, created_at, next_attempt_at) VALUES
         ($1, 'feedback-link', 'sam@example.org', 'Link', 'Link', $2, $2), ($1, 'feedback-reminder', 'sam@example.org', 'R1', 'R1', $2, $3), ($1, 'feedback-reminder', 'sam@example.org', 'R2', 'R2', $2, $4)`,
        [receipt.id, at('2026-05-01T10:00:00Z'), at('2026-09-14T09:00:00Z'), at('2026-10-12T09:00:00Z')],
      );
      expect(await migrate(db)).toEqual(migrations.filter((migration) => migration.version >= '014').map((migration) => migration.version));
      expect((await reportsFor(db, receipt.id)).map((report) => [report.report, report.number, report.dueAt])).toEqual([['final', 1, at('2026-09-14T09:00:00Z')]]);
      // Asked again, the link is replaced and its old reminders with it, not added beside them.
      const { path } = await db.transaction((tx) => requestFeedback(tx, receipt, at('2026-06-01T10:00:00Z')));
      expect((await outboxEntries(db, receipt.id)).filter((entry) => entry.purpose === 'feedback-reminder')).toHaveLength(2);
      expect(await receiveFeedback(db, tokenOf(path), { outputs: 'Done', peopleReached: 9, photos: [] }, at('2026-07-01T10:00:00Z'))).toEqual({ ok: true, reference: receipt.reference });
      expect((await outboxEntries(db, receipt.id)).filter((entry) => entry.purpose === 'feedback-reminder')).toEqual([]);
    } finally {
      await db.close();
    }
  }, 60_000);
});
