/**
 * Applying for a grant with our own form: one topic per page, mistakes shown with what was typed,
 * a budget that must add up, documents checked by their content, check your answers, a reference,
 * save and come back later, and a closed fund that takes nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { currentTime } from '../../src/rules/clock';
import { dayWhenOpen } from '../support/demo-days';
import { expectAccessible } from './accessibility';
import { completeDraft, pdf } from './applications';
import { startServer } from './own-server';

const referencePattern = /^[23456789ABCDEFGHJKMNPQRSTWXYZ]{8}$/;
const notAPdf = { name: 'accounts.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<script>alert(1)</script>') };

const continueButton = (page: Page) => page.getByRole('button', { name: 'Save and continue' });

async function fillGroupAndContact(page: Page) {
  await page.getByLabel('Name of your group').fill('Elm Road Seed Swappers');
  await page.getByLabel('A community group, club or a few neighbours').check();
  await page.getByRole('group', { name: 'Does your group have a bank account in its own name?' }).getByLabel('No').check();
  await continueButton(page).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contact details');
  await page.getByLabel('Full name').fill('Sam Example');
  await page.getByLabel('Email address').fill('sam@example.org');
  await page.getByLabel('Phone number').fill('01632 960 123');
  await continueButton(page).click();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('a group applies to Small Sparks, fixing mistakes on the way, and gets a reference', async ({ page }) => {
      // Ten pages and a dozen mistakes: a long journey on a busy machine.
      test.setTimeout(120_000);
      await page.goto('/funds/small-sparks/');
      await page.getByRole('link', { name: 'Apply now' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Apply to Small Sparks');
      await page.getByRole('link', { name: 'Start now' }).click();

      // Your group: nothing answered, so every question says what to do.
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your group');
      await continueButton(page).click();
      const summary = page.locator('.govuk-error-summary');
      await expect(summary.getByRole('link')).toHaveText(['Enter the name of your group', 'Select what kind of group it is', 'Select yes if your group has a bank account in its own name']);
      await expect(page).toHaveTitle(/^Error: /);
      await summary.getByRole('link', { name: 'Enter the name of your group' }).click();
      await expect(page.getByLabel('Name of your group')).toBeFocused();

      // A kind of group the fund does not take is refused, and what was typed stays.
      await page.getByLabel('Name of your group').fill('Elm Road Seed Swappers');
      await page.getByLabel('A registered charity').check();
      await continueButton(page).click();
      await expect(summary).toContainText('This fund does not accept applications from registered charities');
      await expect(page.getByLabel('Name of your group')).toHaveValue('Elm Road Seed Swappers');
      await page.getByLabel('A community group, club or a few neighbours').check();
      await page.getByRole('group', { name: 'Does your group have a bank account in its own name?' }).getByLabel('No').check();
      await continueButton(page).click();

      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contact details');
      await page.getByLabel('Full name').fill('Sam Example');
      await page.getByLabel('Email address').fill('sam@example.org');
      await page.getByLabel('Phone number').fill('01632 960 123');
      await continueButton(page).click();

      // Your project: the amount must be within the fund's range.
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your project');
      await page.getByLabel('Project name').fill('Seed swap shed');
      await page.getByLabel('Equipment').check();
      await page.getByLabel('What will you do?').fill('A shed on the allotments where neighbours swap seeds and seedlings every Saturday.');
      await page.getByLabel('Why is it needed?').fill('Forty households asked for it at the summer fair.');
      await page.getByLabel('How much are you asking for?').fill('£600');
      await continueButton(page).click();
      await expect(summary.getByRole('link')).toHaveText(['How much are you asking for must be between £50 and £500']);
      await expect(page.getByLabel('How much are you asking for?')).toHaveValue('£600');
      await page.getByLabel('How much are you asking for?').fill('450');
      await continueButton(page).click();

      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Where and who benefits');
      await page.getByLabel('Wisbech', { exact: true }).check();
      await page.getByLabel('About how many people will take part or benefit?').fill('40');
      await continueButton(page).click();

      await expect(page.getByRole('heading', { level: 1 })).toHaveText('How the community is involved');
      await page.getByLabel('How are local people involved in planning and running it?').fill('The allotment society runs it; members take turns to open the shed.');
      await page.getByLabel('Local associations').check();
      await continueButton(page).click();

      // Budget: the lines must add up to the amount asked.
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Budget');
      await expect(page.getByText('The lines must add up to the amount you are asking for: £450.')).toBeVisible();
      await page.getByLabel('Line 1: what it is for').fill('Second-hand shed');
      await page.getByLabel('Line 1: cost').fill('300');
      await page.getByLabel('Line 2: what it is for').fill('Shelving and seed trays');
      await continueButton(page).click();
      await expect(summary.getByRole('link')).toHaveText(['Enter the cost of line 2']);
      await page.getByLabel('Line 2: cost').fill('100');
      await continueButton(page).click();
      await expect(summary.getByRole('link')).toHaveText([/Your budget lines add up to £400 but you are asking for £450/]);
      await page.getByLabel('Line 2: cost').fill('150');
      await continueButton(page).click();

      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Timeline');
      const nextYear = String(currentTime().getUTCFullYear() + 1);
      await page.getByRole('group', { name: 'When will the project start?' }).getByLabel('Day').fill('1');
      await page.getByRole('group', { name: 'When will the project start?' }).getByLabel('Month').fill('4');
      await page.getByRole('group', { name: 'When will the project start?' }).getByLabel('Year').fill(nextYear);
      await page.getByRole('group', { name: 'When will it finish?' }).getByLabel('Day').fill('31');
      await page.getByRole('group', { name: 'When will it finish?' }).getByLabel('Month').fill('2');
      await page.getByRole('group', { name: 'When will it finish?' }).getByLabel('Year').fill(nextYear);
      await page.getByLabel('What will happen when?').fill('April: build the shed. May: first swap.');
      await continueButton(page).click();
      await expect(summary.getByRole('link')).toHaveText(['When will it finish: the date must be a real date']);
      await page.getByRole('group', { name: 'When will it finish?' }).getByLabel('Day').fill('30');
      await page.getByRole('group', { name: 'When will it finish?' }).getByLabel('Month').fill('9');
      await continueButton(page).click();

      // Documents: judged by what the file is, not what it is called.
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Documents');
      await page.getByLabel('Upload a file').setInputFiles(notAPdf);
      await page.getByRole('button', { name: 'Upload file' }).click();
      await expect(summary.getByRole('link')).toHaveText(['Select which document this file is', 'The selected file must be a PDF, DOCX, ODT, JPEG or PNG']);
      await page.getByLabel('Upload a file').setInputFiles(pdf);
      await page.getByRole('button', { name: 'Upload file' }).click();
      await expect(summary.getByRole('link')).toHaveText(['Select which document this file is']);
      await page.getByLabel('The names and addresses of three people in the group').check();
      await page.getByLabel('Upload a file').setInputFiles(pdf);
      await page.getByRole('button', { name: 'Upload file' }).click();
      await expect(page.locator('.govuk-summary-list__key')).toHaveText(['The names and addresses of three people in the group']);
      await expect(page.locator('.govuk-summary-list__value').first()).toContainText('constitution.pdf');
      await continueButton(page).click();

      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Declarations');
      await page.getByLabel('The information in this application is true').check();
      await continueButton(page).click();
      await expect(summary.getByRole('link')).toHaveText(['Confirm all three statements to send your application', 'Enter your full name']);
      await page.getByLabel('I am authorised to apply').check();
      await page.getByLabel('I agree that the people who decide').check();
      await page.getByLabel('Your full name').fill('Sam Example');
      await continueButton(page).click();

      // Check your answers, change one, and come straight back.
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers before sending your application');
      await expect(page.locator('.govuk-summary-list__row', { hasText: 'How much are you asking for?' })).toContainText('£450');
      await expect(page.locator('.govuk-summary-list__row', { hasText: 'Budget' })).toContainText('Second-hand shed: £300');
      await page.getByRole('link', { name: 'Change Project name' }).click();
      await page.getByLabel('Project name').fill('Saturday seed swap shed');
      await continueButton(page).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers before sending your application');
      await expect(page.locator('.govuk-summary-list__row', { hasText: 'Project name' })).toContainText('Saturday seed swap shed');

      await page.getByRole('button', { name: 'Accept and send' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Application sent');
      await expect(page.locator('[data-reference]')).toHaveText(referencePattern);
      await expect(page.getByText('We have sent a confirmation email to sam@example.org.')).toBeVisible();
    });
  });
}

test('an unfinished application cannot be sent: check your answers says which sections to finish', async ({ page }) => {
  await page.goto('/funds/small-sparks/apply/your-group/');
  await fillGroupAndContact(page);
  await page.goto('/funds/small-sparks/apply/check/');
  await expect(page.locator('#your-group + .govuk-summary-list')).toContainText('Elm Road Seed Swappers');
  await page.getByRole('button', { name: 'Accept and send' }).click();
  const summary = page.locator('.govuk-error-summary');
  await expect(summary).toContainText('“Your project” is not finished');
  await summary.getByRole('link', { name: '“Budget” is not finished' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Budget');
});

test('saving for later gives a private link that brings the answers back on another device', async ({ page, browser }) => {
  await page.goto('/funds/small-sparks/apply/your-group/');
  await page.getByLabel('Name of your group').fill('Half-finished Hobby Club');
  await page.getByRole('button', { name: 'Save and come back later' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your answers have been saved');
  const link = await page.locator('[data-resume-link]').getAttribute('href');
  expect(link).toMatch(/\/funds\/small-sparks\/apply\/resume\/[A-Za-z0-9_-]{40,}\/$/);

  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await other.goto(link!);
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('Check your answers before sending your application');
  await other.getByRole('link', { name: /Complete this section\s*: Your group/ }).click();
  await expect(other.getByLabel('Name of your group')).toHaveValue('Half-finished Hobby Club');
  await elsewhere.close();

  await page.goto('/funds/small-sparks/apply/resume/not-a-real-link-at-all-000000/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link has expired or does not work');
});

test('a closed fund takes no applications', async ({ page, request, baseURL }) => {
  await page.goto('/funds/community-building-improvement/apply/');
  await expect(page.getByText('This fund is not accepting applications at the moment.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Start now' })).toHaveCount(0);
  const post = await request.post('/funds/community-building-improvement/apply/your-group/', { form: { groupName: 'Late Club' }, headers: { origin: new URL(baseURL!).origin }, maxRedirects: 0 });
  expect(post.status()).toBe(303);
  expect(post.headers().location).toBe('/funds/community-building-improvement/apply/');
});

test('a two-stage fund asks for an outline proposal first', async ({ page }) => {
  // On a server of its own, on a day the fund takes outlines, whatever today is: it opens and migrates a database first, slow on a busy machine.
  test.setTimeout(180_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'community-hub-outline-'));
  const server = await startServer({ DATA_DIR: dataDir, HUB_TODAY: dayWhenOpen('cambridgeshire-communities-innovation-fund') });
  try {
    await page.goto(`${server.origin}/funds/cambridgeshire-communities-innovation-fund/apply/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Send an outline proposal to Cambridgeshire Communities Innovation Fund');
    await page.getByRole('link', { name: 'Start now' }).click();
    await expect(page.locator('.govuk-caption-l')).toHaveText('Cambridgeshire Communities Innovation Fund: section 1 of 5');
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the same application sent 20 times at once is kept once, and every reply shows its reference', async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  await completeDraft(request, baseURL!);
  const replies = await Promise.all(
    Array.from({ length: 20 }, () => request.post('/funds/small-sparks/apply/check/', { form: {}, headers: { origin: new URL(baseURL!).origin } })),
  );
  const references = await Promise.all(replies.map(async (reply) => {
    expect(reply.status()).toBe(200);
    return /data-reference>([^<]+)</.exec(await reply.text())?.[1];
  }));
  expect(references[0]).toMatch(referencePattern);
  expect(new Set(references)).toEqual(new Set([references[0]]));
  await request.dispose();
});

test('coming back to a sent application, or sending it again, says it was already sent, with the same reference', async ({ page, baseURL }) => {
  await completeDraft(page.request, baseURL!);
  await page.goto('/funds/small-sparks/apply/check/');
  await page.getByRole('button', { name: 'Accept and send' }).click();
  const reference = await page.locator('[data-reference]').textContent();
  await page.goto('/funds/small-sparks/apply/check/');
  await expect(page.getByText('You have already sent this.')).toBeVisible();
  await expect(page.locator('[data-reference]')).toHaveText(reference!);
  const again = await page.request.post('/funds/small-sparks/apply/check/', { form: {}, headers: { origin: new URL(baseURL!).origin } });
  expect(await again.text()).toContain(`data-reference>${reference}<`);
});

test('pages with a file, answers to check, a confirmation and mistakes pass the accessibility checks', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const served = async (action: Promise<unknown>) => (await Promise.all([page.waitForResponse((response) => response.request().isNavigationRequest()), action]))[0].text();
  await completeDraft(page.request, baseURL!);
  const documents = await served(page.goto('/funds/small-sparks/apply/documents/'));
  await expect(page.locator('.govuk-summary-list__key')).toHaveText(['Another document']);
  await expect(page.locator('.govuk-summary-list__value').first()).toContainText('constitution.pdf');
  await expectAccessible(page, documents);

  await expectAccessible(page, await served(page.goto('/funds/small-sparks/apply/check/')));
  const confirmation = await served(page.getByRole('button', { name: 'Accept and send' }).click());
  await expect(page.locator('[data-reference]')).toHaveText(referencePattern);
  await expectAccessible(page, confirmation);

  await completeDraft(page.request, baseURL!);
  await page.goto('/funds/small-sparks/apply/budget/');
  await page.getByLabel('Line 2: cost').fill('ten pounds');
  const mistakes = await served(continueButton(page).click());
  await expect(page.locator('.govuk-error-summary')).toBeVisible();
  await expectAccessible(page, mistakes);
});
