/**
 * What's on and volunteering, as a resident uses them, with JavaScript on and off. Each test runs
 * a server of its own on a day chosen from the demo content (HUB_TODAY, src/rules/clock.ts), so
 * it does not depend on today's date; the calendar files are read with node-ical, a parser that
 * shares no code with the ical.js that writes them.
 */
import { expect, test } from '@playwright/test';
import ical, { type VEvent } from 'node-ical';
import { addDays, calendarFrom, course, courseDay, courseTitle, dayText, expectCourseInCalendar, frontMatter, inLondon, longDay, monthBefore, onDay } from './whats-on-support';

// Each test starts a server of its own (and some two), which is slow on a busy machine.
test.beforeEach(() => test.setTimeout(240_000));


for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'JavaScript on' : 'JavaScript off';

  test(`a resident finds first aid training next month and adds it to their calendar (${mode})`, async ({ browser }) => {
    await onDay(monthBefore, async (origin) => {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${origin}/whats-on/`);
      await page.getByLabel('Training course').check();
      await page.getByLabel('All dates to come').check();
      await page.getByRole('button', { name: 'Apply filters' }).click();
      const day = page.locator('section').filter({ has: page.getByRole('heading', { name: longDay(courseDay) }) });
      await day.getByRole('link', { name: courseTitle }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(courseTitle);
      await expect(page.getByText(`Next: ${longDay(courseDay)}, 9:30am to 4:30pm`)).toBeVisible();
      await expect(page.getByRole('link', { name: 'March Community Centre' })).toBeVisible();
      const address = page.url();
      await context.close();

      await expectCourseInCalendar(browser, javaScriptEnabled, address);
    });
  });

  test(`a resident finds a walk leader role in Chatteris and how to apply (${mode})`, async ({ browser }) => {
    const role = frontMatter('volunteering', 'chatteris-health-walk-leader');
    const day = addDays(dayText(role.closes), -14);
    await onDay(day, async (origin) => {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${origin}/volunteer/`);
      await page.getByLabel('Chatteris').check();
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await expect(page.getByRole('link', { name: 'Repair cafe fixer' })).toHaveCount(0);
      await page.getByRole('link', { name: String(role.title) }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(String(role.title));
      await expect(page.getByRole('heading', { name: 'How to apply' })).toBeVisible();
      await expect(page.getByText(String(role.howToApply))).toBeVisible();
      await expect(page.getByRole('link', { name: String((role.contact as { email: string }).email) })).toBeVisible();
      await context.close();
    });
  });
}

test('the day after a course, it is no longer offered as upcoming and its page says it has happened, with JavaScript on and off', async ({ browser }) => {
  await onDay(courseDay, async (origin) => {
    const page = await browser.newPage();
    await page.goto(`${origin}/whats-on/?when=today`);
    await expect(page.getByRole('link', { name: courseTitle })).toBeVisible();
    await page.close();
  });
  await onDay(addDays(courseDay, 1), async (origin) => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${origin}/whats-on/?when=all&kind=training`);
      await expect(page.getByRole('heading', { level: 2, name: /things on/ })).toBeVisible();
      await expect(page.getByRole('link', { name: courseTitle })).toHaveCount(0);
      await page.goto(`${origin}/whats-on/${course}/`);
      await expect(page.getByText('This event has happened.')).toBeVisible();
      await expect(page.getByText(`It was last on ${longDay(courseDay)}, 9:30am to 4:30pm.`)).toBeVisible();
      await expect(page.getByText(/^Next:/)).toHaveCount(0);
      await expect(page.getByRole('link', { name: /Add to your calendar/ })).toHaveCount(0);
      await context.close();
    }
  });
});

test('a repeating walk with a cancelled date shows the right next dates on its page, in its calendar file and in the calendar feeds', async ({ browser }) => {
  const walk = 'wisbech-tuesday-health-walk';
  const cancelled = dayText((frontMatter('events', walk).cancelled as unknown[])[0]);
  const weekBefore = addDays(cancelled, -7);
  await onDay(weekBefore, async (origin) => {
    const page = await browser.newPage();
    await page.goto(`${origin}/whats-on/${walk}/`);
    // The walk that day was over by noon, when the test clock starts; the cancelled one is skipped.
    await expect(page.getByText(`Next: ${longDay(addDays(cancelled, 7))}, 10am to 11am`)).toBeVisible();
    const dates = page.locator('[data-next-dates] li');
    await expect(dates.first()).toHaveText(`${longDay(addDays(cancelled, 7))}, 10am to 11am`);
    await expect(dates.filter({ hasText: longDay(cancelled) })).toHaveCount(0);
    await expect(dates.nth(1)).toHaveText(`${longDay(addDays(cancelled, 14))}, 10am to 11am`);
    await page.close();

    const [event] = await calendarFrom(browser, true, `${origin}/whats-on/${walk}/`, /Add all the dates to your calendar/);
    const instances = ical.expandRecurringEvent(event, { from: new Date(`${weekBefore}T00:00:00Z`), to: new Date(`${addDays(cancelled, 15)}T00:00:00Z`) });
    expect(instances.map((instance) => inLondon(instance.start))).toEqual([weekBefore, addDays(cancelled, 7), addDays(cancelled, 14)].map((day) => `${day} 10:00`));

    // The same dates in the calendars to subscribe to: everything, and the walk's town.
    const area = (frontMatter('events', walk).areas as string[])[0];
    for (const feed of ['/whats-on/calendar.ics', `/whats-on/calendar/areas/${area}.ics`]) {
      const response = await fetch(`${origin}${feed}`);
      expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
      const events = Object.values(ical.sync.parseICS(await response.text())).filter((component): component is VEvent => component?.type === 'VEVENT');
      const inFeed = events.find((component) => component.uid.startsWith(`${walk}@`))!;
      const dates = ical.expandRecurringEvent(inFeed, { from: new Date(`${weekBefore}T00:00:00Z`), to: new Date(`${addDays(cancelled, 15)}T00:00:00Z`) });
      expect(dates.map((instance) => inLondon(instance.start)), feed).toEqual([weekBefore, addDays(cancelled, 7), addDays(cancelled, 14)].map((day) => `${day} 10:00`));
    }
  });
});
