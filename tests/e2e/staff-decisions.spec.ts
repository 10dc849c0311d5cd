/**
 * The fund's process end to end: an officer moves an application sent through the public form to the
 * panel, two panel members score every criterion (one changes a score), the officer sees each score with
 * the totals and averages, is refused a too-large award with what they typed kept, then funds it; the
 * application shows the decision and its letter, and the history has every step.
 *
 * On a server of its own, started after the accounts are made (see staff-console.ts).
 */
import { expect, test as base, type Browser, type Page } from '@playwright/test';
import { expectAccessible } from './accessibility';
import { completeDraft, pdf, sendDraft } from './applications';
import { dayWhenOpen } from '../support/demo-days';
import { declareNoConflict, score, served, signIn, smallSparksCriteria, startConsole, tabTo } from './staff-console';

const accounts = { officer: 'officer@example.org', ann: 'ann@example.org', ben: 'ben@example.org' };
// Stored as typed and shown as text everywhere.
const groupName = 'Scored <script>alert(1)</script> Club';
const criteria = smallSparksCriteria;

// The server runs on a day the two-stage fund takes outlines, whatever today is.
const serverDay = dayWhenOpen('cambridgeshire-communities-innovation-fund');

const test = base.extend<object, { decisionServer: { url: string; reference: string } }>({
  decisionServer: [
    async ({ playwright }, use) => {
      const server = await startConsole([
        { email: accounts.officer, role: 'officer' },
        { email: accounts.ann, role: 'panel', reviews: ['small-sparks/rolling'] },
        { email: accounts.ben, role: 'panel', reviews: ['small-sparks/rolling'] },
      ], undefined, { HUB_TODAY: serverDay });
      const request = await playwright.request.newContext({ baseURL: server.url });
      await completeDraft(request, server.url, groupName);
      const reference = await sendDraft(request, server.url);
      await request.dispose();
      await use({ url: server.url, reference });
      await server.stop();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  baseURL: async ({ decisionServer }, use) => use(decisionServer.url),
});

// In order, on one server; each test signs in and makes its own application.
test.describe.configure({ mode: 'default' });

async function signedIn(browser: Browser, url: string, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: url });
  const page = await context.newPage();
  await signIn(page, email);
  await expect(page).toHaveURL(/\/staff\/applications\/$/);
  return page;
}

test('an officer takes an application to the panel, two members score it and the officer funds it', async ({ browser, page, decisionServer }) => {
  test.setTimeout(240_000);
  const { url, reference } = decisionServer;
  const applicationPath = `/staff/applications/${reference}/`;

  // The officer moves it on one step at a time; the plain form never offers a decision.
  await signIn(page, accounts.officer);
  await page.goto(applicationPath);
  await expect(page.locator('[data-status]')).toHaveText('Received');
  await expect(page.locator('input[name="status"]')).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Record the decision' })).toBeVisible();
  for (const step of ['Eligibility checked', 'Assessed', 'With the panel']) {
    await page.getByLabel(step, { exact: true }).check();
    await page.getByRole('button', { name: 'Save the new status' }).click();
    await expect(page.locator('[data-status]')).toHaveText(step);
  }
  await expect(page.locator('input[name="status"]')).toHaveCount(0);

  // A decision status cannot be reached through the plain form, whatever it is made to send.
  const csrf = await page.locator('input[name="csrf"]').first().inputValue();
  const forced = await page.request.post(applicationPath, { form: { csrf, status: 'funded' }, headers: { origin: url } });
  expect(await forced.text()).toContain('A decision is recorded with its letter');

  const noScores = await served(page, page.getByRole('link', { name: 'See the panel’s scores' }).click());
  await expect(page.getByText('No panel member has scored this application yet.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save my scores' })).toHaveCount(0);
  await expectAccessible(page, noScores);

  // The first panel member: an incomplete form is refused with what was typed kept, then saved, then changed.
  const ann = await signedIn(browser, url, accounts.ann);
  await ann.goto(applicationPath);
  // Before scoring, each member declares any conflict of interest.
  const declaration = await served(ann, ann.getByRole('link', { name: 'Score this application' }).click());
  await expect(ann.getByRole('button', { name: 'Save my scores' })).toHaveCount(0);
  await expectAccessible(ann, declaration);
  const form = await declareNoConflict(ann);
  await expect(ann.getByText('You declared no conflict of interest with this application.')).toBeVisible();
  await expectAccessible(ann, form);
  await ann.getByRole('group', { name: `Score for ${criteria[0]}` }).getByLabel('4', { exact: true }).check();
  await ann.getByLabel(`Comment on ${criteria[0]}`).fill('Neighbours <b>meet</b>');
  const incomplete = await served(ann, ann.getByRole('button', { name: 'Save my scores' }).click());
  const summary = ann.locator('.govuk-error-summary');
  await expect(summary).toContainText(`Choose a score from 0 to 5 for ${criteria[1]}`);
  await expect(summary).toContainText(`Enter a comment on ${criteria[3]}`);
  await expect(summary).not.toContainText(criteria[0]!);
  await expect(ann.getByRole('group', { name: `Score for ${criteria[0]}` }).getByLabel('4', { exact: true })).toBeChecked();
  await expect(ann.getByLabel(`Comment on ${criteria[0]}`)).toHaveValue('Neighbours <b>meet</b>');
  await expectAccessible(ann, incomplete);
  await score(ann, [4, 3, 5, 1], 'Ann <b>on</b>');
  await expect(ann.getByText('Your scores are saved.')).toBeVisible();
  await expect(ann.getByRole('group', { name: `Score for ${criteria[3]}` }).getByLabel('1', { exact: true })).toBeChecked();
  await ann.getByRole('group', { name: `Score for ${criteria[3]}` }).getByLabel('2', { exact: true }).check();
  await ann.getByRole('button', { name: 'Save my scores' }).click();
  await expect(ann.getByText('Your scores are saved.')).toBeVisible();
  // A panel member never decides.
  expect((await ann.goto(`${applicationPath}decision/`))?.status()).toBe(403);

  // The second panel member scores by keyboard: Tab to the first score, arrows to choose, Tab on.
  const ben = await signedIn(browser, url, accounts.ben);
  await ben.goto(`${applicationPath}scores/`);
  await declareNoConflict(ben);
  for (const [index, criterion] of criteria.entries()) {
    const lowest = ben.getByRole('group', { name: `Score for ${criterion}` }).getByLabel('0', { exact: true });
    await tabTo(ben, lowest);
    await ben.keyboard.press('Space');
    for (let step = 0; step < [2, 3, 3, 4][index]!; step++) await ben.keyboard.press('ArrowRight');
    await ben.keyboard.press('Tab');
    await ben.keyboard.type(`Ben on ${index + 1}`);
  }
  await tabTo(ben, ben.getByRole('button', { name: 'Save my scores' }));
  await ben.keyboard.press('Enter');
  await expect(ben.getByText('Your scores are saved.')).toBeVisible();
  // Each member sees only their own scores.
  await expect(ben.locator('[data-scores]')).toHaveCount(0);
  expect(await ben.content()).not.toContain('Ann &lt;b&gt;on');

  // The officer sees every score, each member's total, and the total and average per criterion and overall.
  const scores = await served(page, page.goto(`${applicationPath}scores/`));
  const table = page.locator('[data-scores]');
  await expect(table.locator('thead th')).toHaveText(['Criterion', accounts.ann, accounts.ben, 'Total', 'Average']);
  const expected = [
    [criteria[0], '4', '2', '6', '3'],
    [criteria[1], '3', '3', '6', '3'],
    [criteria[2], '5', '3', '8', '4'],
    [criteria[3], '2', '4', '6', '3'],
    ['Total, out of 20', '14', '12', '26', '13'],
  ];
  for (const [index, row] of expected.entries()) await expect(table.locator('tbody tr').nth(index).locator('th, td')).toHaveText(row as string[]);
  await expect(page.locator('[data-overall]')).toHaveText('Overall: 26 points from 2 panel members; an average total of 13 out of 20, and an average score of 3.3 out of 5.');
  await expect(page.locator(`[data-comments="${criteria[0]}"]`)).toContainText('Ann <b>on</b> 1');
  await expect(page.locator(`[data-comments="${criteria[0]}"] b`)).toHaveCount(0);
  await expectAccessible(page, scores);

  // The decision, by keyboard: too much is refused with everything typed kept.
  await page.goto(applicationPath);
  await tabTo(page, page.getByRole('link', { name: 'Record the decision' }));
  const decisionForm = await served(page, page.keyboard.press('Enter'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Decision on application ${reference}`);
  await expectAccessible(page, decisionForm);
  await tabTo(page, page.getByLabel('Funded', { exact: true }));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByLabel('Amount awarded'));
  await page.keyboard.type('300');
  await tabTo(page, page.getByLabel('Decision letter'));
  const letter = 'Dear Scored Club, <i>well done</i>: we are pleased to fund your picnic kit.';
  await page.keyboard.type(letter);
  await tabTo(page, page.getByRole('button', { name: 'Record the decision' }));
  const refused = await served(page, page.keyboard.press('Enter'));
  await expect(page.locator('.govuk-error-summary')).toContainText('The amount awarded must not be more than the £200 the group asked for');
  await expect(page.getByLabel('Amount awarded')).toHaveValue('300');
  await expect(page.getByLabel('Decision letter')).toHaveValue(letter);
  await expect(page.getByLabel('Funded', { exact: true })).toBeChecked();
  await expectAccessible(page, refused);
  await expect(page.getByRole('link', { name: 'The amount awarded must not be more than the £200 the group asked for' })).toHaveAttribute('href', '#amount');

  await page.getByLabel('Amount awarded').fill('150');
  const confirmation = await served(page, page.getByRole('button', { name: 'Record the decision' }).click());
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Decision recorded: Funded');
  await expect(page.locator('[data-amount-awarded]')).toHaveText('£150');
  await expect(page.locator('[data-feedback-link]')).toContainText(`${url}/feedback/`);
  await expectAccessible(page, confirmation);
  // The link the officer is shown is the project's working feedback link.
  const feedbackLink = (await page.locator('[data-feedback-link]').textContent())!.trim();
  const feedbackPage = await browser.newPage();
  await feedbackPage.goto(feedbackLink);
  await expect(feedbackPage.getByRole('heading', { level: 1 })).toHaveText('Tell us how your project went');
  await feedbackPage.close();

  // The application shows the decision, its letter as text, and every step in its history.
  const decided = await served(page, page.getByRole('link', { name: 'Back to the application' }).click());
  await expect(page.locator('[data-status]')).toHaveText('Funded');
  await expect(page.locator('[data-decision]')).toHaveText('Funded');
  await expect(page.locator('[data-amount-awarded]')).toHaveText('£150');
  await expect(page.locator('[data-letter]')).toHaveText(letter);
  await expect(page.locator('[data-letter] i')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Record the decision' })).toHaveCount(0);
  const history = page.locator('[data-history] li');
  await expect(history).toHaveCount(9);
  for (const [index, text] of [
    `Eligibility checked, by ${accounts.officer}`,
    `Assessed, by ${accounts.officer}`,
    `With the panel, by ${accounts.officer}`,
    `No conflict of interest declared, by ${accounts.ann}`,
    `Scores saved, by ${accounts.ann}`,
    `Scores saved, by ${accounts.ann}`,
    `No conflict of interest declared, by ${accounts.ben}`,
    `Scores saved, by ${accounts.ben}`,
    `Decision: Funded, by ${accounts.officer} Awarded £150.`,
  ].entries()) {
    await expect(history.nth(index)).toContainText(text);
  }
  await expect(page.getByText(groupName, { exact: true })).toBeVisible();
  await expectAccessible(page, decided);

  // Decided once only, and scoring is closed.
  await page.goto(`${applicationPath}decision/`);
  await expect(page.getByText('A decision has already been recorded on this application.')).toBeVisible();
  const closed = await served(ann, ann.goto(`${applicationPath}scores/`));
  await expect(ann.locator('[data-scoring-closed]')).toContainText('It is now: Funded.');
  await expect(ann.getByRole('button', { name: 'Save my scores' })).toHaveCount(0);
  await expect(ann.locator('[data-my-scores]')).toContainText('Ann <b>on</b> 4');
  await expectAccessible(ann, closed);
  await ann.context().close();
  await ben.context().close();
});

test('an ineligible application is signposted elsewhere straight away, with its letter, and nobody scores it', async ({ browser, page, playwright, decisionServer }) => {
  test.setTimeout(180_000);
  const { url } = decisionServer;
  const request = await playwright.request.newContext({ baseURL: url });
  await completeDraft(request, url, 'Elsewhere Club');
  const reference = await sendDraft(request, url);
  await request.dispose();
  const applicationPath = `/staff/applications/${reference}/`;

  await signIn(page, accounts.officer);
  await page.goto(applicationPath);
  await page.getByRole('link', { name: 'Record the decision' }).click();
  // Before assessment only declining or signposting is offered, and no amount.
  await expect(page.locator('input[name="outcome"]')).toHaveCount(2);
  await expect(page.getByLabel('Funded', { exact: true })).toHaveCount(0);
  await expect(page.getByLabel('Amount awarded')).toHaveCount(0);
  await page.getByLabel('Signposted elsewhere', { exact: true }).check();
  const mistakes = await served(page, page.getByRole('button', { name: 'Record the decision' }).click());
  const summary = page.locator('.govuk-error-summary');
  await expect(summary).toContainText('Enter where the group was signposted to');
  await expect(summary).toContainText('Enter the decision letter');
  await expect(page.getByLabel('Signposted elsewhere', { exact: true })).toBeChecked();
  await expectAccessible(page, mistakes);

  await page.getByLabel('Where the group was signposted to').fill('Citizens Advice <Fenland>');
  // The letter starts from the fund's own signposting letter, filled in, and is previewed as it will be sent.
  const previewed = await served(page, page.getByRole('button', { name: 'Preview the letter' }).click());
  const started = "Dear Alex Example,\n\nThank you for telling us about Elsewhere Club's idea. It is not one Small Sparks can pay for, but we think the help below suits it better.\n\nBest wishes,\nThe Small Sparks team";
  await expect(page.getByLabel('Decision letter')).toHaveValue(started);
  await expect(page.locator('[data-letter-preview]')).toContainText("Thank you for telling us about Elsewhere Club's idea.");
  await expectAccessible(page, previewed);
  const letter = started.replace('Best wishes', 'Citizens Advice <Fenland> can help.\n\nBest wishes');
  await page.getByLabel('Decision letter').fill(letter);
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Decision recorded: Signposted elsewhere');
  await expect(page.locator('[data-feedback-link]')).toHaveCount(0);
  await page.getByRole('link', { name: 'Back to the application' }).click();
  await expect(page.locator('[data-status]')).toHaveText('Signposted elsewhere');
  await expect(page.locator('[data-letter]')).toContainText('Citizens Advice <Fenland> can help.');
  await expect(page.locator('[data-history] li')).toHaveCount(1);
  await expect(page.locator('[data-history] li')).toContainText(`Decision: Signposted elsewhere, by ${accounts.officer} Signposted to Citizens Advice <Fenland>.`);

  // Officers do not score; the panel cannot once it is decided.
  const origin = new URL(url).origin;
  const officerCsrf = await page.locator('input[name="csrf"]').first().inputValue();
  expect((await page.request.post(`${applicationPath}scores/`, { form: { csrf: officerCsrf, 'score-1': '5', 'comment-1': 'x' }, headers: { origin }, maxRedirects: 0 })).status()).toBe(403);
  // It never went to the panel, so it is not the panel's to see, let alone score.
  const ann = await signedIn(browser, url, accounts.ann);
  expect((await ann.goto(`${applicationPath}scores/`))?.status()).toBe(404);
  const annCsrf = await ann.locator('input[name="csrf"]').first().inputValue();
  const late = await ann.request.post(`${applicationPath}scores/`, { form: { csrf: annCsrf, 'score-1': '5', 'comment-1': 'x', 'score-2': '5', 'comment-2': 'x', 'score-3': '5', 'comment-3': 'x', 'score-4': '5', 'comment-4': 'x' }, headers: { origin } });
  expect(late.status()).toBe(404);
  await page.goto(`${applicationPath}scores/`);
  await expect(page.locator('[data-no-scores]')).toBeVisible();
  await ann.context().close();
});

test('an outline invited to apply in full gets a private link; the group finds its outline answers there, finishes and sends the full application', async ({ page, browser, playwright, decisionServer }) => {
  test.setTimeout(180_000);
  const { url } = decisionServer;
  const headers = { origin: url };
  // The group sends an outline proposal, as a browser without JavaScript would.
  const group = await playwright.request.newContext({ baseURL: url });
  const outline = '/funds/cambridgeshire-communities-innovation-fund/apply/';
  const sections: [string, Record<string, string>][] = [
    ['your-group', { groupName: 'Repair Cafe March', organisationType: 'community-group', bankAccount: 'yes' }],
    ['contact', { contactName: 'Alex Example', contactEmail: 'alex@example.org', contactPhone: '01632 960 124' }],
    ['outline', { projectTitle: 'Repair cafe', outlineSummary: 'Monthly mending sessions in the library.', amount: '6000' }],
    ['where-and-who', { areas: 'march', peopleReached: '80' }],
  ];
  for (const [section, form] of sections) expect((await group.post(`${outline}${section}/`, { form, headers, maxRedirects: 0 })).status(), section).toBe(303);
  const declarations = new URLSearchParams([['declarations', 'true'], ['declarations', 'authorised'], ['declarations', 'data'], ['declarantName', 'Alex Example']]);
  await group.post(`${outline}declarations/`, { data: declarations.toString(), headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, maxRedirects: 0 });
  const sentOutline = await group.post(`${outline}check/`, { form: {}, headers });
  const reference = /data-reference>([^<]+)</.exec(await sentOutline.text())![1]!;
  await group.dispose();

  // The officer takes it to the panel and invites a full application.
  await signIn(page, accounts.officer);
  await page.goto(`/staff/applications/${reference}/`);
  for (const step of ['Eligibility checked', 'Assessed', 'With the panel']) {
    await page.getByLabel(step, { exact: true }).check();
    await page.getByRole('button', { name: 'Save the new status' }).click();
    await expect(page.locator('[data-status]')).toHaveText(step);
  }
  await page.getByRole('link', { name: 'Record the decision' }).click();
  await page.getByLabel('Invited to apply in full', { exact: true }).check();
  await page.getByLabel('Decision letter').fill('Your idea fits the fund: please send a full application.');
  const recorded = await served(page, page.getByRole('button', { name: 'Record the decision' }).click());
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Decision recorded: Invited to apply in full');
  await expectAccessible(page, recorded);
  const link = (await page.locator('[data-invitation-link]').innerText()).trim();

  // The group opens the link on another device: the full application, with its outline's answers in it.
  const applicant = await (await browser.newContext({ baseURL: url, javaScriptEnabled: false })).newPage();
  await applicant.goto(link);
  await expect(applicant).toHaveURL(/\/funds\/cambridgeshire-communities-innovation-fund\/apply\/check\/$/);
  await expect(applicant.getByText('Repair Cafe March')).toBeVisible();
  await applicant.goto(outline);
  await expect(applicant.getByRole('heading', { level: 1 })).toHaveText('Apply to Cambridgeshire Communities Innovation Fund');
  await expect(applicant.getByText(`after your outline proposal ${reference}`)).toBeVisible();
  await applicant.getByRole('link', { name: 'Continue your application' }).click();
  await expect(applicant.getByRole('heading', { level: 1 })).toHaveText('Check your answers before sending your application');
  await applicant.goto(`${outline}project/`);
  await expect(applicant.getByLabel('Project name')).toHaveValue('Repair cafe');
  await expect(applicant.getByLabel('What will you do?')).toHaveValue('Monthly mending sessions in the library.');

  // It answers what the outline did not ask, and sends: a new reference, for the full application.
  const year = String(Number(serverDay.slice(0, 4)) + 1);
  const full: [string, Record<string, string>][] = [
    ['project', { projectTitle: 'Repair cafe', projectType: 'new-activity', projectSummary: 'Monthly mending sessions in the library.', need: 'Things are thrown away that could be mended.', amount: '6000' }],
    ['community', { involvement: 'Volunteers who mend teach others.' }],
    ['budget', { 'item[]': 'Tools and a year of room hire', 'cost[]': '6000' }],
    ['timeline', { 'start-day': '1', 'start-month': '6', 'start-year': year, 'end-day': '1', 'end-month': '5', 'end-year': String(Number(year) + 1), milestones: 'June: first session.' }],
  ];
  for (const [section, form] of full) expect((await applicant.request.post(`${outline}${section}/`, { form, headers, maxRedirects: 0 })).status(), section).toBe(303);
  expect((await applicant.request.post(`${outline}documents/`, { multipart: { action: 'continue', documentFor: 'other', document: pdf }, headers, maxRedirects: 0 })).status()).toBe(303);
  await applicant.request.post(`${outline}declarations/`, { data: declarations.toString(), headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, maxRedirects: 0 });
  await applicant.goto(`${outline}check/`);
  await applicant.getByRole('button', { name: 'Accept and send' }).click();
  await expect(applicant.getByRole('heading', { level: 1 })).toHaveText('Application sent');
  const fullReference = await applicant.locator('[data-reference]').innerText();
  expect(fullReference).not.toBe(reference);
  await applicant.context().close();

  // Staff see it as a full application, sent with the outline's answers it kept.
  await page.goto(`/staff/applications/${fullReference}/`);
  await expect(page.getByText('Things are thrown away that could be mended.')).toBeVisible();
  await expect(page.getByText('Repair Cafe March')).toBeVisible();
  // The two halves of the case link to each other, and the full application shows the outline's scores.
  await expect(page.locator('[data-linked-outline]')).toHaveText(reference);
  await expect(page.locator('[data-outline-scores]')).toContainText(`The panel’s scores on the outline ${reference}`);
  await page.locator('[data-linked-outline]').click();
  await expect(page.locator('[data-linked-full]')).toHaveText(fullReference);
});
