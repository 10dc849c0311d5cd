import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTime } from '../../src/rules/clock';
import { checkAttachment } from '../../src/forms/file-type';
import type { Store } from '../../src/store';
import { attachToDraft, saveDraft } from '../../src/store/drafts';
import { enqueueMessages } from '../../src/store/outbox';
import { erasePersonalDataOf, exportPersonalData, findPersonalData, holdsNothing } from '../../src/store/personal-data';
import { addAccount, recordLoginAttempt, type Actor, type StaffAccount } from '../../src/store/staff';
import { findSubmission, newIdempotencyKey, submit } from '../../src/store/submissions';
import { testDatabases } from '../support/databases';
import { samplePdf } from '../support/sample-files';

const at = (iso: string) => new Date(iso);

describe.each(testDatabases)('subject access on $name', ({ skip, open }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  let store: Store;
  let admin: Actor;
  beforeAll(async () => {
    store = await open();
    const account: StaffAccount = await addAccount(store, { email: 'admin@example.org', role: 'admin', passwordHash: 'x' }, { commandLine: true });
    admin = { account };
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  async function applicantWithEverything(email: string) {
    const pdf = checkAttachment('constitution.pdf', samplePdf());
    if (!pdf.ok) throw new Error('sample PDF refused');
    const application = await submit(store, {
      idempotencyKey: newIdempotencyKey(),
      kind: 'application',
      fundId: 'small-sparks',
      answers: { stage: 'full', contact: { contactName: 'Pat Example', contactEmail: email }, project: { projectTitle: 'Picnic kit', amount: 300 } },
      attachments: [pdf.attachment],
      notifications: () => [{ purpose: 'applicant-confirmation', to: email, subject: 'Thanks', text: 'Dear Pat' }],
    });
    // Typed in other case, inside free text: still theirs.
    const enquiry = await submit(store, { idempotencyKey: newIdempotencyKey(), kind: 'enquiry', answers: { question: `Please write to ${email.toUpperCase()} about it` } });
    const draft = await saveDraft(store, { kind: 'application', fundId: 'small-sparks', answers: { sections: { contact: { contactEmail: email } } } });
    await attachToDraft(store, draft.token, pdf.attachment);
    await enqueueMessages(store, null, [{ purpose: 'draft-link', to: email, subject: 'Your saved application', text: 'link' }], currentTime());
    await recordLoginAttempt(store, email, 'client', false);
    return { application, enquiry };
  }

  it('finds every submission, draft, email and sign-in attempt that holds an address, and nobody else\'s', async () => {
    const { application, enquiry } = await applicantWithEverything('pat@example.org');
    await applicantWithEverything('someone.else@example.org');
    const found = await findPersonalData(store, ' Pat@Example.org ');
    expect(found.submissions.map((item) => item.reference).sort()).toEqual([application.reference, enquiry.reference].sort());
    expect(found.submissions.find((item) => item.kind === 'application')!.files.map((file) => file.fileName)).toEqual(['constitution.pdf']);
    expect(found.drafts).toHaveLength(1);
    expect(found.drafts[0]!.files).toHaveLength(1);
    expect(found.emails.map((item) => item.purpose).sort()).toEqual(['applicant-confirmation', 'draft-link']);
    expect(found.loginAttempts).toHaveLength(1);
    expect(found.staffAccount).toBeNull();
    expect(JSON.stringify(found)).not.toContain('someone.else');
  });

  it('matches the whole address only: not a longer address that ends or starts with it', async () => {
    const { application } = await applicantWithEverything('jo@example.org');
    await applicantWithEverything('anjo@example.org');
    await applicantWithEverything('jo@example.org.uk');
    const found = await findPersonalData(store, 'jo@example.org');
    expect(found.submissions.map((item) => item.reference)).toContain(application.reference);
    expect(found.submissions).toHaveLength(2);
    expect(found.emails).toHaveLength(2);
    expect(JSON.stringify(found)).not.toMatch(/anjo@|example\.org\.uk/);
  });

  it('exports the answers and files as JSON and logs the export with counts only', async () => {
    await applicantWithEverything('sam@example.org');
    const exported = await exportPersonalData(store, 'sam@example.org', admin, at('2026-11-24T10:00:00Z'));
    const json = JSON.parse(JSON.stringify(exported));
    expect(json.submissions.find((item: { kind: string }) => item.kind === 'application').answers.contact.contactEmail).toBe('sam@example.org');
    const file = json.submissions.find((item: { kind: string }) => item.kind === 'application').files[0];
    expect(Buffer.from(file.contentBase64, 'base64').toString('latin1')).toMatch(/^%PDF-/);
    const [log] = await store.query<{ actor: string; after: unknown }>("SELECT actor, after FROM audit_log WHERE action = 'personal-data.export'");
    expect(log).toEqual({ actor: 'admin@example.org', after: { submissions: 2, drafts: 1, emails: 2, loginAttempts: 1, staffAccount: 0 } });
  });

  it('erases it all, keeping an application\'s KPI answers, so a search then finds nothing', async () => {
    const { application } = await applicantWithEverything('kim@example.org');
    const erased = await erasePersonalDataOf(store, 'kim@example.org', admin);
    expect(erased).toEqual({ submissions: 2, attachments: 1, drafts: 1, emails: 2, loginAttempts: 1 });
    expect(holdsNothing(await findPersonalData(store, 'kim@example.org'))).toBe(true);
    expect((await findSubmission(store, application.reference))!.answers).toEqual({ stage: 'full', project: { projectTitle: 'Picnic kit', amount: 300 } });
    const logs = await store.query<{ after: unknown }>("SELECT after FROM audit_log WHERE action = 'personal-data.erase'");
    expect(JSON.stringify(logs)).not.toContain('kim@');
    // Someone else's data is untouched.
    expect((await findPersonalData(store, 'someone.else@example.org')).submissions.length).toBeGreaterThan(0);
  });

  it('lists a staff account but keeps it, since the audit log names it', async () => {
    await addAccount(store, { email: 'officer@example.org', role: 'officer', passwordHash: 'x' }, { commandLine: true });
    await recordLoginAttempt(store, 'officer@example.org', 'client', true);
    expect((await findPersonalData(store, 'officer@example.org')).staffAccount).toMatchObject({ email: 'officer@example.org', role: 'officer' });
    expect(await erasePersonalDataOf(store, 'officer@example.org', admin)).toMatchObject({ loginAttempts: 1 });
    expect((await findPersonalData(store, 'officer@example.org')).staffAccount).not.toBeNull();
  });
});
