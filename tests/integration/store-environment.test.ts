import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeStore, getStore, sendOutboxNow } from '../../src/store';
import { findSubmission, newIdempotencyKey, submit } from '../../src/store/submissions';
import { startTestMailServer, type TestMailServer } from '../support/mail-server';

// The process-wide store, configured as a deployment would be: PGlite in DATA_DIR and a mail server at SMTP_URL.
describe('the server’s store, set up from the environment', () => {
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hub-data-')), 'not-yet-made');
  let mail: TestMailServer;
  beforeAll(async () => {
    mail = await startTestMailServer();
    process.env.DATA_DIR = dataDir;
    process.env.SMTP_URL = mail.url;
    process.env.MAIL_FROM = 'Fenland Community Hub <hub@example.org>';
    delete process.env.DATABASE_URL;
  });
  afterAll(async () => {
    await closeStore();
    await mail?.close();
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });

  it('creates DATA_DIR on first use, sends a submission’s emails by SMTP, and keeps the data across a restart', async () => {
    const store = await getStore();
    expect(await getStore()).toBe(store);
    expect(fs.existsSync(dataDir)).toBe(true);

    const receipt = await submit(store, {
      idempotencyKey: newIdempotencyKey(),
      kind: 'enquiry',
      answers: { question: 'Is there a walking group in Chatteris?' },
      notifications: (reference) => [{ purpose: 'applicant-confirmation', to: 'sam@example.org', subject: `Enquiry ${reference}`, text: `Your reference is ${reference}.` }],
    });
    await sendOutboxNow();

    expect(mail.received).toHaveLength(1);
    expect(mail.received[0]!.raw).toContain(receipt.reference);
    expect(mail.received[0]!.raw).toContain('From: Fenland Community Hub <hub@example.org>');

    await closeStore();
    const reopened = await getStore();
    expect(reopened).not.toBe(store);
    expect(await findSubmission(reopened, receipt.reference)).toMatchObject({ kind: 'enquiry', status: 'received' });
  }, 120_000);
});
