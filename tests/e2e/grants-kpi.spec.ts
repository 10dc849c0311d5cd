/**
 * The KPI report per fund, end to end on the real server and database, in a real browser: two funds
 * take applications (the Healthy Fenland Fund one through its public form; the Innovation Fund a
 * two-stage case, an outline invited to apply in full and the full application funded) and the Armed
 * Forces fund takes an enquiry. An officer records who supported the Healthy Fenland application,
 * funds it and records a payment; the fund's report for the month counts only its own, the two-stage
 * case counts once, the spend shows against the £75,000 budget, and the CSV holds the page's figures.
 *
 * One server for the spec (accounts and the two-stage case are written before it starts, see
 * staff-console.ts and kpi-two-stage.ts); the tests run in order on what the first one made. On a test
 * day (HUB_TODAY) after the Healthy Fenland Fund has closed, its application is written with the
 * two-stage case instead of sent through the form, which no longer takes it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test as base, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { readCollectionEntries } from '../../src/content-model/read';
import { currentTime } from '../../src/rules/clock';
import { ukToday } from '../../src/rules/dates';
import { acceptsApplications, fundStatus } from '../../src/rules/fund-status';
import { fundSchema } from '../../src/schemas/fund';
import { expectAccessible } from './accessibility';
import { completeDraft, sendDraft } from './applications';
import { served, shown, signIn, startConsole } from './staff-console';

const accounts = { officer: 'kpi-officer@example.org', admin: 'kpi-admin@example.org', panel: 'kpi-panel@example.org' };
const healthy = 'healthy-fenland-fund';
const innovation = 'cambridgeshire-communities-innovation-fund';

/** This month in the UK, as the report's address writes it, and today's day, month and year. */
function today() {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(currentTime()).map((part) => [part.type, part.value]));
  return { month: `${parts.year}-${parts.month}`, day: String(Number(parts.day)), monthNumber: String(Number(parts.month)), year: parts.year! };
}

/** Whether the Healthy Fenland Fund's form takes applications on the day the tests run. */
function healthyFenlandOpen(): boolean {
  const fund = fundSchema.parse(readCollectionEntries('content', 'funds').entries.find((entry) => entry.id === healthy)!.data);
  return acceptsApplications(fundStatus(fund, ukToday()));
}

interface KpiServer {
  url: string;
  /** The Innovation Fund's outline and the full application made from it. */
  twoStage: { outline: string; full: string };
  /** The Healthy Fenland application sent through the public form. */
  healthyReference: string;
}

const test = base.extend<object, { kpiServer: KpiServer }>({
  kpiServer: [
    async ({ playwright }, use) => {
      const byForm = healthyFenlandOpen();
      let printed: { outline: string; full: string; healthy?: string } = { outline: '', full: '' };
      const server = await startConsole(
        [
          { email: accounts.officer, role: 'officer' },
          { email: accounts.admin, role: 'admin' },
          { email: accounts.panel, role: 'panel', reviews: [`${healthy}/2026-10-01`] },
        ],
        (dataDir) => {
          const env = { ...process.env, DATA_DIR: dataDir, KPI_HEALTHY_BY_STORE: byForm ? '0' : '1' };
          printed = JSON.parse(execFileSync(path.resolve('node_modules/.bin/vite-node'), ['tests/e2e/kpi-two-stage.ts'], { env, encoding: 'utf8' }).trim().split('\n').at(-1)!);
        },
      );
      const twoStage = { outline: printed.outline, full: printed.full };
      let healthyReference = printed.healthy ?? '';
      if (byForm) {
        // The Healthy Fenland application, sent through its public form as a browser without JavaScript would.
        const request = await playwright.request.newContext({ baseURL: server.url });
        await completeDraft(request, server.url, 'Fenland Walkers', { fund: healthy, amount: '1200' });
        healthyReference = await sendDraft(request, server.url, healthy);
        await request.dispose();
      }
      await use({ url: server.url, twoStage, healthyReference });
      await server.stop();
    },
    { scope: 'worker', timeout: 240_000 },
  ],
  baseURL: async ({ kpiServer }, use) => use(kpiServer.url),
});

test.describe.configure({ mode: 'serial' });

async function signInAs(page: Page, email: string) {
  await page.context().clearCookies();
  await signIn(page, email);
  await expect(page).toHaveURL(/\/staff\/applications\/$/);
}

/** The figures of the report's tables as the page shows them: label to number. */
async function pageFigures(page: Page): Promise<Map<string, number>> {
  const rows = await page.locator('#kpi-fund tr[data-kpi], #kpi-communities tr[data-kpi]').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')!.textContent!.trim(), tr.querySelector('td')!.textContent!.trim()]));
  return new Map(rows.map(([label, value]) => [label!, Number(value!.replace(/[£,]/g, ''))]));
}

test('a resident asks about the Armed Forces fund through the public form', async ({ page }) => {
  await page.goto(`/ask-about-funding/?fund=armed-forces-covenant-grants`);
  await page.getByLabel('Your name').fill('Sam Example');
  await page.getByLabel('Email address').fill('sam@example.org');
  await page.getByLabel('Your question').fill('Can a veterans’ breakfast club apply?');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText(/reference/i).first()).toBeVisible();
});

test('an officer records the enabler who helped, funds the Healthy Fenland application and records a payment, refused first for too much', async ({ page, kpiServer }) => {
  const { healthyReference } = kpiServer;
  test.setTimeout(180_000);
  await signInAs(page, accounts.officer);
  await page.goto(`/staff/applications/${healthyReference}/`);
  await page.getByLabel('Who supported this application').selectOption({ label: 'Dan Whitlock (Community enabler)' });
  await page.getByRole('button', { name: 'Save who supported it' }).click();
  await expect(page.locator('[data-supported-by]')).toHaveText('Dan Whitlock (Community enabler)');
  await expect(page.locator('[data-history]')).toContainText(`Who supported it changed, by ${accounts.officer}`);

  for (const step of ['Eligibility checked', 'Assessed', 'With the panel']) {
    await page.getByLabel(step, { exact: true }).check();
    await page.getByRole('button', { name: 'Save the new status' }).click();
    await expect(page.locator('[data-status]')).toHaveText(step);
  }
  await page.getByRole('link', { name: 'Record the decision' }).click();
  await page.getByLabel('Funded', { exact: true }).check();
  await page.getByLabel('Amount awarded').fill('1000');
  await page.getByLabel('Decision letter').fill('We are pleased to fund your walks.');
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Decision recorded: Funded');

  await page.goto(`/staff/applications/${healthyReference}/`);
  const paymentsPage = await served(page, page.getByRole('link', { name: 'Record a payment' }).click());
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Payments on grant ${healthyReference}`);
  await expectAccessible(page, paymentsPage);

  const { day, monthNumber, year } = today();
  await page.getByLabel('Day').fill(day);
  await page.getByLabel('Month').fill(monthNumber);
  await page.getByLabel('Year').fill(year);
  await page.getByLabel('Amount paid').fill('1500');
  const refused = await shown(page, page.getByRole('button', { name: 'Record the payment' }).click());
  await expect(page.getByRole('alert')).toContainText('The amount paid must not be more than the £1,000 left to pay');
  await expect(page.getByLabel('Day')).toHaveValue(day);
  await expectAccessible(page, refused);

  await page.getByLabel('Amount paid').fill('400');
  await page.getByRole('button', { name: 'Record the payment' }).click();
  await expect(page.getByText('Payment of £400 recorded')).toBeVisible();
  await expect(page.locator('[data-money="paid"] dd')).toHaveText('£400');
  await expect(page.locator('[data-money="left"] dd')).toHaveText('£600');
  const application = await served(page, page.goto(`/staff/applications/${healthyReference}/`));
  await expect(page.locator('[data-paid]')).toContainText('£400');
  await expect(page.locator('[data-supported-by]')).toHaveText('Dan Whitlock (Community enabler)');
  await expectAccessible(page, application);
  await expect(page.locator('[data-history]')).toContainText(`Payment of £400 recorded, by ${accounts.officer}`);
});

test('the Healthy Fenland Fund’s report for the month counts only its own, with the spend against its budget, and the CSV holds the page’s figures', async ({ page, kpiServer }) => {
  const { healthyReference, twoStage } = kpiServer;
  test.setTimeout(120_000);
  const { month } = today();
  await signInAs(page, accounts.officer);
  await page.getByRole('link', { name: 'KPI report' }).click();
  await page.getByLabel('Fund').selectOption({ label: 'Healthy Fenland Fund' });
  await page.getByLabel('Month, quarter or year').selectOption(month);
  const html = await served(page, page.getByRole('button', { name: 'Show report' }).click());
  await expect(page).toHaveURL(new RegExp(`fund=${healthy}`));
  await expect(page.locator('[data-scope]')).toHaveText('Healthy Fenland Fund');
  await expectAccessible(page, html);

  const kpi = (name: string) => page.locator(`[data-kpi="${name}"] td`);
  // Only its own: the enquiry was about another fund, and the two-stage case is the Innovation Fund's.
  await expect(kpi('requests')).toHaveText('1');
  await expect(kpi('enquiries')).toHaveText('0');
  await expect(kpi('applications')).toHaveText('1');
  await expect(kpi('supported')).toHaveText('1');
  await expect(kpi('funded')).toHaveText('1');
  await expect(kpi('fundedValue')).toHaveText('£1,000');
  await expect(page.locator('#kpi-cases [data-case]')).toHaveCount(1);
  await expect(page.locator(`[data-case="${healthyReference}"]`)).toContainText('Picnic kit');
  await expect(page.locator(`[data-project="${twoStage.full}"]`)).toHaveCount(0);
  await expect(page.locator('#kpi-by-community [data-community-row="march"] td').nth(1)).toHaveText('1');
  // March has an enabler (Dan Whitlock), and he helped it apply.
  await expect(kpi('communitiesWithEnablersThatApplied')).toHaveText('1');

  const spend = page.locator(`#kpi-spend [data-spend="${healthy}"]`);
  await expect(spend.locator('[data-column="budget"]')).toHaveText('£75,000');
  await expect(spend.locator('[data-column="committed"]')).toHaveText('£1,000');
  await expect(spend.locator('[data-column="paid"]')).toHaveText('£400');
  await expect(spend.locator('[data-column="remaining"]')).toHaveText('£74,000');
  await expect(page.locator('#kpi-spend [data-spend]')).toHaveCount(1);

  const figures = await pageFigures(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download this report as a spreadsheet (CSV)' }).click()]);
  expect(download.suggestedFilename()).toBe(`kpi-${month}-${healthy}.csv`);
  const rows = parse(fs.readFileSync((await download.path())!, 'utf8'), { bom: true }) as string[][];
  expect(rows[0]).toEqual(['Indicator', 'Detail', 'Value']);
  // Every figure on the page is in the CSV with the same number, a part under the figure it is part of.
  expect(figures.size).toBeGreaterThan(15);
  for (const [label, value] of figures) {
    expect(rows.some(([indicator, detail, number]) => (detail === '' ? indicator === label : detail === label) && Number(number) === value), `${label} ${value}`).toBe(true);
  }
  const columns = await page.locator('#kpi-spend thead th').allTextContents();
  const cells = await spend.locator('td').allTextContents();
  for (const [index, cell] of cells.entries()) {
    expect(rows).toContainEqual([columns[index + 1]!.trim(), 'Healthy Fenland Fund', cell.replace(/[£,]/g, '')]);
  }
  expect(rows).toContainEqual([expect.stringMatching(/^Requests for funding/), `${healthyReference}: Picnic kit`, '1']);
});

test('every fund together: the enquiry counts, and the outline and full application count once, as one linked case', async ({ page, kpiServer }) => {
  const { twoStage } = kpiServer;
  const { month } = today();
  await signInAs(page, accounts.officer);
  const html = await served(page, page.goto(`/staff/reports/?period=${month}`));
  await expect(page.locator('[data-scope]')).toHaveText('All funds');
  await expectAccessible(page, html);
  const kpi = (name: string) => page.locator(`[data-kpi="${name}"] td`);
  await expect(kpi('enquiries')).toHaveText('1');
  await expect(kpi('applications')).toHaveText('2');
  await expect(kpi('requests')).toHaveText('3');
  const linked = page.locator(`[data-case="${twoStage.outline} ${twoStage.full}"]`);
  await expect(linked.locator('td').first()).toHaveText(new RegExp(`^${twoStage.outline} and ${twoStage.full}\\s*Outline and full application: one request$`));
  await expect(page.locator(`[data-project="${twoStage.full}"]`)).toContainText(`After outline ${twoStage.outline}`);
  await expect(page.locator(`#kpi-spend [data-spend="${innovation}"] [data-column="committed"]`)).toHaveText('£15,000');

  await page.goto(`/staff/reports/?period=${month}&fund=${innovation}`);
  await expect(kpi('applications')).toHaveText('1');
  await expect(kpi('funded')).toHaveText('1');
  await expect(page.locator('#kpi-cases [data-case]')).toHaveCount(1);
});

test('an administrator sees the year to date and the payments page, which pass axe and html-validate; a panel member is refused both', async ({ page, kpiServer }) => {
  const { healthyReference } = kpiServer;
  await signInAs(page, accounts.admin);
  const { month } = today();
  const thisYear = Number(month.slice(5)) >= 4 ? Number(month.slice(0, 4)) : Number(month.slice(0, 4)) - 1;
  const key = `FY${thisYear}-${String((thisYear + 1) % 100).padStart(2, '0')}`;
  const report = await served(page, page.goto(`/staff/reports/?period=${key}&fund=${healthy}`));
  await expect(page.getByLabel('Month, quarter or year').locator('option:checked')).toHaveText(`Financial year ${thisYear} to ${thisYear + 1}, to date`);
  await expect(page.locator(`#kpi-spend [data-spend="${healthy}"] [data-column="paid"]`)).toHaveText('£400');
  await expectAccessible(page, report);
  const payments = await served(page, page.goto(`/staff/applications/${healthyReference}/payments/`));
  await expectAccessible(page, payments);

  const refused = await page.goto(`/staff/reports/?fund=no-such-fund`);
  expect(refused!.status()).toBe(400);
  await expect(page.getByRole('alert')).toContainText('Choose a fund from the list, or all funds');
  await expectAccessible(page, await refused!.text());

  await signInAs(page, accounts.panel);
  for (const route of [`/staff/applications/${healthyReference}/payments/`, `/staff/reports/?fund=${healthy}`, `/staff/reports/kpi.csv?fund=${healthy}`]) {
    const response = await page.request.get(`${route}`, { maxRedirects: 0 });
    expect(response.status(), route).toBe(403);
  }
  const posted = await page.request.post(`/staff/applications/${healthyReference}/supported-by/`, { form: { supportedBy: '' }, headers: { origin: kpiServer.url }, maxRedirects: 0 });
  expect(posted.status()).toBe(403);
});
