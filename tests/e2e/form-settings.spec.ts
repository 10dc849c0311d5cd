/**
 * Forms on servers with their own settings: the per-minute limit a resident can hit (the shared
 * test server raises it, since every test posts from one address), and the "come back later" link
 * sent by email when a mail server is configured.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startTestMailServer } from '../support/mail-server';
import { builtSite } from '../../server/public-address.mjs';
import { dist, startServer } from './own-server';

test.describe.configure({ timeout: 180_000 });
const freshData = () => ({ DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'community-hub-settings-')) });

test('more posts a minute than the limit get a plain 429, and nothing before the limit does', async ({ request }) => {
  const server = await startServer({ ...freshData(), POSTS_PER_MINUTE: '3' });
  try {
    const statuses: number[] = [];
    let refusal = '';
    // Eight posts: even if a new minute starts between two of them, one minute sees more than three.
    for (let post = 1; post <= 8 && !statuses.includes(429); post++) {
      const response = await request.post(`${server.origin}/ask-about-funding/`, {
        form: { attempt: `limit-test-attempt-${post}000000`, name: 'Sam Example', email: 'sam@example.org', question: `Question number ${post}` },
        headers: { origin: server.origin },
      });
      statuses.push(response.status());
      if (response.status() === 429) refusal = await response.text();
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.at(-1)).toBe(429);
    expect(refusal).toContain('You have sent a lot of forms in the last minute. Wait a minute, then try again.');
  } finally {
    await server.stop();
  }
});

test("saving an application for later emails the private link at the site's public address when a mail server is configured", async ({ page, browser }) => {
  const mail = await startTestMailServer();
  const server = await startServer({ ...freshData(), SMTP_URL: mail.url, MAIL_FROM: 'hub@example.org' });
  try {
    await page.goto(`${server.origin}/funds/small-sparks/apply/contact/`);
    await page.getByLabel('Full name').fill('Sam Example');
    await page.getByLabel('Email address').fill('sam@example.org');
    await page.getByRole('button', { name: 'Save and come back later' }).click();
    await expect(page.getByText('We have emailed the link to sam@example.org.')).toBeVisible();
    // The page shows the link at the address it was opened at (127.0.0.1 here)...
    const link = await page.locator('[data-resume-link]').getAttribute('href');
    expect(link!.startsWith(`${server.origin}/funds/small-sparks/apply/resume/`)).toBe(true);

    await expect.poll(() => mail.received.filter((email) => email.to.includes('sam@example.org')).length, { timeout: 30_000 }).toBe(1);
    // Long lines arrive quoted-printable: join the soft line breaks before looking for the link.
    const body = mail.received[0]!.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    // ...and the email at the public address the site was built for (SITE_URL), wherever staff or the sender were.
    expect(body).toContain(new URL(new URL(link!).pathname, builtSite(dist)).href);

    const elsewhere = await browser.newContext();
    const other = await elsewhere.newPage();
    await other.goto(link!);
    await other.getByRole('link', { name: /Complete this section\s*: Contact details/ }).click();
    await expect(other.getByLabel('Full name')).toHaveValue('Sam Example');
    await elsewhere.close();
  } finally {
    await server.stop();
    await mail.close();
  }
});
