/**
 * Decision letters filled in from their merge fields when the decision is recorded, and what staff do to
 * an email on the Emails page (mark it sent by hand, send it again), each in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store';
import { recordDecision } from '../../src/store/decisions';
import { actOnEmail, emailHistory, enqueueMessages, listOutbox, markFailed, markSent, outboxEntries } from '../../src/store/outbox';
import { addAccount, type Actor, type StaffAccount } from '../../src/store/staff';
import { changeApplicationStatus } from '../../src/store/staff-applications';
import { newIdempotencyKey, submit } from '../../src/store/submissions';
import { mayActOnEmail } from '../../src/staff/roles';
import { testDatabases } from '../support/databases';

const commandLine: Actor = { commandLine: true };
const maxAttempts = 3;
const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 9, minute));

describe.each(testDatabases)('decision letters and emails staff act on, on $name', ({ skip, open }) => {
  if (skip) {
    it.skip(skip, () => undefined);
    return;
  }
  let store: Store;
  let officer: StaffAccount;
  let admin: StaffAccount;
  beforeAll(async () => {
    store = await open();
    officer = await addAccount(store, { email: 'officer@example.org', role: 'officer', passwordHash: 'x' }, commandLine);
    admin = await addAccount(store, { email: 'admin@example.org', role: 'admin', passwordHash: 'x' }, commandLine);
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  async function fundedWith(letter: string) {
    const receipt = await submit(store, {
      idempotencyKey: newIdempotencyKey(),
      kind: 'application',
      fundId: 'small-sparks',
      fundRound: 'rolling',
      answers: { stage: 'full', 'your-group': { groupName: 'Picnic Club' }, contact: { contactName: 'Alex Example', contactEmail: 'alex@example.org' }, project: { amount: 400 } },
    });
    for (const to of ['eligibility-checked', 'assessed', 'panel'] as const) await changeApplicationStatus(store, receipt.reference, { to }, { account: officer });
    const result = await recordDecision(store, receipt.reference, { outcome: 'funded', amount: '350', signpostedTo: '', letter }, { maximumAward: 500, name: 'Small Sparks' }, { account: officer }, at(0));
    const [email] = (await outboxEntries(store, receipt.id)).filter((entry) => entry.purpose === 'decision-letter');
    return { receipt, result, email: email! };
  }

  it('fills in the name, group, amount and private link where the letter asks, and keeps no link in the decision', async () => {
    const { result, email } = await fundedWith('Dear {{name}},\n\n{{group}} is awarded {{amount}}. Accept the offer here: {{link}}');
    expect(result).toMatchObject({ ok: true, decision: { letter: 'Dear Alex Example,\n\nPicnic Club is awarded £350. Accept the offer here: {{link}}' } });
    // A funded group's link is to its offer, which it accepts before anything else.
    const path = (result as { offerPath: string }).offerPath;
    expect(path).toMatch(/^\/offer\//);
    expect(email.text).toMatch(new RegExp(`^Dear Alex Example,\\n\\nPicnic Club is awarded £350\\. Accept the offer here: https?://[^ ]+${path.replaceAll('/', '\\/')}$`));
  });

  it('lets an officer mark an email sent by hand, so the mail server leaves it, and logs who did', async () => {
    const { email } = await fundedWith('Dear {{name}}, well done.');
    const done = await actOnEmail(store, email.id, 'mark-sent', { account: officer, maxAttempts, mayActOn: (purpose) => mayActOnEmail('officer', purpose) }, at(5));
    expect(done).toEqual({ ok: true, action: 'mark-sent' });
    const listed = (await listOutbox(store, { maxAttempts })).entries.find((entry) => entry.id === email.id);
    expect(listed).toMatchObject({ state: 'sent', sentAt: at(5), sentBy: 'officer@example.org', groupName: 'Picnic Club', kind: 'application' });
    expect((await emailHistory(store, [email.id])).get(email.id)).toEqual([{ at: at(5), actor: 'officer@example.org', action: 'email.mark-sent' }]);
    expect(await actOnEmail(store, email.id, 'mark-sent', { account: officer, maxAttempts, mayActOn: () => true }, at(6))).toEqual({ ok: false, problem: 'sent-already' });
  });

  it('sends a sent email again as a new copy, and a failed one again from its first try; refuses one still waiting', async () => {
    const { email } = await fundedWith('Dear {{name}}, well done.');
    const options = { account: officer, maxAttempts, mayActOn: () => true };
    expect(await actOnEmail(store, email.id, 'send-again', options, at(7))).toEqual({ ok: false, problem: 'waiting' });
    await markSent(store, email.id, at(8));
    const again = await actOnEmail(store, email.id, 'send-again', options, at(9));
    expect(again).toMatchObject({ ok: true, action: 'send-again', copyId: expect.any(Number) });
    const copy = (await listOutbox(store, { maxAttempts })).entries.find((entry) => entry.id === (again as { copyId: number }).copyId);
    expect(copy).toMatchObject({ state: 'waiting', to: email.to, subject: email.subject, text: email.text, attempts: 0 });

    await enqueueMessages(store, null, [{ purpose: 'staff-alert', to: 'team@example.org', subject: 'New enquiry', text: '.' }], at(10));
    const alert = (await outboxEntries(store)).at(-1)!;
    for (let attempt = 0; attempt < maxAttempts; attempt++) await markFailed(store, alert.id, '550 mailbox unavailable', at(11 + attempt));
    expect(await actOnEmail(store, alert.id, 'send-again', options, at(20))).toEqual({ ok: true, action: 'send-again' });
    expect((await listOutbox(store, { maxAttempts })).entries.find((entry) => entry.id === alert.id)).toMatchObject({ state: 'waiting', attempts: 0, lastError: null, nextAttemptAt: at(20) });
  });

  it('refuses a link to set a staff password to an officer, but not to an administrator', async () => {
    await enqueueMessages(store, null, [{ purpose: 'staff-password-link', to: 'officer@example.org', subject: 'Set your password', text: 'https://hub.example.org/staff/password/secret/' }], at(30));
    const link = (await outboxEntries(store)).at(-1)!;
    expect(await actOnEmail(store, link.id, 'mark-sent', { account: officer, maxAttempts, mayActOn: (purpose) => mayActOnEmail('officer', purpose) }, at(31))).toEqual({ ok: false, problem: 'not-allowed' });
    expect(mayActOnEmail('panel', 'decision-letter')).toBe(false);
    expect(await actOnEmail(store, link.id, 'mark-sent', { account: admin, maxAttempts, mayActOn: (purpose) => mayActOnEmail('admin', purpose) }, at(32))).toEqual({ ok: true, action: 'mark-sent' });
    expect((await listOutbox(store, { maxAttempts })).entries.find((entry) => entry.id === link.id)).toMatchObject({ accountId: officer.id, sentBy: 'admin@example.org' });
  });
});
