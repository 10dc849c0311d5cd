/**
 * What a community group does in the funding hub: checks which funds fit, reads a fund's page and
 * applies, and follows the deadlines. Statuses depend on the day, so the tests read each fund's dates
 * from the content and expect what they mean on the tests' day (HUB_TODAY), or set the browser's clock.
 */
import { expect, type Page, test } from '@playwright/test';
import { acceptsApplications, fundStatus } from '../../src/rules/fund-status';
import { formatDate, isoDay, ukToday } from '../../src/rules/dates';
import { dayWhenClosed, dayWhenOpen, demoFundDates } from '../support/demo-days';

const fitting = (page: Page) => page.locator('[data-eligible] > li');
const notFitting = (page: Page) => page.locator('[data-not-eligible] > li');
const police = demoFundDates('police-and-crime-community-grants');
const policeStatus = fundStatus(police, ukToday());

/** Why the checker says a fund is not open on the tests' day, as it words it, or nothing when it is. */
function statusReason({ opens, closes }: typeof police, status: typeof policeStatus): string[] {
  if (acceptsApplications(status)) return [];
  return status === 'closed' ? [`It closed on ${formatDate(closes!)}.`] : [`It opens on ${formatDate(opens!)}.`];
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('a community group answers the eligibility questions and sees which funds fit and why others do not', async ({ page }) => {
      await page.goto('/funds/');
      await page.getByRole('link', { name: 'Check which funds your group can apply for' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check which funds you can apply for');

      await page.getByRole('radio', { name: 'A community group, club or a few neighbours' }).check();
      await page.getByLabel('Where will your project happen?').selectOption({ label: 'Wisbech' });
      await page.getByLabel('How much money do you need?').fill('400');
      await page.getByRole('checkbox', { name: 'Company and friendship' }).check();
      await page.getByRole('button', { name: 'Check funds' }).click();

      await expect(page).toHaveURL(/\/funds\/check\/\?organisation=community-group&area=wisbech&amount=400&theme=company-and-friendship$/);
      await expect(page.getByRole('heading', { level: 2, name: /funds? you could apply to$/ })).toBeVisible();
      await expect(fitting(page).filter({ hasText: 'Small Sparks' })).toContainText('Open all year');

      const policeReasons = notFitting(page).filter({ hasText: 'Police and Crime Community Grants' });
      await expect(policeReasons.getByRole('listitem')).toHaveText([...statusReason(police, policeStatus), 'The smallest grant is £500.', 'It does not pay for projects about company and friendship.']);
      const innovation = notFitting(page).filter({ hasText: 'Cambridgeshire Communities Innovation Fund' });
      await expect(innovation).toContainText('The smallest grant is £5,000.');

      // The answers are kept, to change them.
      await expect(page.getByRole('radio', { name: 'A community group, club or a few neighbours' })).toBeChecked();
      await expect(page.getByLabel('Where will your project happen?')).toHaveValue('wisbech');
      await expect(page.getByLabel('How much money do you need?')).toHaveValue('400');
      await expect(page.getByRole('checkbox', { name: 'Company and friendship' })).toBeChecked();
    });

    test('a group that types an amount that is not money is told how to fix it, and keeps its other answers', async ({ page }) => {
      await page.goto('/funds/check/');
      await page.getByRole('radio', { name: 'A parish or town council' }).check();
      await page.getByLabel('How much money do you need?').fill('about a grand');
      await page.getByRole('button', { name: 'Check funds' }).click();

      await expect(page).toHaveTitle(/^Error: Check which funds you can apply for/);
      const summary = page.getByRole('alert');
      await expect(summary).toContainText('There is a problem');
      await expect(page.getByText('Error: Enter the amount in pounds, like 1500')).toBeVisible();
      await expect(page.getByRole('heading', { name: /you could apply to/ })).toHaveCount(0);
      await expect(page.getByLabel('How much money do you need?')).toHaveValue('about a grand');
      await expect(page.getByRole('radio', { name: 'A parish or town council' })).toBeChecked();

      // With JavaScript the summary takes focus, so it is read first, and its link focuses the answer to fix.
      if (javaScriptEnabled) await expect(page.locator('.govuk-error-summary')).toBeFocused();
      await summary.getByRole('link', { name: 'Enter the amount in pounds, like 1500' }).click();
      if (javaScriptEnabled) await expect(page.getByLabel('How much money do you need?')).toBeFocused();
      else await expect(page).toHaveURL(/#amount$/);
    });

    test('a school filters the list of funds and sees why Small Sparks is not for it', async ({ page }) => {
      await page.goto('/funds/');
      await page.getByLabel('What kind of group are you?').selectOption({ label: 'A school' });
      await page.getByLabel('How much money do you need?').fill('£500');
      await page.getByRole('button', { name: 'Show funds that fit' }).click();

      await expect(page).toHaveURL(/\/funds\/check\/\?organisation=school&area=&amount=%C2%A3500/);
      await expect(notFitting(page).filter({ hasText: 'Small Sparks' }).getByRole('listitem')).toHaveText(['Schools cannot apply.']);
      await expect(page.getByRole('radio', { name: 'A school' })).toBeChecked();
      await expect(page.getByLabel('How much money do you need?')).toHaveValue('£500');
    });

    test('a group reads a fund page: what it pays for, how it is assessed, and how to apply', async ({ page }) => {
      await page.goto('/funds/small-sparks/');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Small Sparks');
      for (const heading of ['What it pays for', 'How applications are assessed', 'Documents you will need', 'How and when decisions are made', 'Contact']) {
        await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
      }
      await expect(page.getByRole('link', { name: 'Apply now' })).toHaveAttribute('href', '/funds/small-sparks/apply/');

      // A fund that takes no applications on the tests' day (Police and Crime, unless the tests run before it closed).
      test.skip(acceptsApplications(policeStatus), 'Police and Crime Community Grants is open on the tests’ day');
      await page.goto('/funds/police-and-crime-community-grants/');
      await expect(page.getByText('This fund is not accepting applications at the moment.')).toBeVisible();
      await expect(page.getByRole('link', { name: /Apply/ })).toBeHidden();
      if (policeStatus === 'closed') await expect(page.locator('main .govuk-tag')).toHaveText('Closed');
    });
  });
}

test.describe('a page built some time ago', () => {
  test('tells the truth about a fund’s status on the reader’s day', async ({ page }) => {
    // The reader opens Active Together's page the day after it opens, then the list the day after it closes.
    const closes = formatDate(demoFundDates('active-together').closes!);
    await page.clock.setFixedTime(new Date(`${dayWhenOpen('active-together')}T10:00:00Z`));
    await page.goto('/funds/active-together/');
    await expect(page.locator('main .govuk-tag')).toHaveText('Open');
    await expect(page.getByText(`Closes ${closes}`)).toBeVisible();
    await expect(page.getByRole('link', { name: 'Apply now' })).toHaveAttribute('href', '/funds/active-together/apply/');
    await expect(page.getByText('This fund is not accepting applications at the moment.')).toBeHidden();

    await page.clock.setFixedTime(new Date(`${dayWhenClosed('active-together')}T10:00:00Z`));
    await page.goto('/funds/');
    const activeTogether = page.locator('.hub-results__item').filter({ hasText: 'Active Together' });
    await expect(activeTogether.locator('.govuk-tag')).toHaveText('Closed');
    await expect(activeTogether).toContainText(`Closing date was ${closes}`);
  });

  test('offers a two-stage fund’s outline proposal first', async ({ page }) => {
    await page.clock.setFixedTime(new Date(`${dayWhenOpen('cambridgeshire-communities-innovation-fund')}T10:00:00Z`));
    await page.goto('/funds/cambridgeshire-communities-innovation-fund/');
    await expect(page.getByText('This fund has two stages')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Send an outline proposal' })).toHaveAttribute('href', '/funds/cambridgeshire-communities-innovation-fund/apply/');
  });
});

test.describe('feeds', () => {
  test('a group adds funding dates to its calendar from a valid iCalendar file', async ({ page, request }) => {
    await page.goto('/funds/');
    const href = await page.getByRole('link', { name: /Add funding opening and closing dates to your calendar/ }).getAttribute('href');
    const response = await request.get(href!);
    expect(response.headers()['content-type']).toMatch(/^text\/calendar/);
    const text = await response.text();
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toMatch(/SUMMARY:Healthy Fenland Fund closes\r\n/);
    expect(unfolded).toContain(`DTSTART;VALUE=DATE:${isoDay(demoFundDates('healthy-fenland-fund').closes!).replace(/-/g, '')}`);
  });

  test('a resident follows funding and stories in a feed reader, from the funds and stories pages', async ({ page, request }) => {
    for (const url of ['/funds/', '/stories/']) {
      await page.goto(url);
      await expect(page.locator('head link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute('href', '/feed.xml');
    }
    const response = await request.get('/feed.xml');
    expect(response.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
    const xml = await response.text();
    const entries = await page.evaluate((source) => {
      const document = new DOMParser().parseFromString(source, 'application/xml');
      if (document.querySelector('parsererror')) throw new Error('The feed is not well-formed XML');
      return [...document.querySelectorAll('entry > title')].map((title) => title.textContent);
    }, xml);
    expect(entries).toEqual(expect.arrayContaining(['Healthy Fenland Fund', 'Small Sparks', 'Eight new walk leaders for March Health Walks']));
  });
});
