import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAttachment, maximumAttachmentBytes, type CheckedAttachment } from '../../src/forms/file-type';
import { referenceAlphabet } from '../../src/forms/reference';
import { readAttachment } from '../../src/store/attachments';
import {
  attachToDraft,
  discardDraft,
  purgeExpiredDrafts,
  removeDraftAttachment,
  resumeDraft,
  saveDraft,
} from '../../src/store/drafts';
import { migrate } from '../../src/store/migrate';
import { outboxEntries, type OutboxMessage } from '../../src/store/outbox';
import { clientKeyFor, countPost, purgeOldPostCounts } from '../../src/store/rate-limit';
import { findSubmission, findSubmissionByKey, newIdempotencyKey, submit, type NewSubmission } from '../../src/store/submissions';
import type { Store } from '../../src/store';
import { testDatabases } from '../support/databases';
import { sampleDocx, samplePdf, samplePng } from '../support/sample-files';

const day = 24 * 60 * 60 * 1000;
const at = (iso: string) => new Date(iso);

function checked(fileName: string, content: Uint8Array): CheckedAttachment {
  const check = checkAttachment(fileName, content);
  if (!check.ok) throw new Error(`test file ${fileName} refused: ${check.problem}`);
  return check.attachment;
}

const emailsFor = (reference: string): OutboxMessage[] => [
  { purpose: 'applicant-confirmation', to: 'applicant@example.org', subject: `Application ${reference}`, text: `Your reference is ${reference}.` },
  { purpose: 'staff-alert', to: 'grants@example.org', subject: `New application ${reference}`, text: `Application ${reference} arrived.` },
];

function anApplication(overrides: Partial<NewSubmission> = {}): NewSubmission {
  return {
    idempotencyKey: newIdempotencyKey(),
    kind: 'application',
    fundId: 'wisbech-small-grants',
    fundRound: '2026-09-01',
    areaId: 'wisbech',
    answers: { organisation: 'Wisbech Walkers', amount: 950, activities: ['walks', 'tea'] },
    notifications: emailsFor,
    ...overrides,
  };
}

async function count(store: Store, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await store.query<{ n: number }>(sql, params);
  return row!.n;
}

describe.each(testDatabases)('the form store on $name', ({ skip, open }) => {
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

  describe('migrations', () => {
    it('run once: a second start applies nothing and keeps the data', async () => {
      const receipt = await submit(store, anApplication());
      expect(await migrate(store)).toEqual([]);
      expect(await findSubmission(store, receipt.reference)).toBeDefined();
    });
  });

  describe('submitting an application', () => {
    it('keeps the answers with status received and gives an 8-character reference', async () => {
      const receipt = await submit(store, anApplication(), at('2026-11-23T10:00:00Z'));

      expect(receipt.reference).toMatch(new RegExp(`^[${referenceAlphabet}]{8}$`));
      expect(receipt.repeated).toBe(false);
      const kept = await findSubmission(store, receipt.reference);
      expect(kept).toMatchObject({
        id: receipt.id,
        kind: 'application',
        fundId: 'wisbech-small-grants',
        fundRound: '2026-09-01',
        areaId: 'wisbech',
        status: 'received',
        answers: { organisation: 'Wisbech Walkers', amount: 950, activities: ['walks', 'tea'] },
      });
      expect(kept!.createdAt.toISOString()).toBe('2026-11-23T10:00:00.000Z');
    });

    it('writes the applicant’s confirmation and the staff alert to the outbox, unsent, with the reference', async () => {
      const receipt = await submit(store, anApplication());

      const emails = await outboxEntries(store, receipt.id);
      expect(emails.map((email) => email.purpose)).toEqual(['applicant-confirmation', 'staff-alert']);
      expect(emails.every((email) => email.text.includes(receipt.reference) && email.sentAt === null)).toBe(true);
    });

    it('keeps nothing at all when a part of it fails: no submission, no files, no emails', async () => {
      const key = newIdempotencyKey();
      const failing = anApplication({
        idempotencyKey: key,
        attachments: [checked(`${key}.pdf`, samplePdf())],
        notifications: () => {
          throw new Error('the email template is broken');
        },
      });

      await expect(submit(store, failing)).rejects.toThrow('the email template is broken');
      expect(await count(store, 'SELECT count(*)::int AS n FROM submissions WHERE idempotency_key = $1', [key])).toBe(0);
      expect(await count(store, 'SELECT count(*)::int AS n FROM attachments WHERE file_name = $1', [`${key}.pdf`])).toBe(0);
    });

    it('sent 20 times at once with the same attempt key makes one record, and every reply has its reference', async () => {
      const application = anApplication();

      const receipts = await Promise.all(Array.from({ length: 20 }, () => submit(store, application)));

      const references = new Set(receipts.map((receipt) => receipt.reference));
      expect(references.size).toBe(1);
      expect(receipts.filter((receipt) => !receipt.repeated)).toHaveLength(1);
      expect(await count(store, 'SELECT count(*)::int AS n FROM submissions WHERE idempotency_key = $1', [application.idempotencyKey])).toBe(1);
      expect(await outboxEntries(store, receipts[0]!.id)).toHaveLength(2);
    });

    it('is found again by its attempt key, to tell a repeat it was already sent', async () => {
      const application = anApplication();
      const receipt = await submit(store, application);
      expect((await findSubmissionByKey(store, application.idempotencyKey))?.reference).toBe(receipt.reference);
      expect(await findSubmissionByKey(store, newIdempotencyKey())).toBeUndefined();
    });

    it('gives different attempts different references', async () => {
      const receipts = await Promise.all(Array.from({ length: 20 }, () => submit(store, anApplication())));
      expect(new Set(receipts.map((receipt) => receipt.reference)).size).toBe(20);
    });

    it('keeps answers with characters the database cannot hold in text, dropping only those', async () => {
      const receipt = await submit(store, anApplication({ answers: { organisation: 'Wisbech\u0000 Walkers', note: '“Tea” & cake 🍰' } }));
      expect((await findSubmission(store, receipt.reference))!.answers).toEqual({ organisation: 'Wisbech Walkers', note: '“Tea” & cake 🍰' });
    });

    it('refuses an attempt key that is missing or not a key', async () => {
      await expect(submit(store, anApplication({ idempotencyKey: '' }))).rejects.toThrow(/attempt key/);
      await expect(submit(store, anApplication({ idempotencyKey: "x'; DROP TABLE submissions; --" }))).rejects.toThrow(/attempt key/);
    });

    it('keeps its files byte for byte, with the name given and the type found', async () => {
      const pdf = samplePdf();
      const receipt = await submit(store, anApplication({ attachments: [checked('C:\\fakepath\\budget.pdf', pdf), checked('plan.docx', sampleDocx())] }));

      const kept = await findSubmission(store, receipt.reference);
      expect(kept!.attachments.map(({ fileName, fileType, sizeBytes }) => ({ fileName, fileType, sizeBytes }))).toEqual([
        { fileName: 'budget.pdf', fileType: 'pdf', sizeBytes: pdf.length },
        { fileName: 'plan.docx', fileType: 'docx', sizeBytes: sampleDocx().length },
      ]);
      const file = await readAttachment(store, kept!.attachments[0]!.id);
      expect(Buffer.from(file!.content).equals(Buffer.from(pdf))).toBe(true);
    });

    it('returns a file of the full 5 MB exactly as it was sent', async () => {
      const largest = new Uint8Array(randomBytes(maximumAttachmentBytes));
      largest.set(samplePdf().subarray(0, 8));
      const receipt = await submit(store, anApplication({ attachments: [checked('scan.pdf', largest)] }));

      const [summary] = (await findSubmission(store, receipt.reference))!.attachments;
      const file = await readAttachment(store, summary!.id);
      expect(file!.sizeBytes).toBe(maximumAttachmentBytes);
      expect(Buffer.from(file!.content).equals(Buffer.from(largest))).toBe(true);
    });

    it('finds nothing for an unknown reference or attachment id', async () => {
      expect(await findSubmission(store, 'ZZZZZZZZ')).toBeUndefined();
      expect(await readAttachment(store, 'not-an-id')).toBeUndefined();
      expect(await readAttachment(store, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
    });

    it('lets the database itself refuse a file over 5 MB, should one get past the check', async () => {
      const tooLarge = { fileName: 'huge.pdf', fileType: 'pdf', content: new Uint8Array(maximumAttachmentBytes + 1) } as const;
      await expect(submit(store, anApplication({ attachments: [tooLarge] }))).rejects.toThrow(/check constraint/);
    });
  });

  describe('saving a draft and coming back to it', () => {
    const now = at('2026-11-01T09:00:00Z');
    const draft = { kind: 'application', fundId: 'march-community-chest', answers: { organisation: 'March Men’s Shed' } };

    it('returns the answers through the private link, and keeps only a hash of its secret', async () => {
      const saved = await saveDraft(store, draft, { now, lifetimeDays: 30 });

      expect(saved.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(saved.expiresAt.toISOString()).toBe('2026-12-01T09:00:00.000Z');
      expect(await resumeDraft(store, saved.token, now)).toMatchObject({ ...draft, attachments: [] });
      const tokenStored = await count(store, "SELECT count(*)::int AS n FROM drafts WHERE token_hash = $1 OR answers::text LIKE '%' || $1 || '%'", [saved.token]);
      expect(tokenStored).toBe(0);
    });

    it('keeps answers whose field names hold a character the database cannot hold, dropping only that character', async () => {
      // A form posted in the wrong encoding (e.g. UTF-16 read as a URL-encoded form) puts NUL characters in the field names too.
      const saved = await saveDraft(store, { ...draft, answers: { 'o\u0000rganisation': 'March\u0000 Men’s Shed', nested: { 'a\u0000': ['b\u0000'] } } }, { now, lifetimeDays: 30 });
      expect((await resumeDraft(store, saved.token, now))!.answers).toEqual({ organisation: 'March Men’s Shed', nested: { a: ['b'] } });
    });

    it('updates the same draft when saved again, keeping the link and counting the time from the last save', async () => {
      const first = await saveDraft(store, draft, { now, lifetimeDays: 30 });
      const later = new Date(now.getTime() + 10 * day);

      const second = await saveDraft(store, { ...draft, answers: { organisation: 'March Men’s Shed', amount: 400 } }, { token: first.token, now: later, lifetimeDays: 30 });

      expect(second.token).toBe(first.token);
      expect(second.expiresAt.toISOString()).toBe('2026-12-11T09:00:00.000Z');
      expect((await resumeDraft(store, first.token, later))!.answers).toEqual({ organisation: 'March Men’s Shed', amount: 400 });
    });

    it('is not returned once expired, and saving with its old link starts a new draft', async () => {
      const saved = await saveDraft(store, draft, { now, lifetimeDays: 30 });
      const afterExpiry = new Date(saved.expiresAt.getTime() + 1);

      expect(await resumeDraft(store, saved.token, new Date(saved.expiresAt.getTime() - 1))).toBeDefined();
      expect(await resumeDraft(store, saved.token, afterExpiry)).toBeUndefined();
      const again = await saveDraft(store, draft, { token: saved.token, now: afterExpiry });
      expect(again.token).not.toBe(saved.token);
    });

    it('finds nothing for a link that was never given', async () => {
      expect(await resumeDraft(store, 'made-up-token', now)).toBeUndefined();
    });

    it('purges expired drafts with their files and keeps the rest', async () => {
      const old = await saveDraft(store, draft, { now: at('2026-01-01T00:00:00Z'), lifetimeDays: 30 });
      await attachToDraft(store, old.token, checked('photo.png', samplePng()), at('2026-01-02T00:00:00Z'));
      const current = await saveDraft(store, draft, { now, lifetimeDays: 30 });
      const oldId = (await resumeDraft(store, old.token, at('2026-01-02T00:00:00Z')))!.id;

      expect(await purgeExpiredDrafts(store, now)).toBeGreaterThanOrEqual(1);

      expect(await count(store, 'SELECT count(*)::int AS n FROM drafts WHERE id = $1', [oldId])).toBe(0);
      expect(await count(store, 'SELECT count(*)::int AS n FROM attachments WHERE draft_id = $1', [oldId])).toBe(0);
      expect(await resumeDraft(store, current.token, now)).toBeDefined();
    });

    it('keeps files with the draft, lets one be removed, and refuses files for an expired draft', async () => {
      const saved = await saveDraft(store, draft, { now, lifetimeDays: 30 });

      const photo = await attachToDraft(store, saved.token, checked('photo.png', samplePng()), now);
      const plan = await attachToDraft(store, saved.token, checked('plan.docx', sampleDocx()), now);
      if (!photo || !plan || 'duplicateOf' in photo || 'duplicateOf' in plan) throw new Error('expected both files kept');
      expect(await removeDraftAttachment(store, saved.token, photo.id, now)).toBe(true);
      expect(await removeDraftAttachment(store, 'someone-else', plan.id, now)).toBe(false);

      expect((await resumeDraft(store, saved.token, now))!.attachments.map((file) => file.fileName)).toEqual(['plan.docx']);
      expect(await attachToDraft(store, saved.token, checked('late.pdf', samplePdf()), new Date(saved.expiresAt.getTime() + 1))).toBeUndefined();
    });

    it('keeps which requested document each file is, and the same file only once', async () => {
      const saved = await saveDraft(store, draft, { now, lifetimeDays: 30 });

      const accounts = await attachToDraft(store, saved.token, checked('accounts.pdf', samplePdf()), now, 'Your latest annual accounts');
      const again = await attachToDraft(store, saved.token, checked('accounts-copy.pdf', samplePdf()), now, 'Your constitution');

      expect(again).toEqual({ duplicateOf: accounts && 'id' in accounts ? accounts.id : 'kept' });
      const files = (await resumeDraft(store, saved.token, now))!.attachments;
      expect(files.map((file) => [file.fileName, file.document])).toEqual([['accounts.pdf', 'Your latest annual accounts']]);
    });

    it('hands its files to the submission made from it, and is gone afterwards', async () => {
      const saved = await saveDraft(store, draft, { now, lifetimeDays: 30 });
      await attachToDraft(store, saved.token, checked('accounts.pdf', samplePdf()), now);

      const receipt = await submit(store, anApplication({ draftToken: saved.token, attachments: [checked('photo.png', samplePng())] }), now);

      const kept = await findSubmission(store, receipt.reference);
      expect(kept!.attachments.map((file) => file.fileName).sort()).toEqual(['accounts.pdf', 'photo.png']);
      expect(await resumeDraft(store, saved.token, now)).toBeUndefined();
    });

    it('can be discarded by its owner', async () => {
      const saved = await saveDraft(store, draft, { now });
      expect(await discardDraft(store, saved.token)).toBe(true);
      expect(await resumeDraft(store, saved.token, now)).toBeUndefined();
    });
  });

  describe('the rate limit on form posts', () => {
    const minute = at('2026-11-23T10:15:00Z');
    const sameMinute = (seconds: number) => new Date(minute.getTime() + seconds * 1000);

    it('allows 10 posts a minute from one client and refuses the 11th', async () => {
      const client = await clientKeyFor(store, '192.0.2.10');
      const results = [];
      for (let post = 0; post < 11; post++) results.push(await countPost(store, client, sameMinute(post * 5), 10));

      expect(results.slice(0, 10).every((result) => result.allowed)).toBe(true);
      expect(results[10]).toEqual({ allowed: false, count: 11 });
    });

    it('starts counting again in the next minute', async () => {
      const client = await clientKeyFor(store, '192.0.2.11');
      for (let post = 0; post < 11; post++) await countPost(store, client, sameMinute(1), 10);

      expect(await countPost(store, client, sameMinute(60), 10)).toEqual({ allowed: true, count: 1 });
    });

    it('counts each client on its own', async () => {
      const busy = await clientKeyFor(store, '192.0.2.12');
      for (let post = 0; post < 11; post++) await countPost(store, busy, sameMinute(2), 10);

      expect((await countPost(store, await clientKeyFor(store, '192.0.2.13'), sameMinute(2), 10)).allowed).toBe(true);
    });

    it('counts posts arriving at the same moment exactly once each', async () => {
      const client = await clientKeyFor(store, '192.0.2.14');
      const results = await Promise.all(Array.from({ length: 20 }, () => countPost(store, client, sameMinute(3), 10)));

      expect(results.map((result) => result.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(results.filter((result) => result.allowed)).toHaveLength(10);
    });

    it('knows a client by a keyed hash that does not contain its address', async () => {
      const key = await clientKeyFor(store, '198.51.100.7');

      expect(key).not.toContain('198.51.100.7');
      expect(await clientKeyFor(store, '198.51.100.7')).toBe(key);
      expect(await clientKeyFor(store, '::ffff:198.51.100.7')).toBe(key);
      expect(await clientKeyFor(store, '198.51.100.8')).not.toBe(key);
      expect(await clientKeyFor(store, '2001:db8:1:2::a')).toBe(await clientKeyFor(store, '2001:db8:1:2:ffff::b'));
    });

    it('forgets the counts of past minutes when purged', async () => {
      const client = await clientKeyFor(store, '192.0.2.15');
      await countPost(store, client, sameMinute(4), 10);

      await purgeOldPostCounts(store, sameMinute(120));

      expect(await count(store, 'SELECT count(*)::int AS n FROM post_counts WHERE client_key = $1', [client])).toBe(0);
    });
  });
});
