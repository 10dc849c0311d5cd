import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAttachment } from '../../src/forms/file-type';
import type { Store } from '../../src/store';
import { listQueue } from '../../src/store/moderation';
import { feedbackFor, openFeedback, reminderDates, receiveFeedback, requestFeedback } from '../../src/store/feedback';
import { outboxEntries } from '../../src/store/outbox';
import { auditTrail } from '../../src/store/staff';
import { findSubmission, newIdempotencyKey, submit } from '../../src/store/submissions';
import { testDatabases } from '../support/databases';
import { sampleJpeg } from '../support/sample-files';

const at = (iso: string) => new Date(iso);

function fundedApplication(end?: string) {
  return {
    idempotencyKey: newIdempotencyKey(),
    kind: 'application' as const,
    fundId: 'small-sparks',
    fundRound: 'rolling',
    areaId: 'wisbech',
    answers: {
      stage: 'full',
      'your-group': { groupName: 'Wisbech Walkers' },
      contact: { contactName: 'Alex Example', contactEmail: 'alex@example.org' },
      project: { projectTitle: 'Picnic kit', amount: 200 },
      ...(end ? { timeline: { start: '2026-05-01', end } } : {}),
    },
  };
}

/** Where the link's secret is, from the path requestFeedback gives. */
const tokenOf = (path: string) => path.split('/')[2]!;

describe('when a funded project is reminded', () => {
  it('is 2 and 6 weeks after its planned end', () => {
    expect(reminderDates('2026-08-31', at('2026-05-01T10:00:00Z')).map((date) => date.toISOString())).toEqual(['2026-09-14T09:00:00.000Z', '2026-10-12T09:00:00.000Z']);
  });
  it('counts from 12 weeks after the award when the end has passed or is unknown', () => {
    const now = at('2026-05-01T10:00:00Z');
    expect(reminderDates('2026-04-01', now)).toEqual(reminderDates(undefined, now));
    expect(reminderDates(undefined, now).map((date) => date.toISOString().slice(0, 10))).toEqual(['2026-08-07', '2026-09-04']);
  });
});

describe.each(testDatabases)('feedback from funded projects on $name', ({ skip, open }) => {
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

  async function funded(end?: string) {
    const receipt = await submit(store, fundedApplication(end), at('2026-04-01T10:00:00Z'));
    await store.query("UPDATE submissions SET status = 'funded' WHERE id = $1", [receipt.id]);
    const { path } = await store.transaction((tx) => requestFeedback(tx, receipt, at('2026-05-01T10:00:00Z')));
    return { ...receipt, path };
  }

  it('emails the applicant a private link now and queues two reminders for after the project ends', async () => {
    const { id, reference, path } = await funded('2026-08-31');
    expect(path).toMatch(/^\/feedback\/[A-Za-z0-9_-]{43}\/$/);
    const emails = (await outboxEntries(store, id)).filter((entry) => entry.purpose.startsWith('feedback'));
    expect(emails.map((entry) => [entry.purpose, entry.to, entry.nextAttemptAt.toISOString()])).toEqual([
      ['feedback-link', 'alex@example.org', '2026-05-01T10:00:00.000Z'],
      ['feedback-reminder', 'alex@example.org', '2026-09-14T09:00:00.000Z'],
      ['feedback-reminder', 'alex@example.org', '2026-10-12T09:00:00.000Z'],
    ]);
    expect(emails[0]!.text).toContain(`${path}`);
    expect(emails[0]!.subject).toContain(reference);
    // Only the hash is kept: the secret appears nowhere in the table.
    const [row] = await store.query<{ token_hash: string }>('SELECT token_hash FROM feedback WHERE submission_id = $1', [id]);
    expect(row!.token_hash).not.toContain(tokenOf(path));
    expect(await openFeedback(store, tokenOf(path))).toMatchObject({ reference, projectTitle: 'Picnic kit', groupName: 'Wisbech Walkers', receivedAt: null });
  });

  it('keeps the feedback once with its photo, cancels the reminders and moves the application on, logged as the feedback link', async () => {
    const { id, reference, path } = await funded();
    const photo = checkAttachment('picnic.jpg', sampleJpeg());
    if (!photo.ok) throw new Error('sample JPEG refused');
    const answers = { outputs: 'Twelve picnics in the park', peopleReached: 140, story: 'Doris met her neighbours', shareStory: 'yes' as const, photos: [{ file: photo.attachment, alt: 'People on rugs in the park' }] };
    expect(await receiveFeedback(store, tokenOf(path), answers, at('2026-09-01T12:00:00Z'))).toEqual({ ok: true, reference });
    expect(await receiveFeedback(store, tokenOf(path), answers, at('2026-09-01T12:01:00Z'))).toEqual({ ok: false, problem: 'already-received' });

    const submission = await findSubmission(store, reference);
    expect(submission).toMatchObject({ status: 'feedback-received' });
    expect(submission!.attachments.map((file) => file.fileName)).toEqual(['picnic.jpg']);
    const kept = await feedbackFor(store, id);
    expect(kept).toMatchObject({ receivedAt: at('2026-09-01T12:00:00Z'), answers: { outputs: 'Twelve picnics in the park', peopleReached: 140, shareStory: true, photos: [{ fileName: 'picnic.jpg', alt: 'People on rugs in the park' }] } });
    expect((await outboxEntries(store, id)).map((entry) => entry.purpose)).toEqual(['feedback-link']);
    const trail = await auditTrail(store, 'submission', id);
    expect(trail.at(-1)).toMatchObject({ actor: 'feedback link', action: 'application.status', before: { status: 'funded' }, after: { status: 'feedback-received' } });
    expect(await openFeedback(store, tokenOf(path))).toMatchObject({ receivedAt: at('2026-09-01T12:00:00Z') });
  });

  it('puts a story the project lets the hub publish in the moderation queue, with its photo, and a story kept private nowhere', async () => {
    const shared = await funded();
    const photo = checkAttachment('picnic.jpg', sampleJpeg());
    if (!photo.ok) throw new Error('sample JPEG refused');
    await receiveFeedback(store, tokenOf(shared.path), { outputs: 'Picnics', peopleReached: 40, story: 'We met every Sunday in the park.', shareStory: 'yes', photos: [{ file: photo.attachment, alt: 'A picnic rug' }] }, at('2026-09-02T12:00:00Z'));
    const { items } = await listQueue(store, { kind: 'story' });
    const offered = items.find((queued) => queued.answers.fromFeedback === shared.reference);
    expect(offered?.answers).toMatchObject({ title: 'Picnic kit', story: 'We met every Sunday in the park.', groups: 'Wisbech Walkers', photoAlt: 'A picnic rug', email: 'alex@example.org', consent: 'yes' });
    expect((await findSubmission(store, offered!.reference))?.attachments.map((file) => file.fileType)).toEqual(['jpeg']);

    const kept = await funded();
    await receiveFeedback(store, tokenOf(kept.path), { outputs: 'Picnics', peopleReached: 40, story: 'Just for you.', photos: [] }, at('2026-09-02T12:00:00Z'));
    expect((await listQueue(store, { kind: 'story' })).items.some((queued) => queued.answers.fromFeedback === kept.reference)).toBe(false);
  });

  it('answers an unknown or malformed link with nothing', async () => {
    expect(await openFeedback(store, 'x'.repeat(43))).toBeUndefined();
    expect(await openFeedback(store, "'; DROP TABLE feedback; --")).toBeUndefined();
    expect(await receiveFeedback(store, 'y'.repeat(43), { outputs: 'a', peopleReached: 1, photos: [] })).toEqual({ ok: false, problem: 'not-found' });
  });

  it('replaces the link and its reminders when asked again, so only the newest link works', async () => {
    const { id, path } = await funded();
    const again = await store.transaction((tx) => requestFeedback(tx, { id, reference: '' }, at('2026-05-02T10:00:00Z')));
    expect(await openFeedback(store, tokenOf(path))).toBeUndefined();
    expect(await openFeedback(store, tokenOf(again.path))).toBeDefined();
    expect((await outboxEntries(store, id)).filter((entry) => entry.purpose === 'feedback-reminder')).toHaveLength(2);
  });
});
