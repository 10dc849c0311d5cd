/**
 * A fair panel, end to end in one journey: two applications sent through the public form, one with a bank
 * statement; a panel member sees neither while they are received, not even by address or attachment id; with
 * the panel, they see the general documents only, and no contact details; each member declares any conflict
 * before scoring, and a declared conflict takes the application away from them and shows to the officer; the
 * officer ranks by the scores, is refused "invite to apply in full" on a single-stage fund, and declines both
 * applications at once, each with its own history entry.
 *
 * Staff accounts must exist before the server starts (PGlite serves one process), so, as every staff
 * console spec, this runs on a console server of its own (staff-console.ts); one journey, to keep it lean.
 */
import { expect, test as base, type Browser, type Page } from '@playwright/test';
import { expectAccessible } from './accessibility';
import { completeDraft, sendDraft } from './applications';
import { declareNoConflict, score, served, signIn, startConsole } from './staff-console';

const accounts = { officer: 'panel-officer@example.org', ann: 'panel-ann@example.org', ben: 'panel-ben@example.org' };
// Small Sparks' requested documents (content/funds/small-sparks.md): the first is financial, the second is not.
const bankStatement = "If you have them: your group's bank details and a recent bank statement";
const quote = 'A quote, price list or link for anything you want to buy';
const pdfNamed = (name: string) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${name}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`) });

const test = base.extend<object, { panelServer: { url: string; orchard: string; bench: string } }>({
  panelServer: [
    async ({ playwright }, use) => {
      const server = await startConsole([
        { email: accounts.officer, role: 'officer' },
        { email: accounts.ann, role: 'panel', reviews: ['small-sparks/rolling'] },
        { email: accounts.ben, role: 'panel', reviews: ['small-sparks/rolling'] },
      ]);
      const headers = { origin: server.url };
      const orchardGroup = await playwright.request.newContext({ baseURL: server.url });
      await completeDraft(orchardGroup, server.url, 'Orchard Friends');
      // Two more documents, each said to be one of those the fund asks for.
      for (const [document, file] of [[bankStatement, pdfNamed('bank-statement.pdf')], [quote, pdfNamed('quote.pdf')]] as const) {
        const upload = await orchardGroup.post('/funds/small-sparks/apply/documents/', { multipart: { action: 'upload', documentFor: document, document: file }, headers, maxRedirects: 0 });
        expect(upload.status()).toBe(303);
      }
      const orchard = await sendDraft(orchardGroup, server.url);
      await orchardGroup.dispose();
      const benchGroup = await playwright.request.newContext({ baseURL: server.url });
      await completeDraft(benchGroup, server.url, 'Bench Makers');
      const bench = await sendDraft(benchGroup, server.url);
      await benchGroup.dispose();
      await use({ url: server.url, orchard, bench });
      await server.stop();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  baseURL: async ({ panelServer }, use) => use(panelServer.url),
});

async function signedIn(browser: Browser, url: string, email: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: url })).newPage();
  await signIn(page, email);
  await expect(page).toHaveURL(/\/staff\/applications\/$/);
  return page;
}

/** The officer moves an application to the panel, step by step, as the plain form does. */
async function toPanel(officer: Page, reference: string) {
  await officer.goto(`/staff/applications/${reference}/`);
  for (const step of ['Eligibility checked', 'Assessed', 'With the panel']) {
    await officer.getByLabel(step, { exact: true }).check();
    await officer.getByRole('button', { name: 'Save the new status' }).click();
    await expect(officer.locator('[data-status]')).toHaveText(step);
  }
}

test('the panel sees only what is theirs to judge, declares conflicts before scoring, and the officer ranks and decides several at once', async ({ browser, panelServer }) => {
  test.setTimeout(300_000);
  const { url, orchard, bench } = panelServer;
  const officer = await signedIn(browser, url, accounts.officer);
  const ann = await signedIn(browser, url, accounts.ann);

  // The officer sees every document, each marked by its kind; the one sent as "something else" waits for staff to say.
  await officer.goto(`/staff/applications/${orchard}/`);
  const documents = officer.locator('[data-documents]');
  await expect(documents.locator('[data-document="bank-statement.pdf"] [data-kind]')).toHaveText('Financial');
  await expect(documents.locator('[data-document="quote.pdf"] [data-kind]')).toHaveText('General');
  await expect(documents.locator('[data-document="constitution.pdf"] [data-kind]')).toHaveText('Kind not known');
  const statementHref = (await officer.getByRole('link', { name: 'Download bank-statement.pdf' }).getAttribute('href'))!;
  const quoteHref = (await officer.getByRole('link', { name: 'Download quote.pdf' }).getAttribute('href'))!;
  await officer.getByLabel('Kind of constitution.pdf').selectOption('general');
  const marked = await served(officer, officer.getByRole('button', { name: 'Save the kind constitution.pdf' }).click());
  await expect(documents.locator('[data-document="constitution.pdf"] [data-kind]')).toHaveText('General');
  await expect(officer.locator('[data-history]')).toContainText(`constitution.pdf marked as General, by ${accounts.officer}`);
  await expectAccessible(officer, marked);

  // Received: nothing of it reaches the panel, by the list, its address or a file's address.
  await ann.goto('/staff/applications/');
  await expect(ann.getByText('0 applications')).toBeVisible();
  for (const path of [`/staff/applications/${orchard}/`, `/staff/applications/${orchard}/scores/`, quoteHref, statementHref]) {
    expect((await ann.request.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
  }

  // With the panel: the application, without contact details, and its general documents only; never the bank statement.
  await toPanel(officer, orchard);
  await toPanel(officer, bench);
  await ann.goto('/staff/applications/');
  await expect(ann.getByText('2 applications')).toBeVisible();
  const seen = await served(ann, ann.goto(`/staff/applications/${orchard}/`));
  await expect(ann.getByText('Contact details are not shown to panel members.')).toBeVisible();
  expect(seen).not.toContain('alex@example.org');
  await expect(ann.locator('[data-document]')).toHaveCount(2);
  await expect(ann.getByRole('link', { name: 'Download bank-statement.pdf' })).toHaveCount(0);
  await expectAccessible(ann, seen);
  expect((await ann.request.get(quoteHref)).status()).toBe(200);
  expect((await ann.request.get(statementHref)).status()).toBe(404);

  // Before scoring, a declaration; scoring is refused without one, whatever is posted.
  const declaration = await served(ann, ann.getByRole('link', { name: 'Score this application' }).click());
  await expect(ann.getByRole('heading', { name: 'Any conflict of interest?' })).toBeVisible();
  await expectAccessible(ann, declaration);
  const csrf = await ann.locator('input[name="csrf"]').first().inputValue();
  const early = await ann.request.post(`/staff/applications/${orchard}/scores/`, { form: { csrf, 'score-1': '5', 'comment-1': 'x', 'score-2': '5', 'comment-2': 'x', 'score-3': '5', 'comment-3': 'x', 'score-4': '5', 'comment-4': 'x' }, headers: { origin: url } });
  expect(await early.text()).toContain('Any conflict of interest?');
  await ann.getByLabel('Yes, I have a conflict of interest').check();
  const noNote = await served(ann, ann.getByRole('button', { name: 'Save my declaration' }).click());
  await expect(ann.locator('.govuk-error-summary')).toContainText('Say what the conflict of interest is');
  await expectAccessible(ann, noNote);
  await declareNoConflict(ann);
  await score(ann, [5, 5, 4, 4], 'Ann on the orchard');
  await expect(ann.getByText('Your scores are saved.')).toBeVisible();
  await ann.goto(`/staff/applications/${bench}/scores/`);
  await declareNoConflict(ann);
  await score(ann, [2, 2, 1, 1], 'Ann on the benches');

  // Ben knows the Bench Makers: declaring it takes the application from him, by list and by address.
  const ben = await signedIn(browser, url, accounts.ben);
  await ben.goto(`/staff/applications/${bench}/scores/`);
  await ben.getByLabel('Yes, I have a conflict of interest').check();
  await ben.getByLabel('What is the conflict?').fill('My brother is the Bench Makers’ treasurer');
  const afterConflict = await served(ben, ben.getByRole('button', { name: 'Save my declaration' }).click());
  await expect(ben).toHaveURL(/\/staff\/applications\/\?conflict=1$/);
  await expect(ben.locator('[data-conflict-recorded]')).toBeVisible();
  await expect(ben.locator(`[data-application="${bench}"]`)).toHaveCount(0);
  await expect(ben.locator(`[data-application="${orchard}"]`)).toBeVisible();
  await expectAccessible(ben, afterConflict);
  expect((await ben.request.get(`/staff/applications/${bench}/`)).status()).toBe(404);

  // The officer sees the declaration, and ranks the applications by the panel's scores.
  await officer.goto(`/staff/applications/${bench}/`);
  await expect(officer.locator('[data-declarations]')).toContainText(`${accounts.ben}`);
  await expect(officer.locator('[data-declarations]')).toContainText('My brother is the Bench Makers’ treasurer');
  await expect(officer.locator('[data-history]')).toContainText(`Conflict of interest declared, by ${accounts.ben}`);
  await officer.goto('/staff/applications/');
  await officer.getByLabel('Order').selectOption('score');
  const ranked = await served(officer, officer.getByRole('button', { name: 'Show applications' }).click());
  const rows = officer.locator('tbody tr[data-application]');
  await expect(rows.nth(0)).toHaveAttribute('data-application', orchard);
  await expect(rows.nth(0).locator('[data-score]')).toHaveText('18 / 20 from 1');
  await expect(rows.nth(1)).toHaveAttribute('data-application', bench);
  await expect(rows.nth(1).locator('[data-score]')).toHaveText('6 / 20 from 1');
  await expectAccessible(officer, ranked);

  // A single-stage fund never invites a full application: not offered, and refused when forced.
  await officer.goto(`/staff/applications/${orchard}/decision/`);
  await expect(officer.getByLabel('Invited to apply in full')).toHaveCount(0);
  const officerCsrf = await officer.locator('input[name="csrf"]').first().inputValue();
  const forced = await officer.request.post(`/staff/applications/${orchard}/decision/`, { form: { csrf: officerCsrf, outcome: 'invited', letter: 'Please apply in full.' }, headers: { origin: url } });
  expect(await forced.text()).toContain('Only a fund with an outline stage and a full application can invite a group to apply in full');

  // One decision for both: each recorded on its own, with its own history entry.
  await officer.goto('/staff/applications/');
  for (const reference of [orchard, bench]) await officer.getByLabel(`Choose ${reference}`).check();
  const chosen = await served(officer, officer.getByRole('button', { name: 'Decide on the chosen applications' }).click());
  await expect(officer.locator('[data-chosen] li')).toHaveCount(2);
  await expectAccessible(officer, chosen);
  await officer.getByLabel('Declined', { exact: true }).check();
  await officer.getByLabel('Decision letter').fill('Thank you for applying. The panel could not fund your project this time.');
  const results = await served(officer, officer.getByRole('button', { name: 'Record the decision for each' }).click());
  for (const reference of [orchard, bench]) await expect(officer.locator(`[data-result="${reference}"]`)).toContainText('Recorded: Declined');
  await expectAccessible(officer, results);
  for (const reference of [orchard, bench]) {
    await officer.goto(`/staff/applications/${reference}/`);
    await expect(officer.locator('[data-status]')).toHaveText('Declined');
    await expect(officer.locator('[data-history]')).toContainText(`Decision: Declined, by ${accounts.officer}`);
  }
  for (const page of [officer, ann, ben]) await page.context().close();
});
