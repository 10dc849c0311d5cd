/**
 * The KPI report and the exports end to end: an application sent through the public form, scored by
 * two panel members and funded is counted in this month's report (funded, value, community, type), its
 * chart has its table, the report downloads as CSV, and the 360Giving download contains the grant and
 * validates; the panel is refused.
 *
 * Its own server, with the accounts made before it starts (see staff-console.ts); the application is sent
 * through the public form, scored and funded through the console's own forms before the tests.
 */
import fs from 'node:fs';
import { type Browser, expect, test as base, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { currentTime } from '../../src/rules/clock';
import { expectAccessible } from './accessibility';
import { completeDraft, sendDraft } from './applications';
import { declareNoConflict, score, served, signIn, startConsole, tabTo } from './staff-console';
import { packageValidator } from '../support/threesixty';

const accounts = { officer: 'reports-officer@example.org', panel: 'reports-panel@example.org', otherPanel: 'reports-panel-2@example.org' };
// Stored as typed and shown as text wherever the console shows it.
const groupName = 'Report <img src=x onerror=alert(1)> Picnickers';
const amount = 150;

/**
 * The fund's process through the console's own forms, as in staff-decisions.spec.ts: the officer takes
 * the application to the panel, both panel members score it, and the officer funds it.
 */
async function fundThroughTheConsole(browser: Browser, url: string, reference: string): Promise<void> {
  const as = async (email: string) => {
    const page = await (await browser.newContext({ baseURL: url })).newPage();
    await signIn(page, email);
    await expect(page).toHaveURL(/\/staff\/applications\/$/);
    return page;
  };
  const officer = await as(accounts.officer);
  await officer.goto(`/staff/applications/${reference}/`);
  for (const step of ['Eligibility checked', 'Assessed', 'With the panel']) {
    await officer.getByLabel(step, { exact: true }).check();
    await officer.getByRole('button', { name: 'Save the new status' }).click();
    await expect(officer.locator('[data-status]')).toHaveText(step);
  }
  for (const [email, scores] of [[accounts.panel, [4, 4, 3, 5]], [accounts.otherPanel, [3, 4, 4, 4]]] as const) {
    const member = await as(email);
    await member.goto(`/staff/applications/${reference}/scores/`);
    await declareNoConflict(member);
    await score(member, [...scores], 'Scored by the panel');
    await expect(member.getByText('Your scores are saved.')).toBeVisible();
    await member.context().close();
  }
  await officer.getByRole('link', { name: 'Record the decision' }).click();
  await officer.getByLabel('Funded', { exact: true }).check();
  await officer.getByLabel('Amount awarded').fill(String(amount));
  await officer.getByLabel('Decision letter').fill('We are pleased to fund your picnic kit.');
  await officer.getByRole('button', { name: 'Record the decision' }).click();
  await expect(officer.getByRole('heading', { level: 1 })).toHaveText('Decision recorded: Funded');
  await officer.context().close();
}

const test = base.extend<object, { reportsServer: { url: string; reference: string } }>({
  reportsServer: [
    async ({ playwright, browser }, use) => {
      const server = await startConsole([
        { email: accounts.officer, role: 'officer' },
        { email: accounts.panel, role: 'panel', reviews: ['small-sparks/rolling'] },
        { email: accounts.otherPanel, role: 'panel', reviews: ['small-sparks/rolling'] },
      ]);
      const request = await playwright.request.newContext({ baseURL: server.url });
      await completeDraft(request, server.url, groupName);
      const reference = await sendDraft(request, server.url);
      await request.dispose();
      await fundThroughTheConsole(browser, server.url, reference);
      await use({ url: server.url, reference });
      await server.stop();
    },
    { scope: 'worker', timeout: 240_000 },
  ],
  baseURL: async ({ reportsServer }, use) => use(reportsServer.url),
});

test.describe.configure({ mode: 'default' });

/** This month in the UK, as the report's address writes it. */
function thisMonth(): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' }).formatToParts(currentTime());
  return `${parts.find((part) => part.type === 'year')!.value}-${parts.find((part) => part.type === 'month')!.value}`;
}

async function signInAs(page: Page, email: string) {
  await signIn(page, email);
  await expect(page).toHaveURL(/\/staff\/applications\/$/);
}

test('an officer chooses this month by keyboard and the report counts the funded project, with a chart and its table', async ({ page, reportsServer }) => {
  test.setTimeout(120_000);
  await signInAs(page, accounts.officer);
  const reportPage = await served(page, page.getByRole('link', { name: 'KPI report' }).click());
  await expect(page.getByRole('heading', { level: 1, name: 'KPI report' })).toBeVisible();
  await expectAccessible(page, reportPage);

  const period = page.getByLabel('Month, quarter or year');
  await period.selectOption(thisMonth());
  await tabTo(page, page.getByRole('button', { name: 'Show report' }));
  const html = await served(page, page.keyboard.press('Enter'));
  await expect(page).toHaveURL(new RegExp(`period=${thisMonth()}`));
  await expectAccessible(page, html);

  const kpi = (name: string) => page.locator(`[data-kpi="${name}"] td`);
  await expect(kpi('applications')).toHaveText('1');
  await expect(kpi('assessed')).toHaveText('1');
  await expect(kpi('funded')).toHaveText('1');
  await expect(kpi('fundedValue')).toHaveText(`£${amount}`);
  await expect(kpi('communitiesFunded')).toHaveText('1');

  const project = page.locator(`[data-project="${reportsServer.reference}"]`);
  await expect(project).toContainText('Picnic kit');
  await expect(project).toContainText('Tables and a gazebo for summer picnics.');
  await expect(project).toContainText('Equipment');
  await expect(project).toContainText('March');
  await expect(project).toContainText(`£${amount}`);

  // The chart is drawn for sight; its numbers are in the table beside it for everyone.
  const byType = page.locator('#chart-by-type');
  await expect(byType.locator('svg[aria-hidden="true"] rect')).toHaveCount(7);
  await expect(byType.getByRole('table').locator('[data-type="equipment"]')).toContainText('1');
  await expect(page.locator('#chart-by-community').getByRole('table').locator('[data-community="march"]')).toContainText(`£${amount}`);
});

test('printed, the report keeps its tables and charts and leaves out the navigation and the form', async ({ page }) => {
  await signInAs(page, accounts.officer);
  await page.goto(`/staff/reports/?period=${thisMonth()}`);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Staff console' })).toBeHidden();
  await expect(page.getByLabel('Month, quarter or year')).toBeHidden();
  await expect(page.getByRole('link', { name: 'Download this report as a spreadsheet (CSV)' })).toBeHidden();
  await expect(page.locator('#kpi-fund')).toBeVisible();
  await expect(page.locator('#chart-by-type svg')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByLabel('Month, quarter or year')).toBeVisible();
});

test('the report downloads as a CSV with the funded project and its value', async ({ page, reportsServer }) => {
  await signInAs(page, accounts.officer);
  await page.goto(`/staff/reports/?period=${thisMonth()}`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download this report as a spreadsheet (CSV)' }).click()]);
  expect(download.suggestedFilename()).toBe(`kpi-${thisMonth()}.csv`);
  const rows = parse(fs.readFileSync((await download.path())!, 'utf8'), { bom: true }) as string[][];
  expect(rows[0]).toEqual(['Indicator', 'Detail', 'Value']);
  expect(rows).toContainEqual(['Projects funded', '', '1']);
  expect(rows).toContainEqual(['Projects funded', `${reportsServer.reference}: Picnic kit. Tables and a gazebo for summer picnics.`, String(amount)]);
  expect(rows).toContainEqual(['Projects funded by type', 'Equipment', '1']);
  const response = await page.request.get(`/staff/reports/kpi.csv?period=${thisMonth()}`);
  expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
  expect(response.headers()['content-disposition']).toMatch(/^attachment; filename=/);
});

test('the exports page offers the applications and the 360Giving data, which contains the grant and validates', async ({ page, reportsServer }) => {
  test.setTimeout(90_000);
  await signInAs(page, accounts.officer);
  const html = await served(page, page.getByRole('link', { name: 'Exports' }).click());
  await expect(page.getByRole('heading', { level: 1, name: 'Exports' })).toBeVisible();
  await expectAccessible(page, html);

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download 360Giving data (JSON)' }).click()]);
  const data = JSON.parse(fs.readFileSync((await json.path())!, 'utf8'));
  const validate = packageValidator();
  expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
  expect(data.grants).toHaveLength(1);
  expect(data.grants[0]).toMatchObject({
    id: `360G-fenlandhub-${reportsServer.reference}`, title: 'Picnic kit', amountAwarded: amount, currency: 'GBP',
    recipientOrganization: [{ name: groupName }], fundingOrganization: [{ id: 'GB-LAE-FEN' }], beneficiaryLocation: [{ name: 'March', countryCode: 'GB' }],
  });
  expect(JSON.stringify(data)).not.toContain('alex@example.org');

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download 360Giving spreadsheet (CSV)' }).click()]);
  const [header, row] = parse(fs.readFileSync((await csv.path())!, 'utf8'), { bom: true }) as string[][];
  expect(header!.slice(0, 3)).toEqual(['Identifier', 'Title', 'Description']);
  expect(row![0]).toBe(`360G-fenlandhub-${reportsServer.reference}`);

  const [applications] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download applications (CSV)' }).click()]);
  const [columns, application] = parse(fs.readFileSync((await applications.path())!, 'utf8'), { bom: true }) as string[][];
  // Headed as people read them: our column names, then each question as the applicant saw it.
  expect(columns!.slice(0, 3)).toEqual(['Reference', 'Fund', 'Round']);
  expect(application![columns!.indexOf('Reference')]).toBe(reportsServer.reference);
  expect(application![columns!.indexOf('Contact details: Email address')]).toBe('alex@example.org');
  expect(columns).toContain('Your group: Name of your group');
  expect(columns!.filter((column) => /^[a-z-]+\.[a-zA-Z]+$/.test(column))).toEqual([]);
  const response = await page.request.get('/staff/exports/360giving.json');
  expect(response.headers()['content-type']).toBe('application/json; charset=utf-8');
  expect(response.headers()['content-disposition']).toBe('attachment; filename="360giving-grants.json"');
});

test('anyone sees the grant on the public grants page and in the open data files, with its funder and no personal data', async ({ page, reportsServer }) => {
  // Every contact answer and the declarant's name the application was sent with (tests/e2e/applications.ts).
  const personal = ['Alex Example', 'alex@example.org', '01632 960 124'];
  const html = await served(page, page.goto('/funds/awarded/'));
  await expect(page.getByRole('heading', { level: 1, name: 'Grants awarded' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Picnic kit' })).toBeVisible();
  const grant = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Picnic kit' }) });
  await expect(grant.locator('dt', { hasText: 'Awarded to' }).locator('+ dd')).toHaveText(groupName);
  await expect(grant.locator('dt', { hasText: 'Amount' }).locator('+ dd')).toHaveText(`£${amount}`);
  await expect(grant.locator('dt', { hasText: 'Where' }).locator('+ dd')).toHaveText('March');
  await expect(grant.locator('dt', { hasText: 'Fund and funder' }).locator('+ dd')).toHaveText('Small Sparks, Fenland Community Programme');
  await expectAccessible(page, html);

  const json = await page.request.get('/open-data/grants.json');
  expect(json.headers()['access-control-allow-origin']).toBe('*');
  const data = await json.json();
  const validate = packageValidator();
  expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
  expect(data.grants[0]).toMatchObject({ id: `360G-fenlandhub-${reportsServer.reference}`, fundingOrganization: [{ id: 'GB-LAE-FEN', name: 'Fenland Community Programme' }], beneficiaryLocation: [{ name: 'March', geoCode: 'E07000010', geoCodeType: 'NMD' }] });
  expect(data.grants[0].dataSource).toMatch(/\/open-data\/grants\.json$/);
  const csv = await page.request.get('/open-data/grants.csv');
  expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
  for (const text of [html, JSON.stringify(data), await csv.text()]) for (const value of personal) expect(text).not.toContain(value);
});

test('a panel member sees no report or export links and is refused them all', async ({ page }) => {
  await signInAs(page, accounts.panel);
  await expect(page.getByRole('link', { name: 'KPI report' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Exports' })).toHaveCount(0);
  for (const route of ['/staff/reports/', `/staff/reports/kpi.csv?period=${thisMonth()}`, '/staff/exports/', '/staff/exports/applications.csv', '/staff/exports/360giving.csv', '/staff/exports/360giving.json']) {
    const response = await page.request.get(route, { maxRedirects: 0 });
    expect(response.status(), route).toBe(403);
    expect(await response.text(), route).not.toContain('Picnic kit');
  }
});

test('a period that is not one gets an error with the list to choose from', async ({ page }) => {
  await signInAs(page, accounts.officer);
  const response = await page.goto('/staff/reports/?period=2026-13');
  expect(response!.status()).toBe(400);
  await expect(page.getByRole('alert')).toContainText('Choose a month, a quarter or a year from the list');
  await expectAccessible(page, await response!.text());
});
