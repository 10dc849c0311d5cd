/**
 * Personal data end to end, on a server of its own: a funded project reports back through its private
 * feedback link (without JavaScript), staff see the feedback, and an admin finds everything held about
 * the applicant's email, downloads it as JSON and erases it; officers and panel members may not.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { expect, test as base } from '@playwright/test';
import { expectAccessible } from './accessibility';
import { served, signIn, startConsole, tabTo } from './staff-console';

const accounts = { admin: 'admin@example.org', officer: 'officer@example.org', panel: 'panel@example.org' };
const applicant = 'pat@example.org';
// checkAttachment reads a file's first bytes: these are a JPEG's.
const photo = { name: 'picnic.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0xff, 0xd9]) };

const test = base.extend<object, { personalDataServer: { url: string; reference: string; feedbackPath: string } }>({
  personalDataServer: [
    async ({}, use) => {
      let funded = { reference: '', path: '' };
      const roles = ['admin', 'officer', 'panel'] as const;
      const server = await startConsole(roles.map((role) => ({ email: accounts[role], role })), (dataDir) => {
        // The funded application and its feedback link, made by the store as a decision would make them (PGlite: before the server opens it).
        const made = execFileSync('npx', ['vite-node', 'tests/e2e/funded-project.ts'], { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' });
        funded = JSON.parse(made.trim().split('\n').at(-1)!) as typeof funded;
      });
      await use({ url: server.url, reference: funded.reference, feedbackPath: funded.path });
      await server.stop();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  baseURL: async ({ personalDataServer }, use) => use(personalDataServer.url),
});

// In order, on one server: the feedback is sent before the applicant's data is erased.
test.describe.configure({ mode: 'serial' });

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the feedback form, used by keyboard, lists its problems and keeps what was typed', async ({ page, personalDataServer }) => {
    await page.goto(personalDataServer.feedbackPath);
    await tabTo(page, page.getByLabel('What did your project achieve?'));
    await page.keyboard.type('Twelve picnics in the park');
    await page.keyboard.press('Tab');
    await page.keyboard.type('lots');
    await page.keyboard.press('Enter');
    await expect(page.locator('.govuk-error-summary')).toContainText('Enter how many people your project reached, as a whole number like 40');
    await expect(page.getByLabel('What did your project achieve?')).toHaveValue('Twelve picnics in the park');
    await expect(page.getByLabel('How many people did your project reach?')).toHaveValue('lots');
  });
});

test('a funded project reports back through its private link once, with its problems listed and what it typed kept', async ({ page, personalDataServer }) => {
  test.setTimeout(120_000);
  const { feedbackPath, reference } = personalDataServer;
  const form = await served(page, page.goto(feedbackPath));
  await expect(page.getByRole('heading', { level: 1, name: 'Tell us how your project went' })).toBeVisible();
  await expect(page.getByText('March <b>Picnic</b> Club: Picnic kit')).toBeVisible();
  await expectAccessible(page, form);

  await page.getByLabel('What did your project achieve?').fill('Twelve picnics in the park');
  await page.getByLabel('How many people did your project reach?').fill('lots');
  await page.getByLabel('Photo 1 (optional)').setInputFiles(photo);
  const problems = await served(page, page.getByRole('button', { name: 'Send' }).click());
  const summary = page.locator('.govuk-error-summary');
  await expect(summary).toContainText('Enter how many people your project reached, as a whole number like 40');
  await expect(summary).toContainText('Describe what the photo shows, then choose the photo again');
  await expect(page.getByLabel('What did your project achieve?')).toHaveValue('Twelve picnics in the park');
  await expect(page.getByLabel('How many people did your project reach?')).toHaveValue('lots');
  await expect(page).toHaveTitle(/^Error: /);
  await expectAccessible(page, problems);

  await page.getByLabel('How many people did your project reach?').fill('140');
  await page.getByLabel('Photo 1 (optional)').setInputFiles(photo);
  await page.getByLabel('Describe photo 1').fill('People on rugs in the park');
  await page.getByLabel('A story to share (optional)').fill('Doris met her neighbours <script>alert(1)</script>');
  await page.getByLabel('The hub team may publish my story').check();
  const thanks = await served(page, page.getByRole('button', { name: 'Send' }).click());
  await expect(page.getByRole('heading', { level: 1, name: 'Thank you for your feedback' })).toBeVisible();
  await expect(page.locator('[data-reference]')).toHaveText(reference);
  await expectAccessible(page, thanks);

  // The link says thank you from now on and takes nothing more.
  const again = await served(page, page.goto(feedbackPath));
  await expect(page.getByText(`Feedback for ${reference} has already been sent`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send' })).toHaveCount(0);
  await expectAccessible(page, again);
  const resend = await page.request.post(feedbackPath, { form: { outputs: 'Again', peopleReached: '1' }, headers: { origin: personalDataServer.url } });
  expect(await resend.text()).toContain('has already been sent');

  // An unknown link is a page that says so, not an error.
  expect((await page.request.get('/feedback/this-link-does-not-exist-00000000000000000000/')).status()).toBe(404);
});

test('an officer sees the feedback on the application, with the story as text', async ({ page, personalDataServer }) => {
  await signIn(page, accounts.officer);
  await expect(page).toHaveURL(/\/staff\/applications\/$/);
  const application = await served(page, page.goto(`/staff/applications/${personalDataServer.reference}/`));
  const feedback = page.locator('[data-feedback]');
  await expect(feedback).toContainText('Twelve picnics in the park');
  await expect(feedback).toContainText('140');
  await expect(feedback).toContainText('Doris met her neighbours <script>alert(1)</script>');
  await expect(feedback.getByRole('link', { name: 'picnic.jpg' })).toBeVisible();
  await expect(page.locator('[data-status]')).toHaveText('Feedback received');
  await expectAccessible(page, application);
});

test('an admin finds what is held about an applicant, downloads it as JSON, erases it, and a search then finds nothing', async ({ page, personalDataServer }) => {
  test.setTimeout(120_000);
  await signIn(page, accounts.admin);
  await expect(page).toHaveURL(/\/staff\/applications\/$/);
  const start = await served(page, page.getByRole('link', { name: 'Personal data' }).click());
  await expect(page.getByRole('heading', { level: 1, name: 'Personal data held about someone' })).toBeVisible();
  await expectAccessible(page, start);

  const problem = await served(page, page.getByRole('button', { name: 'Find personal data' }).click());
  await expect(page.locator('.govuk-error-summary')).toContainText('Enter the email address to search for');
  await expectAccessible(page, problem);

  await page.getByLabel('Email address').fill(' Pat@Example.org ');
  const found = await served(page, page.getByRole('button', { name: 'Find personal data' }).click());
  await expect(page.locator('[data-submissions]')).toContainText('application');
  await expect(page.locator('[data-submissions]')).toContainText('picnic.jpg');
  // The story the project let the hub publish waits in the moderation queue with the contact's address.
  await expect(page.locator('[data-submissions]')).toContainText('story');
  await expect(page.locator('[data-emails]')).toContainText('Tell us how your project went');
  await expectAccessible(page, found);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as JSON' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^personal-data-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as { email: string; submissions: { answers: { contact?: { contactEmail?: string; contactName?: string } } }[] };
  expect(exported.email).toBe(applicant);
  expect(exported.submissions[0]!.answers.contact).toMatchObject({ contactEmail: applicant, contactName: 'Pat Example' });

  const confirm = await served(page, page.getByRole('button', { name: 'Erase this personal data' }).click());
  await expect(page.getByRole('heading', { level: 1, name: `Erase the personal data held about ${applicant}?` })).toBeVisible();
  await expectAccessible(page, confirm);
  const erased = await served(page, page.getByRole('button', { name: 'Yes, erase it' }).click());
  // The application, and the story its feedback shared (with its copy of the photo).
  await expect(page.locator('[data-erased]')).toContainText('Erased: 2 forms, 2 files');
  await expectAccessible(page, erased);

  await page.getByLabel('Email address').fill(applicant);
  await page.getByRole('button', { name: 'Find personal data' }).click();
  await expect(page.locator('[data-nothing]')).toHaveText(`Nothing is held about ${applicant}.`);

  // The application stays for the KPI report, its answers down to what the report reads.
  const erasedApplication = await served(page, page.goto(`/staff/applications/${personalDataServer.reference}/`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(personalDataServer.reference);
  await expect(page.getByRole('main')).toContainText('Picnic kit');
  await expect(page.locator('[data-erased-at]')).toContainText('Personal data erased on');
  await expect(page.getByRole('main')).not.toContainText('Pat Example');
  await expect(page.getByRole('main')).not.toContainText(applicant);
  await expectAccessible(page, erasedApplication);
});

test('officers and panel members may not reach personal data', async ({ browser, personalDataServer }) => {
  for (const email of [accounts.officer, accounts.panel]) {
    const context = await browser.newContext({ baseURL: personalDataServer.url });
    const page = await context.newPage();
    await signIn(page, email);
    await expect(page).toHaveURL(/\/staff\/applications\/$/);
    await expect(page.getByRole('link', { name: 'Personal data' })).toHaveCount(0);
    expect((await page.request.get('/staff/personal-data/', { maxRedirects: 0 })).status(), email).toBe(403);
    const token = await page.locator('input[name="csrf"]').first().inputValue();
    const exported = await page.request.post('/staff/personal-data/export/', { form: { csrf: token, email: applicant }, headers: { origin: personalDataServer.url }, maxRedirects: 0 });
    expect(exported.status(), email).toBe(403);
    await context.close();
  }
});
