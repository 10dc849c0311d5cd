import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store';
import { enqueueMessages, listOutbox, markFailed, markSent, outboxEntries, type OutboxMessage } from '../../src/store/outbox';
import { newIdempotencyKey, submit } from '../../src/store/submissions';
import { testDatabases } from '../support/databases';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 9, minute));
const maxAttempts = 3;

describe.each(testDatabases)('the outbox as staff see it, on $name', ({ skip, open }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  let store: Store;
  let application: string;
  let enquiry: string;
  beforeAll(async () => {
    store = await open();
    const confirm = (to: string) => (reference: string): OutboxMessage[] => [{ purpose: 'applicant-confirmation', to, subject: `We have ${reference}`, text: `Your reference is ${reference}.` }];
    application = (await submit(store, { idempotencyKey: newIdempotencyKey(), kind: 'application', fundId: 'small-sparks', answers: {}, notifications: confirm('sam@example.org') }, at(1))).reference;
    enquiry = (await submit(store, { idempotencyKey: newIdempotencyKey(), kind: 'enquiry', answers: {}, notifications: confirm('robin@example.org') }, at(2))).reference;
    // A draft's link belongs to no submission.
    await enqueueMessages(store, null, [{ purpose: 'draft-link', to: 'kim@example.org', subject: 'Your saved form', text: 'Line one\nLine two' }], at(3));
    const [toSam, toRobin] = await outboxEntries(store);
    await markSent(store, toSam!.id, at(10));
    // Robin's confirmation fails every time it is tried: attempts used up.
    for (let attempt = 0; attempt < maxAttempts; attempt++) await markFailed(store, toRobin!.id, '550 mailbox unavailable', at(20 + attempt));
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  it('lists every email newest first, each in its state, with the submission it belongs to', async () => {
    const { entries, total, counts } = await listOutbox(store, { maxAttempts });
    expect(total).toBe(3);
    expect(counts).toEqual({ waiting: 1, failed: 1, sent: 1 });
    expect(entries.map((entry) => [entry.to, entry.state, entry.reference, entry.kind])).toEqual([
      ['kim@example.org', 'waiting', null, null],
      ['robin@example.org', 'failed', enquiry, 'enquiry'],
      ['sam@example.org', 'sent', application, 'application'],
    ]);
    expect(entries[0]).toMatchObject({ purpose: 'draft-link', subject: 'Your saved form', text: 'Line one\nLine two', createdAt: at(3), attempts: 0, sentAt: null });
    expect(entries[1]).toMatchObject({ attempts: maxAttempts, lastError: '550 mailbox unavailable', sentAt: null });
    expect(entries[2]).toMatchObject({ sentAt: at(10), lastError: null });
  });

  it('filters by state, counting every state still', async () => {
    for (const state of ['waiting', 'failed', 'sent'] as const) {
      const { entries, total, counts } = await listOutbox(store, { state, maxAttempts });
      expect(entries.map((entry) => entry.state)).toEqual([state]);
      expect(total).toBe(1);
      expect(counts).toEqual({ waiting: 1, failed: 1, sent: 1 });
    }
  });

  it('counts a failed email as waiting while it has attempts left, as the sender would try it again', async () => {
    const { entries, counts } = await listOutbox(store, { state: 'waiting', maxAttempts: maxAttempts + 1 });
    expect(entries.map((entry) => entry.to)).toEqual(['kim@example.org', 'robin@example.org']);
    expect(counts).toEqual({ waiting: 2, failed: 0, sent: 1 });
  });

  it('shows at most the limit, newest first, and says how many there are', async () => {
    const many = Array.from({ length: 5 }, (_, index): OutboxMessage => ({ purpose: 'staff-alert', to: 'team@example.org', subject: `Alert ${index}`, text: '.' }));
    for (const [index, message] of many.entries()) await enqueueMessages(store, null, [message], at(30 + index));
    const { entries, total } = await listOutbox(store, { maxAttempts, limit: 4 });
    expect(total).toBe(8);
    expect(entries.map((entry) => entry.subject)).toEqual(['Alert 4', 'Alert 3', 'Alert 2', 'Alert 1']);
    const waiting = await listOutbox(store, { state: 'waiting', maxAttempts, limit: 2 });
    expect(waiting.total).toBe(6);
    expect(waiting.entries.map((entry) => entry.subject)).toEqual(['Alert 4', 'Alert 3']);
  });
});
