import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store';
import { changeModerationStatus, findModerationItem, findStoryPhoto, listQueue, queueCounts } from '../../src/store/moderation';
import { addAccount, auditTrail, type Actor } from '../../src/store/staff';
import { newIdempotencyKey, submit, type NewSubmission } from '../../src/store/submissions';
import { samplePng } from '../support/sample-files';
import { testDatabases } from '../support/databases';

const item = (kind: NewSubmission['kind'], answers: Record<string, unknown>, extra: Partial<NewSubmission> = {}): NewSubmission => ({ idempotencyKey: newIdempotencyKey(), kind, answers, ...extra });

describe.each(testDatabases)('the moderation queue on $name', ({ skip, open }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  let store: Store;
  let officer: Actor;
  const refs: Record<string, string> = {};
  beforeAll(async () => {
    store = await open();
    officer = { account: await addAccount(store, { email: 'moderator@example.org', role: 'officer', passwordHash: 'x' }, { commandLine: true }) };
    refs.enquiry = (await submit(store, item('enquiry', { name: 'Sam', email: 'sam@example.org', question: 'Can we apply twice?' }), new Date('2026-11-01T10:00:00Z'))).reference;
    refs.edit = (await submit(store, item('suggested-edit', { listing: 'groups/chatteris-community-choir', problems: ['times'], correction: 'Wednesdays now' }, { areaId: 'chatteris' }), new Date('2026-11-02T10:00:00Z'))).reference;
    refs.listing = (await submit(store, item('new-listing', { kind: 'group', name: 'Knit Club' }, { areaId: 'march' }), new Date('2026-11-03T10:00:00Z'))).reference;
    refs.story = (await submit(store, item('story', { title: 'Planting day', photoAlt: 'Volunteers planting bulbs' }, { attachments: [{ fileName: 'planting.png', fileType: 'png', content: samplePng() }] }), new Date('2026-11-04T10:00:00Z'))).reference;
    refs.application = (await submit(store, item('application', { stage: 'outline' }, { fundId: 'small-sparks', fundRound: 'rolling' }), new Date('2026-11-05T10:00:00Z'))).reference;
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  it('lists enquiries, suggested edits, new listings and stories newest first, never applications', async () => {
    const { items, total } = await listQueue(store, {});
    expect(total).toBe(4);
    expect(items.map((queued) => queued.reference)).toEqual([refs.story, refs.listing, refs.edit, refs.enquiry]);
    expect(items[2]).toMatchObject({ kind: 'suggested-edit', status: 'received', areaId: 'chatteris', answers: { correction: 'Wednesdays now' } });
    expect(await findModerationItem(store, refs.application!)).toBeUndefined();
  });

  it('filters by kind and status', async () => {
    expect((await listQueue(store, { kind: 'story' })).items.map((queued) => queued.reference)).toEqual([refs.story]);
    expect((await listQueue(store, { status: 'done' })).total).toBe(0);
    expect((await listQueue(store, { kind: 'enquiry', status: 'received' })).total).toBe(1);
  });

  it('marks an item done and writes the move and its note to the audit log', async () => {
    const at = new Date('2026-11-10T09:00:00Z');
    expect(await changeModerationStatus(store, refs.enquiry!, { to: 'done', note: 'Replied by email.' }, officer, at)).toEqual({ ok: true, status: 'done' });
    const found = await findModerationItem(store, refs.enquiry!);
    expect(found?.status).toBe('done');
    expect(await auditTrail(store, 'submission', found!.id)).toEqual([
      { at, actor: 'moderator@example.org', action: 'moderation.status', subjectType: 'submission', subjectId: found!.id, before: { status: 'received' }, after: { status: 'done', note: 'Replied by email.' } },
    ]);
    expect((await listQueue(store, { status: 'done' })).items.map((queued) => queued.reference)).toEqual([refs.enquiry]);
  });

  it('refuses to reject without a note, or to move where the rules do not allow, and changes nothing', async () => {
    expect(await changeModerationStatus(store, refs.edit!, { to: 'rejected', note: ' ' }, officer)).toEqual({ ok: false, problem: 'note-missing' });
    expect(await changeModerationStatus(store, refs.enquiry!, { to: 'rejected', note: 'Changed my mind' }, officer)).toEqual({ ok: false, problem: 'not-allowed' });
    expect(await changeModerationStatus(store, refs.application!, { to: 'done' }, officer)).toEqual({ ok: false, problem: 'not-found' });
    const edit = await findModerationItem(store, refs.edit!);
    expect(edit?.status).toBe('received');
    expect(await auditTrail(store, 'submission', edit!.id)).toEqual([]);
    expect((await findModerationItem(store, refs.enquiry!))?.status).toBe('done');
  });

  it('rejects with a note and counts each kind by status', async () => {
    expect(await changeModerationStatus(store, refs.listing!, { to: 'rejected', note: 'Already listed as March Knitters.' }, officer)).toEqual({ ok: true, status: 'rejected' });
    expect(await queueCounts(store)).toEqual({
      enquiry: { done: 1 },
      'suggested-edit': { received: 1 },
      'new-listing': { rejected: 1 },
      story: { received: 1 },
    });
  });

  it('finds a story’s photo with its content, and nothing for other kinds', async () => {
    const photo = await findStoryPhoto(store, refs.story!);
    expect(photo).toMatchObject({ fileName: 'planting.png', fileType: 'png', sizeBytes: samplePng().length });
    expect(Buffer.from(photo!.content)).toEqual(Buffer.from(samplePng()));
    expect(await findStoryPhoto(store, refs.enquiry!)).toBeUndefined();
    expect(await findStoryPhoto(store, 'NOSUCHREF')).toBeUndefined();
  });
});
