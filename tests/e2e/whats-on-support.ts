/** What the what's-on tests share: the demo content's front matter, days as text, a server on a day of the test's choosing, and a downloaded calendar file read with node-ical. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, expect } from '@playwright/test';
import ical, { type VEvent } from 'node-ical';
import { parse } from 'yaml';
import { startServer } from './own-server';

const contentDir = process.env.CONTENT_DIR ?? 'content';
/** An entry's front matter, as written. */
export function frontMatter(collection: string, id: string): Record<string, unknown> {
  const text = fs.readFileSync(path.join(contentDir, collection, `${id}.md`), 'utf8');
  return parse(text.split(/^---$/m)[1]!) as Record<string, unknown>;
}
export const dayText = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value));
export const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** "Thursday 18 March 2027", as GOV.UK writes a date with its day. */
export const longDay = (day: string) => new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`)).replace(',', '');
/** "2027-03-18 09:30": a moment as a UK wall-clock date and time. */
export const inLondon = (moment: Date) => {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(moment).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
};

/** Runs `use` against a server of its own whose clock starts at noon on `day`. */
export async function onDay(day: string, use: (origin: string) => Promise<void>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'community-hub-whats-on-'));
  const server = await startServer({ DATA_DIR: dataDir, HUB_TODAY: day });
  try {
    await use(server.origin);
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function calendarFrom(browser: Browser, javaScriptEnabled: boolean, pageAddress: string, linkName: RegExp) {
  const context = await browser.newContext({ javaScriptEnabled, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(pageAddress);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: linkName }).click()]);
  const text = fs.readFileSync((await download.path())!, 'utf8');
  await context.close();
  return Object.values(ical.sync.parseICS(text)).filter((component): component is VEvent => component?.type === 'VEVENT');
}


/** The demo's first aid course in March, the course the journeys find. */
export const course = 'first-aid-for-volunteers-march';
export const courseData = frontMatter('events', course);
export const courseDay = dayText(courseData.date);
export const courseTitle = String(courseData.title);
/** The 15th of the month before the course: the course is "next month". */
export const monthBefore = (() => {
  const date = new Date(`${courseDay}T00:00:00Z`);
  date.setUTCDate(15);
  date.setUTCMonth(date.getUTCMonth() - 1);
  return date.toISOString().slice(0, 10);
})();

/** "Add to your calendar" on the course's page gives a file a real parser reads as the course: its name, date, times and place. */
export async function expectCourseInCalendar(browser: Browser, javaScriptEnabled: boolean, pageAddress: string) {
  const [event] = await calendarFrom(browser, javaScriptEnabled, pageAddress, /Add to your calendar/);
  expect(event.summary).toBe(courseTitle);
  expect(inLondon(event.start)).toBe(`${courseDay} ${courseData.starts}`);
  expect(inLondon(event.end!)).toBe(`${courseDay} ${courseData.ends}`);
  expect(event.location).toContain(String(frontMatter('assets', String(courseData.venue)).name));
  expect(event.location).toContain('PE15');
}
