/**
 * After the award, end to end in one journey: an officer funds a Healthy Fenland Fund application with a
 * condition of its own; the group, without JavaScript, reads the fund's and the grant's conditions
 * through its offer link, is told what it missed with what it typed kept, and accepts; the officer sees
 * the acceptance. Another funded project, accepted 85 days ago, has its first quarterly report due: it
 * is on the "due and overdue" list, its link is in its email, the group sends the report (without
 * JavaScript), and it shows on the application and leaves the list.
 *
 * On a server of its own, started after the officer's account and the applications are made (PGlite
 * serves one process at a time; see staff-console.ts and award-projects.ts).
 */
import { execFileSync } from 'node:child_process';
import { expect, test as base, type Page } from '@playwright/test';
import { expectAccessible } from './accessibility';
import { served, shown, signIn, startConsole } from './staff-console';

const officer = 'award-officer@example.org';
// A day in the fund's round; the second project accepted its offer 85 days before it.
const serverDay = '2027-03-01';

const test = base.extend<object, { awardServer: { url: string; toFund: string; reporting: string } }>({
  awardServer: [
    async ({}, use) => {
      let made = { toFund: '', reporting: '' };
      const server = await startConsole([{ email: officer, role: 'officer' }], (dataDir) => {
        const printed = execFileSync('npx', ['vite-node', 'tests/e2e/award-projects.ts', serverDay], { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' });
        made = JSON.parse(printed.trim().split('\n').at(-1)!) as typeof made;
      }, { HUB_TODAY: serverDay });
      await use({ url: server.url, ...made });
      await server.stop();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  baseURL: async ({ awardServer }, use) => use(awardServer.url),
});

/**
 * Axe needs JavaScript, which the group's pages run without: the page as it was served to them is
 * served again, at its own address, to a page that has it, and checked there (and with html-validate).
 */
async function expectAccessibleAsServed(checker: Page, address: string, html: string): Promise<void> {
  await checker.route(address, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  await checker.goto(address);
  await checker.unroute(address);
  await expectAccessible(checker, html);
}

test('a funded project accepts its offer, gets its quarterly report’s link when it is due, sends it, and it shows on the application', async ({ browser, page, awardServer }) => {
  test.setTimeout(240_000);
  const { url, toFund, reporting } = awardServer;
  const condition = 'Run at least one walk in Leverington.';

  // The officer funds the application, with a condition of its own on top of the fund's.
  await signIn(page, officer);
  await expect(page).toHaveURL(/\/staff\/applications\/$/);
  await page.goto(`/staff/applications/${toFund}/decision/`);
  await page.getByLabel('Funded', { exact: true }).check();
  await page.getByLabel('Amount awarded').fill('1800');
  await page.getByLabel('Conditions of this grant (optional)').fill(condition);
  await page.getByLabel('Decision letter').fill('Dear Wisbech Walkers, we are pleased to fund your walks.');
  const recorded = await served(page, page.getByRole('button', { name: 'Record the decision' }).click());
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Decision recorded: Funded');
  const offerLink = (await page.locator('[data-offer-link]').textContent())!.trim();
  expect(offerLink).toMatch(new RegExp(`^${url}/offer/[A-Za-z0-9_-]{43}/$`));
  await expectAccessible(page, recorded);

  // The group, without JavaScript, reads the grant and its conditions.
  const group = await browser.newContext({ baseURL: url, javaScriptEnabled: false });
  const offer = await group.newPage();
  const checker = await (await browser.newContext({ baseURL: url })).newPage();
  const offerForm = await served(offer, offer.goto(offerLink));
  await expect(offer.getByRole('heading', { level: 1 })).toHaveText('Accept your grant');
  await expect(offer.locator('[data-amount]')).toHaveText('£1,800');
  const conditions = offer.locator('[data-conditions] li');
  await expect(conditions.first()).toHaveText('Spend the grant only on the project described in your application, within 12 months of accepting it.');
  await expect(conditions.last()).toHaveText(condition);
  await expect(offer.getByText('You will send a short progress report every three months')).toBeVisible();
  await expectAccessibleAsServed(checker, offerLink, offerForm);

  // What was missed is listed, and what was typed kept.
  await offer.getByLabel('Your full name').fill('Sam Example');
  const problems = await shown(offer, offer.getByRole('button', { name: 'Accept the grant' }).click());
  const summary = offer.locator('.govuk-error-summary');
  await expect(summary).toContainText('Enter your role in the group');
  await expect(summary).toContainText('Confirm that you accept the grant and its conditions on behalf of the group');
  await expect(offer.getByLabel('Your full name')).toHaveValue('Sam Example');
  await expect(offer).toHaveTitle(/^Error: /);
  await expectAccessibleAsServed(checker, offerLink, problems);

  await offer.getByLabel('Your role in the group').fill('Secretary');
  await offer.getByLabel('I accept this grant and its conditions on behalf of the group').check();
  const acceptedPage = await served(offer, offer.getByRole('button', { name: 'Accept the grant' }).click());
  await expect(offer.getByRole('heading', { level: 1 })).toHaveText('Grant accepted');
  await expect(offer.locator('[data-reference]')).toHaveText(toFund);
  await expect(offer.locator('[data-reports-due]')).toContainText('1 June 2027, 1 September 2027');
  await expectAccessibleAsServed(checker, offerLink, acceptedPage);
  // Accepted once: the link now only says when.
  await offer.goto(offerLink);
  await expect(offer.locator('[data-accepted]')).toContainText('This grant was accepted on 1 March 2027');

  // The officer sees the acceptance, the conditions and the reports to come, and the history says who.
  const application = await served(page, page.goto(`/staff/applications/${toFund}/`));
  await expect(page.locator('[data-offer-standing]')).toHaveText('Received');
  await expect(page.locator('[data-offer]')).toContainText('Sam Example, Secretary');
  await expect(page.locator('[data-offer] [data-conditions] li').last()).toHaveText(condition);
  await expect(page.locator('[data-reports] tbody tr')).toHaveCount(3);
  await expect(page.locator('[data-report="Progress report 1"]')).toContainText('1 June 2027');
  await expect(page.locator('[data-history]')).toContainText('Offer accepted, through the offer link');
  await expectAccessible(page, application);

  // The other project's first quarterly report is due: it is on the list, and its link is in its email.
  const due = await served(page, page.getByRole('navigation', { name: 'Staff console' }).getByRole('link', { name: 'Due and overdue' }).click());
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Offers and reports due and overdue');
  const dueRow = page.locator(`[data-due-item="${reporting}"]`);
  await expect(dueRow).toContainText('Progress report 1');
  await expect(dueRow).toContainText('6 March 2027');
  await expect(dueRow).toContainText('Due');
  await expect(page.locator(`[data-due-item="${toFund}"]`)).toHaveCount(0);
  await expectAccessible(page, due);

  await page.goto('/staff/outbox/');
  const email = page.locator('tbody[data-email]', { has: page.locator('[data-subject]', { hasText: `Your progress report 1 for ${reporting} is due on 6 March 2027` }) });
  await expect(email).toContainText('Progress report link');
  const reportPath = /\/feedback\/[A-Za-z0-9_-]{43}\//.exec((await email.locator('[data-text]').textContent())!)![0];

  // The group sends its report without JavaScript, after one problem.
  const report = await group.newPage();
  const reportForm = await served(report, report.goto(reportPath));
  await expect(report.getByRole('heading', { level: 1 })).toHaveText('Progress report 1 of 3');
  await expect(report.getByText('This report is due on 6 March 2027')).toBeVisible();
  await expectAccessibleAsServed(checker, `${url}${reportPath}`, reportForm);
  await report.getByLabel('What has your project achieved so far?').fill('Twelve walks, and a new route along the river');
  await report.getByLabel('How many people has it reached so far?').fill('about thirty');
  const reportProblems = await shown(report, report.getByRole('button', { name: 'Send' }).click());
  await expect(report.locator('.govuk-error-summary')).toContainText('Enter how many people your project reached, as a whole number like 40');
  await expect(report.getByLabel('What has your project achieved so far?')).toHaveValue('Twelve walks, and a new route along the river');
  await expectAccessibleAsServed(checker, `${url}${reportPath}`, reportProblems);
  await report.getByLabel('How many people has it reached so far?').fill('32');
  const thanks = await served(report, report.getByRole('button', { name: 'Send' }).click());
  await expect(report.getByRole('heading', { level: 1 })).toHaveText('Thank you for your progress report');
  await expectAccessibleAsServed(checker, `${url}${reportPath}`, thanks);
  await group.close();
  await checker.context().close();

  // It shows on the application, the project is still funded (the final report is to come), and it has left the list.
  await page.goto(`/staff/applications/${reporting}/`);
  await expect(page.locator('[data-report="Progress report 1"]')).toContainText('Received');
  await expect(page.locator('[data-feedback]')).toContainText('Twelve walks, and a new route along the river');
  await expect(page.locator('[data-people-reached]')).toHaveText('32');
  await expect(page.locator('[data-status]')).toHaveText('Funded');
  await page.goto('/staff/due/');
  await expect(page.locator(`[data-due-item="${reporting}"]`)).toHaveCount(0);
});
