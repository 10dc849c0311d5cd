/**
 * What's on in search, in the Atom feeds and on the built pages, with JavaScript on and off, each
 * test on a server of its own on a day taken from the demo content (HUB_TODAY), never today's date:
 * a resident finds a course and a volunteering role by searching, past events and closed roles drop
 * out of search the day after, a cancelled event says so everywhere, the feeds carry the right next
 * dates (read by feedparser, a real feed parser), every calendar file the build wrote passes an RFC
 * 5545 validator (libical), and a page built before an event never claims its date once it has passed.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import ical, { type VEvent } from 'node-ical';
import { isoDay, ukToday } from '../../src/rules/dates';
import { client } from './pages';
import { addDays, course, courseDay, courseTitle, dayText, expectCourseInCalendar, frontMatter, longDay, monthBefore, onDay } from './whats-on-support';

test.beforeEach(() => test.setTimeout(240_000));

const contentDir = process.env.CONTENT_DIR ?? 'content';

interface ParsedFeed {
  bozo: boolean;
  problem: string;
  version: string;
  title: string;
  links: { rel: string; href: string }[];
  entries: { id: string; title: string; link: string; updated: string; summary: string; category: string[] }[];
}
/** An Atom feed read by feedparser (tests/support/parse-feed.py). */
function parseFeed(text: string): ParsedFeed {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'community-hub-feed-')), 'feed.xml');
  fs.writeFileSync(file, text);
  try {
    return JSON.parse(execFileSync('/usr/bin/python3', ['tests/support/parse-feed.py', file], { encoding: 'utf8' })) as ParsedFeed;
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'JavaScript on' : 'JavaScript off';

  test(`a resident searches for first aid training in March next month and adds it to their calendar (${mode})`, async ({ browser }) => {
    await onDay(monthBefore, async (origin) => {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${origin}/search/`);
      const box = page.locator('#search-query');
      await box.fill('first aid training March');
      if (javaScriptEnabled) await expect(page.getByRole('link', { name: courseTitle })).toBeVisible();
      else await box.press('Enter');
      const result = page.locator('.hub-results__item').filter({ has: page.getByRole('link', { name: courseTitle }) });
      await expect(result).toContainText('Training course');
      await expect(result).toContainText(`Next: ${longDay(courseDay)}, 9:30am to 4:30pm`);
      // The same results loaded from the address.
      await page.goto(page.url());
      await result.getByRole('link', { name: courseTitle }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(courseTitle);
      const address = page.url();
      await context.close();

      await expectCourseInCalendar(browser, javaScriptEnabled, address);
    });
  });

  test(`a resident searches for a walk leader role in Chatteris and finds how to apply (${mode})`, async ({ browser }) => {
    const role = frontMatter('volunteering', 'chatteris-health-walk-leader');
    await onDay(addDays(dayText(role.closes), -14), async (origin) => {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${origin}/search/?q=${encodeURIComponent('walk leader Chatteris')}`);
      await page.getByRole('link', { name: String(role.title) }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(String(role.title));
      await expect(page.getByRole('heading', { name: 'How to apply' })).toBeVisible();
      await expect(page.getByText(String(role.howToApply))).toBeVisible();
      // Volunteering is a kind on /whats-on/ too.
      await page.goto(`${origin}/whats-on/`);
      await page.getByLabel('Volunteering role').check();
      await page.getByRole('group', { name: 'Town or village' }).getByLabel('Chatteris').check();
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await expect(page.locator('[data-roles]').getByRole('link', { name: String(role.title) })).toBeVisible();
      await expect(page.locator('[data-roles]').getByRole('link', { name: 'Repair cafe fixer' })).toHaveCount(0);
      await context.close();
    });
    // The day after it closes, search no longer offers it.
    await onDay(addDays(dayText(role.closes), 1), async (origin) => {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${origin}/search/?q=${encodeURIComponent('walk leader Chatteris')}`);
      await expect(page.locator('#search-heading')).toBeVisible();
      await expect(page.getByRole('link', { name: String(role.title) })).toHaveCount(0);
      await context.close();
    });
  });
}

test('search finds a course by the date filter on its day, and not the day after, with JavaScript on and off', async ({ browser }) => {
  for (const [day, found] of [[courseDay, 1], [addDays(courseDay, 1), 0]] as const) {
    await onDay(day, async (origin) => {
      for (const javaScriptEnabled of [true, false]) {
        const context = await browser.newContext({ javaScriptEnabled });
        const page = await context.newPage();
        await page.goto(`${origin}/search/?q=first+aid`);
        if (found) {
          // Ticking "Today" narrows to what is on today; without JavaScript the filters are sent with the button.
          await page.locator('details[data-facet="date"] summary').click();
          await page.getByLabel(/^Today/).check();
          if (!javaScriptEnabled) await page.getByRole('button', { name: 'Apply filters' }).click();
          await expect(page).toHaveURL(/date=Today/);
          await expect(page.getByRole('link', { name: courseTitle })).toBeVisible();
          await expect(page.locator('.hub-results__item').filter({ hasText: courseTitle })).toContainText(`Next: ${longDay(courseDay)}`);
        } else {
          await expect(page.locator('#search-heading')).toContainText('first aid');
          await expect(page.getByRole('link', { name: courseTitle })).toHaveCount(0);
          await expect(page.getByLabel(/^Today/)).toHaveCount(0);
          // Its page stays, and says it has happened.
          await page.goto(`${origin}/whats-on/${course}/`);
          await expect(page.getByText('This event has happened.')).toBeVisible();
        }
        await context.close();
      }
    });
  }
});

test('a cancelled event says so on its page and in its calendar file, and is in no list, search or feed', async ({ browser }) => {
  const concert = 'chatteris-choir-spring-concert';
  const data = frontMatter('events', concert);
  expect(data.status).toBe('cancelled');
  await onDay(addDays(dayText(data.date), -3), async (origin) => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${origin}/whats-on/${concert}/`);
      await expect(page.getByText('This event has been cancelled.')).toBeVisible();
      await expect(page.getByText(`It was due on ${longDay(dayText(data.date))}, 7pm to 9pm.`)).toBeVisible();
      await expect(page.getByText(/^Next:/)).toHaveCount(0);
      await page.goto(`${origin}/whats-on/?when=all&area=chatteris`);
      await expect(page.getByRole('heading', { level: 2, name: /things? on/ })).toBeVisible();
      await expect(page.getByRole('link', { name: String(data.title) })).toHaveCount(0);
      await page.goto(`${origin}/search/?q=${encodeURIComponent('choir spring concert')}`);
      await expect(page.locator('#search-heading')).toBeVisible();
      await expect(page.getByRole('link', { name: String(data.title) })).toHaveCount(0);
      await context.close();
    }
    const events = Object.values(ical.sync.parseICS(await (await fetch(`${origin}/whats-on/${concert}/calendar.ics`)).text())).filter((component): component is VEvent => component?.type === 'VEVENT');
    expect(events.map((event) => event.status)).toEqual(['CANCELLED']);
    const feed = parseFeed(await (await fetch(`${origin}/whats-on/feed/areas/chatteris.xml`)).text());
    expect(feed.entries.map((entry) => entry.title)).not.toContain(String(data.title));
  });
});

test('the Atom feeds of what is on: well formed, linked from the page, next dates without the cancelled one, and nothing past', async ({ browser }) => {
  const walk = 'wisbech-tuesday-health-walk';
  const walkData = frontMatter('events', walk);
  const cancelled = dayText((walkData.cancelled as unknown[])[0]);
  const weekBefore = addDays(cancelled, -7);
  await onDay(weekBefore, async (origin) => {
    const page = await browser.newPage();
    await page.goto(`${origin}/whats-on/?area=wisbech`);
    const alternates = await page.locator('head link[rel="alternate"][type="application/atom+xml"]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(alternates).toEqual(['/whats-on/feed.xml', '/whats-on/feed/events.xml', '/whats-on/feed/training.xml', '/whats-on/feed/volunteering.xml', '/whats-on/feed/areas/wisbech.xml']);
    for (const href of alternates) await expect(page.locator(`[data-feeds] a[href="${href}"]`)).toBeVisible();
    await page.close();

    for (const href of alternates) {
      const response = await fetch(`${origin}${href}`);
      expect(response.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
      const feed = parseFeed(await response.text());
      expect(feed.bozo, `${href}: ${feed.problem}`).toBe(false);
      expect(feed.version).toBe('atom10');
      // The site's public address (SITE_URL) comes first, as in every link the site writes.
      expect(new URL(feed.links.find((link) => link.rel === 'self')!.href).pathname).toBe(href);
      expect(feed.entries.length, href).toBeGreaterThan(0);
    }
    const feed = parseFeed(await (await fetch(`${origin}/whats-on/feed/areas/wisbech.xml`)).text());
    const entry = feed.entries.find((item) => item.link.endsWith(`/whats-on/${walk}/`))!;
    // The walk on the test's day was over by noon: next is the week after the cancelled date.
    expect(entry.summary).toContain(`Next: ${longDay(addDays(cancelled, 7))}, 10am to 11am`);
    expect(entry.summary).toContain(`${longDay(addDays(cancelled, 7))}, 10am to 11am; ${longDay(addDays(cancelled, 14))}, 10am to 11am`);
    expect(entry.summary).not.toContain(longDay(cancelled));
    expect(entry.summary).not.toContain(longDay(weekBefore));
  });
});

test('the static-only search finds a course by its words with its next date by the reader\'s clock, and drops it once it has passed', async ({ browser }) => {
  // The index was written on the build's day, the tests' day: a course that had passed by then is in no record to find.
  const builtBefore = isoDay(ukToday()) <= courseDay;
  for (const [today, found] of [[monthBefore, builtBefore], [addDays(courseDay, 1), false]] as const) {
    const page = await browser.newPage();
    await page.clock.install({ time: new Date(`${today}T12:00:00Z`) });
    await page.goto('/search/static/?q=first+aid+training');
    await expect(page.locator('#search-heading')).toContainText('first aid training');
    const result = page.locator('.hub-results__item').filter({ has: page.getByRole('link', { name: courseTitle }) });
    if (found) await expect(result).toContainText(`Next: ${longDay(courseDay)}, 9:30am to 4:30pm`);
    else {
      await expect(page.locator('.hub-results__item').first()).toBeVisible();
      await expect(result).toHaveCount(0);
    }
    await page.close();
  }
});

test('every calendar file the build wrote is valid RFC 5545, by libical', () => {
  const files = (fs.readdirSync(client, { recursive: true, encoding: 'utf8' }) as string[]).filter((file) => file.endsWith('.ics')).map((file) => path.join(client, file));
  const events = fs.readdirSync(path.join(contentDir, 'events')).length;
  // One per event, everything, each kind, each town or village, and the funding dates.
  expect(files.length).toBeGreaterThan(events + 3);
  const output = execFileSync('/usr/bin/python3', ['tests/support/validate-icalendar.py', ...files], { encoding: 'utf8' });
  expect(output).toContain(`${files.length} iCalendar files checked, all valid`);
});

test('the validator finds what RFC 5545 forbids', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'community-hub-ics-'));
  const bad = path.join(dir, 'bad.ics');
  fs.writeFileSync(bad, ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', 'BEGIN:VEVENT', 'UID:a', 'DTSTART;TZID=Europe/Paris:20270101T100000', 'DTEND:nonsense', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n'));
  let output = '';
  try {
    execFileSync('/usr/bin/python3', ['tests/support/validate-icalendar.py', bad], { encoding: 'utf8' });
  } catch (error) {
    output = (error as { stdout: string }).stdout;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  expect(output).toContain('must have one DTSTAMP');
  expect(output).toContain('TZID Europe/Paris has no VTIMEZONE');
  expect(output).toContain("Can't parse as DATE-TIME");
});

test('a page built before an event never claims its date once it has passed, with JavaScript on and off', async ({ browser }) => {
  // A group with one event, a one-off: its page was built before the event (the demo's dates are to come at build).
  const taster = 'murrow-chair-yoga-taster';
  const data = frontMatter('events', taster);
  const group = (data.groups as string[])[0]!;
  const runs = fs.readdirSync(path.join(contentDir, 'events')).filter((file) => (frontMatter('events', file.replace(/\.md$/, '')).groups as string[]).includes(group));
  expect(runs).toEqual([`${taster}.md`]);
  const day = dayText(data.date);
  // Built after the event (the tests' day is later), the page has nothing to come and no link to the list.
  const builtBefore = isoDay(ukToday()) < day;
  for (const [today, on] of [[addDays(day, -1), true], [addDays(day, 1), false]] as const) {
    await onDay(today, async (origin) => {
      for (const javaScriptEnabled of [true, false]) {
        const context = await browser.newContext({ javaScriptEnabled });
        const page = await context.newPage();
        await page.clock.install({ time: new Date(`${today}T12:00:00Z`) });
        await page.goto(`${origin}/groups/${group}/`);
        // The built page names no date of the event, so it stays true; the list it links to is made on the day.
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expect(page.getByText(longDay(day))).toHaveCount(0);
        await expect(page.getByText(/Next:/)).toHaveCount(0);
        if (!builtBefore) {
          await expect(page.getByRole('link', { name: "What's on with this group" })).toHaveCount(0);
          await context.close();
          continue;
        }
        await page.getByRole('link', { name: "What's on with this group" }).click();
        if (on) await expect(page.getByRole('link', { name: String(data.title) })).toBeVisible();
        else {
          await expect(page.getByRole('heading', { level: 2, name: /things? on|Nothing/ }).first()).toBeVisible();
          await expect(page.getByRole('link', { name: String(data.title) })).toHaveCount(0);
        }
        await context.close();
      }
    });
  }
});
