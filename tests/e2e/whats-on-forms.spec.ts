/**
 * An event and a volunteering role sent through the public forms, with JavaScript on and off, on a
 * server of its own: the resident gets a mistake pointed out with what they typed kept, then a
 * reference; an officer then finds each in the moderation queue with every answer they gave.
 * The dates typed are counted from the tests' day (HUB_TODAY), never from the demo's dates.
 */
import { expect, test as base, type Page } from '@playwright/test';
import { ukToday } from '../../src/rules/dates';
import { expectAccessible } from './accessibility';
import { served, shown, signIn, startConsole } from './staff-console';

const officer = 'whats-on-moderator@example.org';
const reference = /^[23456789ABCDEFGHJKMNPQRSTWXYZ]{8}$/;
const send = (page: Page) => page.getByRole('button', { name: 'Send' }).click();
const summary = (page: Page) => page.locator('.govuk-error-summary');

/** A day `days` after the tests' day: its three boxes and how the console writes it. */
function dayAhead(days: number) {
  const day = new Date(ukToday().getTime() + days * 86_400_000);
  return {
    day: String(day.getUTCDate()),
    month: String(day.getUTCMonth() + 1),
    year: String(day.getUTCFullYear()),
    written: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(day),
  };
}

async function fillDate(page: Page, name: string, date: ReturnType<typeof dayAhead>) {
  await page.locator(`#${name}-day`).fill(date.day);
  await page.locator(`#${name}-month`).fill(date.month);
  await page.locator(`#${name}-year`).fill(date.year);
}

/** The officer's view of an item: each answer beside the question it answers. */
async function expectAnswers(page: Page, rows: [string, string][]) {
  for (const [question, answer] of rows) {
    const key = page.locator('.govuk-summary-list__key', { hasText: new RegExp(`^\\s*${question.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) });
    await expect(page.locator('.govuk-summary-list__row').filter({ has: key }).locator('.govuk-summary-list__value'), question).toHaveText(answer);
  }
}

const test = base.extend<object, { whatsOnServer: { url: string } }>({
  whatsOnServer: [
    async ({}, use) => {
      const server = await startConsole([{ email: officer, role: 'officer' }]);
      await use({ url: server.url });
      await server.stop();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  baseURL: async ({ whatsOnServer }, use) => use(whatsOnServer.url),
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('an event sent through the public form reaches the moderation queue with every answer', async ({ page, browser, whatsOnServer }) => {
      test.setTimeout(120_000);
      const title = `Repair cafe ${javaScriptEnabled ? 'with' : 'without'} JavaScript`;
      const first = dayAhead(20);
      const last = dayAhead(200);
      await page.goto('/whats-on/');
      await page.getByRole('link', { name: "Running an event or a course? Add it to What's on" }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add an event or training course');
      await page.getByLabel('An event, such as a coffee morning, a walk or a fun day').check();
      await page.getByLabel('Name of the event or course').fill(title);
      await page.getByLabel('What is it, and who is it for?').fill('Bring something broken and mend it with a volunteer.');
      await page.getByLabel('Anything else people should know (optional)').fill('Tea and cake.\nSmall electricals, clothes and bikes.');
      await page.getByLabel('Which group runs it?').selectOption({ label: 'March Timebank' });
      await page.getByLabel('Building and street').fill('Church Hall, Church Street');
      await page.getByLabel('Town or village', { exact: true }).fill('March');
      await page.getByLabel('Postcode').fill('PE15 8AA');
      await page.getByRole('group', { name: 'Which towns or villages is it in or for?' }).getByLabel('March', { exact: true }).check();
      await page.getByLabel('Start time').fill('10:00');
      await page.getByLabel('End time').fill('9:30');
      await page.getByLabel('Every month, on the same weekday (for example, the second Tuesday)').check();
      await fillDate(page, 'until', last);
      await page.getByLabel('Low cost').check();
      await page.getByLabel('Cost details (optional)').fill('£1 for tea');
      await page.getByLabel('Yes, they must book a place').check();
      await page.getByLabel('How to book (optional)').fill('Call 01632 960 123');
      await page.getByLabel('Booking website (optional)').fill('www.example.org/repair');
      await page.getByLabel('Email address', { exact: true }).fill('repair@example.org');
      await page.getByLabel('Your name').fill('Sam Example');
      await page.getByLabel('Your email address').fill('sam.events@example.org');
      const mistake = await shown(page, send(page));

      // The date left out and the times the wrong way round, each pointed out; what was typed is kept.
      await expect(summary(page).getByRole('link')).toHaveText(['Enter the date it happens', 'The end time must be after the start time']);
      await expect(page.getByLabel('Name of the event or course')).toHaveValue(title);
      await expect(page.getByLabel('Which group runs it?')).toHaveValue('march-timebank');
      await expect(page.getByLabel('Every month, on the same weekday (for example, the second Tuesday)')).toBeChecked();
      await expect(page.getByLabel('End time')).toHaveValue('9:30');
      await expect(page.locator('#until-year')).toHaveValue(last.year);
      // Axe runs its script in the page, so the pages are checked with JavaScript on.
      if (javaScriptEnabled) await expectAccessible(page, mistake);
      await summary(page).getByRole('link', { name: 'Enter the date it happens' }).click();
      await expect(page.locator('#date-day')).toBeFocused();

      await fillDate(page, 'date', first);
      await page.getByLabel('End time').fill('12:30');
      const sent = await served(page, send(page));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Event sent');
      const eventReference = (await page.locator('[data-reference]').textContent()) ?? '';
      expect(eventReference).toMatch(reference);
      if (javaScriptEnabled) await expectAccessible(page, sent);

      // An officer finds it in the queue, with every answer.
      const staff = await browser.newContext({ baseURL: whatsOnServer.url, javaScriptEnabled: true });
      const desk = await staff.newPage();
      await signIn(desk, officer);
      await desk.goto('/staff/moderation/?kind=event');
      const row = desk.locator(`[data-item="${eventReference}"]`);
      await expect(row).toContainText('Event or training');
      await expect(row).toContainText(title);
      const item = await served(desk, row.getByRole('link', { name: eventReference }).click());
      await expect(desk.getByRole('heading', { level: 1 })).toHaveText(`Event or training ${eventReference}`);
      await expectAnswers(desk, [
        ['What are you adding?', 'Event'],
        ['Name of the event or course', title],
        ['What is it, and who is it for?', 'Bring something broken and mend it with a volunteer.'],
        ['Anything else people should know (optional)', 'Tea and cake.Small electricals, clothes and bikes.'],
        ['Which group runs it?', 'March Timebank (march-timebank)'],
        ['Choose the place, if it is on the list', 'Not given'],
        ['Building and street', 'Church Hall, Church Street'],
        ['Town or village', 'March'],
        ['Postcode', 'PE15 8AA'],
        ['Which towns or villages is it in or for?', 'March'],
        ['Date', first.written],
        ['All day', 'No'],
        ['Start time', '10:00'],
        ['End time', '12:30'],
        ['Does it happen more than once?', 'Every month, on the same weekday (for example, the second Tuesday)'],
        ['Last date (optional)', last.written],
        ['What does it cost?', 'Low cost'],
        ['Cost details (optional)', '£1 for tea'],
        ['Do people need to book?', 'Yes, they must book a place'],
        ['How to book (optional)', 'Call 01632 960 123'],
        ['Booking website (optional)', 'https://www.example.org/repair'],
        ['Public email address', 'repair@example.org'],
        ['Name', 'Sam Example'],
        ['Email address', 'sam.events@example.org'],
      ]);
      await expect(desk.getByRole('button', { name: 'Approve and open a CMS draft' })).toBeVisible();
      await expectAccessible(desk, item);
      await staff.close();
    });

    test('a volunteering role sent through the public form reaches the moderation queue with every answer', async ({ page, browser, whatsOnServer }) => {
      test.setTimeout(120_000);
      const title = `Befriender ${javaScriptEnabled ? 'with' : 'without'} JavaScript`;
      const closes = dayAhead(60);
      await page.goto('/volunteer/');
      await page.getByRole('link', { name: 'Looking for volunteers? Add a volunteering role' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add a volunteering role');
      await page.getByLabel('Name of the role').fill(title);
      await page.getByLabel('What is the role?').fill('Visit an older neighbour for a chat once a week.');
      await page.getByLabel('Which group runs it?').selectOption({ label: 'March Timebank' });
      await page.getByLabel('Where is it done? Choose the place, if it is on the list (optional)').selectOption({ label: 'March Library' });
      await page.getByRole('group', { name: 'Which towns or villages is the role in?' }).getByLabel('March', { exact: true }).check();
      await page.getByLabel('What would a volunteer do?').fill('Visit, listen, and help with small things like letters.');
      await page.getByLabel('How much time does it take?').fill('An hour a week');
      await page.getByLabel('Skills or experience that help (optional)').fill('Patience\nA friendly ear');
      await page.getByLabel('Yes, an enhanced check').check();
      await page.getByLabel('What training and support do volunteers get?').fill('A morning of training and a buddy');
      await page.getByLabel('What expenses are paid? (optional)').fill('Travel at 45p a mile');
      await page.getByLabel('Phone number').fill('01632 960 456');
      await page.getByLabel('Your name').fill('Alex Example');
      await page.getByLabel('Your email address').fill('alex.roles@example.org');
      await send(page);
      await expect(summary(page).getByRole('link')).toHaveText(['Enter how people apply']);
      await expect(page.getByLabel('Skills or experience that help (optional)')).toHaveValue('Patience\nA friendly ear');
      await expect(page.getByLabel('Yes, an enhanced check')).toBeChecked();

      await page.getByLabel('How do people apply?').fill('Email the coordinator with a few lines about yourself');
      await fillDate(page, 'closes', closes);
      await send(page);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Volunteering role sent');
      const roleReference = (await page.locator('[data-reference]').textContent()) ?? '';
      expect(roleReference).toMatch(reference);

      const staff = await browser.newContext({ baseURL: whatsOnServer.url, javaScriptEnabled: true });
      const desk = await staff.newPage();
      await signIn(desk, officer);
      await desk.goto('/staff/moderation/?kind=volunteering');
      const row = desk.locator(`[data-item="${roleReference}"]`);
      await expect(row).toContainText('Volunteering role');
      await expect(row).toContainText(title);
      await row.getByRole('link', { name: roleReference }).click();
      await expect(desk.getByRole('heading', { level: 1 })).toHaveText(`Volunteering role ${roleReference}`);
      await expectAnswers(desk, [
        ['Name of the role', title],
        ['What is the role?', 'Visit an older neighbour for a chat once a week.'],
        ['Anything else people should know (optional)', 'Not given'],
        ['Which group runs it?', 'March Timebank (march-timebank)'],
        ['Where is it done? Choose the place, if it is on the list (optional)', 'March Library'],
        ['Which towns or villages is the role in?', 'March'],
        ['What would a volunteer do?', 'Visit, listen, and help with small things like letters.'],
        ['How much time does it take?', 'An hour a week'],
        ['Skills or experience that help (optional)', 'PatienceA friendly ear'],
        ['Does the role need a DBS check?', 'Yes, an enhanced check'],
        ['What training and support do volunteers get?', 'A morning of training and a buddy'],
        ['What expenses are paid? (optional)', 'Travel at 45p a mile'],
        ['How do people apply?', 'Email the coordinator with a few lines about yourself'],
        ['Closing date (optional)', closes.written],
        ['Public phone number', '01632 960 456'],
        ['Name', 'Alex Example'],
        ['Email address', 'alex.roles@example.org'],
      ]);
      await staff.close();
    });
  });
}

test('the forms are linked from the contact page, with the other ways to tell the hub what is happening', async ({ page }) => {
  await page.goto('/contact/');
  const list = page.locator('[data-tell-us]');
  await expect(list.getByRole('link')).toHaveText(['Add a group, service or place', 'Add an event or training course', 'Add a volunteering role', 'Share a community story', 'Suggest a change to a listing']);
  await list.getByRole('link', { name: 'Add a volunteering role' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add a volunteering role');
});

// The crawl (every-page.spec.ts) sees each form fresh; these are the same forms showing every problem.
for (const url of ['/add-an-event/', '/add-a-volunteering-role/']) {
  test(`${url} showing every problem has no accessibility violations and valid HTML`, async ({ page }) => {
    await page.goto(url);
    const html = await shown(page, send(page));
    await expect(summary(page)).toBeVisible();
    await expectAccessible(page, html);
  });
}
