import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMailTransport, retryDelay, sendDueMessages, type MailTransport } from '../../src/notify/send-outbox';
import { outboxEntries, type OutboxMessage } from '../../src/store/outbox';
import { newIdempotencyKey, submit } from '../../src/store/submissions';
import type { Store } from '../../src/store';
import { testDatabases } from '../support/databases';
import { startTestMailServer, type TestMailServer } from '../support/mail-server';

const from = 'Fenland Community Hub <hub@example.org>';
const now = new Date('2026-11-23T10:00:00Z');
const later = (milliseconds: number) => new Date(now.getTime() + milliseconds);

function emailsTo(applicant: string) {
  return (reference: string): OutboxMessage[] => [
    { purpose: 'applicant-confirmation', to: applicant, subject: `We have your application ${reference}`, text: `Your reference is ${reference}.` },
    { purpose: 'staff-alert', to: 'grants@example.org', subject: `New application ${reference}`, text: `Application ${reference} arrived.` },
  ];
}

async function anApplicationFrom(store: Store, applicant: string) {
  return submit(
    store,
    { idempotencyKey: newIdempotencyKey(), kind: 'application', fundId: 'wisbech-small-grants', answers: { organisation: 'Wisbech Walkers' }, notifications: emailsTo(applicant) },
    now,
  );
}

describe.each(testDatabases)('sending the outbox from $name', ({ skip, open }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  let store: Store;
  let mail: TestMailServer;
  let transport: MailTransport;
  beforeAll(async () => {
    store = await open();
    mail = await startTestMailServer();
    transport = createMailTransport(mail.url);
  }, 120_000);
  afterAll(async () => {
    transport?.close();
    await mail?.close();
    await store?.close();
  });
  let warnings: ReturnType<typeof spyOnWarnings>;
  beforeEach(async () => {
    warnings = spyOnWarnings();
    await store.query('DELETE FROM outbox');
    mail.received.length = 0;
    mail.refused.clear();
  });
  afterEach(() => vi.restoreAllMocks());

  it('delivers the applicant’s confirmation and the staff alert, with the reference, and marks them sent', async () => {
    const receipt = await anApplicationFrom(store, 'sam@example.org');

    expect(await sendDueMessages(store, transport, { from, maxAttempts: 5, now })).toEqual({ sent: 2, failed: 0 });

    expect(mail.received.map((email) => email.to)).toEqual([['sam@example.org'], ['grants@example.org']]);
    expect(mail.received.every((email) => email.raw.includes(receipt.reference) && email.from === 'hub@example.org')).toBe(true);
    const entries = await outboxEntries(store, receipt.id);
    expect(entries.map(({ sentAt, attempts, lastError }) => ({ sentAt, attempts, lastError }))).toEqual([
      { sentAt: now, attempts: 1, lastError: null },
      { sentAt: now, attempts: 1, lastError: null },
    ]);
  });

  it('sends nothing twice: a second round finds nothing due', async () => {
    await anApplicationFrom(store, 'sam@example.org');
    await sendDueMessages(store, transport, { from, maxAttempts: 5, now });

    expect(await sendDueMessages(store, transport, { from, maxAttempts: 5, now: later(60_000) })).toEqual({ sent: 0, failed: 0 });
    expect(mail.received).toHaveLength(2);
  });

  it('sends each message once when two servers send at the same moment', async () => {
    await anApplicationFrom(store, 'sam@example.org');
    await anApplicationFrom(store, 'alex@example.org');

    const rounds = await Promise.all([
      sendDueMessages(store, transport, { from, maxAttempts: 5, now }),
      sendDueMessages(store, transport, { from, maxAttempts: 5, now }),
    ]);

    expect(rounds[0]!.sent + rounds[1]!.sent).toBe(4);
    expect(mail.received).toHaveLength(4);
  });

  it('counts a refused message’s attempts, keeps the error, and waits longer before each retry', async () => {
    mail.refused.add('gone@example.org');
    const receipt = await anApplicationFrom(store, 'gone@example.org');
    const confirmation = async () => (await outboxEntries(store, receipt.id)).find((entry) => entry.purpose === 'applicant-confirmation')!;

    expect(await sendDueMessages(store, transport, { from, maxAttempts: 5, now })).toEqual({ sent: 1, failed: 1 });
    expect(await confirmation()).toMatchObject({ attempts: 1, sentAt: null, nextAttemptAt: later(60_000) });
    expect((await confirmation()).lastError).toMatch(/550/);

    expect(await sendDueMessages(store, transport, { from, maxAttempts: 5, now: later(59_000) })).toEqual({ sent: 0, failed: 0 });
    expect(await sendDueMessages(store, transport, { from, maxAttempts: 5, now: later(60_000) })).toEqual({ sent: 0, failed: 1 });
    expect(await confirmation()).toMatchObject({ attempts: 2, nextAttemptAt: later(60_000 + 120_000) });

    mail.refused.clear();
    expect(await sendDueMessages(store, transport, { from, maxAttempts: 5, now: later(180_000) })).toEqual({ sent: 1, failed: 0 });
    expect(await confirmation()).toMatchObject({ attempts: 3, lastError: null, sentAt: later(180_000) });
  });

  it('stops trying after the last attempt and keeps the message for staff', async () => {
    mail.refused.add('gone@example.org');
    const receipt = await anApplicationFrom(store, 'gone@example.org');
    for (let round = 0; round < 3; round++) await sendDueMessages(store, transport, { from, maxAttempts: 2, now: later(round * 24 * 60 * 60_000) });

    const confirmation = (await outboxEntries(store, receipt.id)).find((entry) => entry.purpose === 'applicant-confirmation')!;
    expect(confirmation).toMatchObject({ attempts: 2, sentAt: null });
    expect(confirmation.lastError).toMatch(/550/);
  });

  it('keeps every message when the mail server cannot be reached', async () => {
    const closedPort = await aPortNobodyListensOn();
    const unreachable = createMailTransport(`smtp://127.0.0.1:${closedPort}`);
    const receipt = await anApplicationFrom(store, 'sam@example.org');

    expect(await sendDueMessages(store, unreachable, { from, maxAttempts: 5, now })).toEqual({ sent: 0, failed: 2 });
    unreachable.close();

    const entries = await outboxEntries(store, receipt.id);
    expect(entries.every((entry) => entry.sentAt === null && entry.attempts === 1 && /ECONNREFUSED/.test(entry.lastError ?? ''))).toBe(true);
  });

  it('writes no address and no message text to the logs when sending fails', async () => {
    mail.refused.add('private.person@example.org');
    const receipt = await anApplicationFrom(store, 'private.person@example.org');

    await sendDueMessages(store, transport, { from, maxAttempts: 5, now });

    const logged = warnings.mock.calls.flat().join('\n');
    expect(logged).toMatch(/not sent/);
    expect(logged).not.toMatch(/@|private\.person/);
    expect(logged).not.toContain(receipt.reference);
  });
});

describe('the wait before retrying a message', () => {
  it('starts at a minute and doubles, up to six hours', () => {
    expect([1, 2, 3, 4].map(retryDelay)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelay(20)).toBe(6 * 60 * 60_000);
  });
});

/** Keeps the failures' log lines out of the test output, and lets a test read them. */
function spyOnWarnings() {
  return vi.spyOn(console, 'warn').mockImplementation(() => undefined);
}

async function aPortNobodyListensOn(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
