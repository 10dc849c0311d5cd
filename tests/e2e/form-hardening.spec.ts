/**
 * What one applicant, or one careless or hostile client, meets at the edges of the forms: funds that
 * take applications elsewhere, addresses that do not exist, hidden characters, files too large or
 * sent twice, a connection dropped mid-upload; and the GOV.UK helpers (error summary focus,
 * character count, where the saved link went). Against the production build.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from './accessibility';
import { pdf } from './applications';
import { startServer } from './own-server';
import { served } from './staff-console';

const freshData = () => ({ DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'community-hub-hardening-')) });
// A real PDF's first bytes, then 6 MB: over the 5 MB limit by content, not by name.
const largePdf = { name: 'annual-report.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(6 * 1024 * 1024)]) };
const summary = (page: Page) => page.locator('.govuk-error-summary');
const documentsPage = '/funds/small-sparks/apply/documents/';
const firstDocument = 'The names and addresses of three people in the group';
const secondDocument = 'A quote, price list or link for anything you want to buy';

test.describe('a fund whose applications are made on the funder’s website', () => {
  for (const { id, name, url } of [
    { id: 'armed-forces-covenant-grants', name: 'Armed Forces Covenant Local Grants', url: 'https://covenant-grants.example.org/local-grants' },
    { id: 'police-and-crime-community-grants', name: 'Police and Crime Community Grants', url: 'https://pcc-grants.example.org/community-grants' },
  ]) {
    test(`${id}: its apply address says where to apply`, async ({ page }) => {
      const response = await page.goto(`/funds/${id}/apply/`);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Apply to ${name}`);
      await expect(page.getByText('are not made on this site')).toBeVisible();
      await expect(page.getByRole('link', { name: url })).toHaveAttribute('href', url);
    });
  }
});

test('unknown funds, sections and links get the 404 page, and the server logs nothing', async ({ browser }) => {
  // A server of its own, to read its log: it opens and migrates a database first, slow on a busy machine.
  test.setTimeout(180_000);
  const server = await startServer(freshData());
  const page = await browser.newPage();
  try {
    for (const address of [
      '/funds/fund-that-does-not-exist/apply/',
      '/funds/fund-that-does-not-exist/apply/contact/',
      '/funds/fund-that-does-not-exist/apply/check/',
      '/funds/fund-that-does-not-exist/apply/saved/',
      '/funds/fund-that-does-not-exist/apply/resume/link-that-does-not-exist-000/',
      '/funds/healthy-fenland-fund/apply/section-that-does-not-exist/',
      // A fund applied to elsewhere has no sections here.
      '/funds/armed-forces-covenant-grants/apply/contact/',
    ]) {
      const response = await page.goto(`${server.origin}${address}`);
      expect(response?.status(), address).toBe(404);
      await expect(page.getByRole('heading', { level: 1 }), address).toHaveText('Page not found');
    }
    expect(server.output()).not.toMatch(/error|\n\s+at /i);
  } finally {
    await page.close();
    await server.stop();
  }
});

test('an upload abandoned mid-body logs one line with the route and why, and no stack trace', async () => {
  test.setTimeout(180_000);
  const server = await startServer(freshData());
  try {
    const { port } = new URL(server.origin);
    // Once the server has said all it says at start.
    await expect.poll(() => server.output()).toContain('Open Referral directory loaded');
    const before = server.output();
    await new Promise<void>((resolve) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        socket.write(`POST ${documentsPage} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${server.origin}\r\nContent-Type: multipart/form-data; boundary=cut\r\nContent-Length: 6000000\r\n\r\n`);
        socket.write('--cut\r\nContent-Disposition: form-data; name="document"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-');
        socket.write(Buffer.alloc(500_000), () => {
          socket.destroy();
          resolve();
        });
      });
    });
    await expect.poll(() => server.output().slice(before.length)).toContain(documentsPage);
    const logged = server.output().slice(before.length).trim().split('\n');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(new RegExp(`A post to ${documentsPage} ended before its body did: \\w+`));
    // Still serving.
    expect((await fetch(`${server.origin}${documentsPage}`)).status).toBe(200);
  } finally {
    await server.stop();
  }
});

test('hidden control characters in an answer are removed and pointed out, with the rest of the answer kept', async ({ page }) => {
  await page.goto('/funds/small-sparks/apply/your-group/');
  await page.getByLabel('Name of your group').fill('Elm Road\u0000 Seed Swappers');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(summary(page).getByRole('link').first()).toHaveText('Your answer had hidden characters that cannot be kept, which have been removed. Check your answer and send it again');
  await expect(page.getByLabel('Name of your group')).toHaveValue('Elm Road Seed Swappers');
});

test('a NUL byte in a public form’s answer is a form error, never a server error', async ({ request, baseURL }) => {
  const form = await (await request.get('/ask-about-funding/')).text();
  const attempt = /name="attempt" value="([^"]+)"/.exec(form)![1]!;
  const response = await request.post('/ask-about-funding/', {
    form: { attempt, name: 'Sam Example', email: 'sam@example.org', question: 'Can we\u0000 apply twice?' },
    headers: { origin: baseURL! },
  });
  expect(response.status()).toBe(200);
  const html = await response.text();
  expect(html).toContain('Your answer had hidden characters that cannot be kept');
  expect(html).toContain('>Can we apply twice?</textarea>');
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('a file over 5 MB is an error on the file’s question, with the other answers kept', async ({ page }) => {
      const posts: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST') posts.push(request.url());
      });
      await page.goto(documentsPage);
      await page.getByLabel(secondDocument).check();
      await page.getByLabel('Upload a file').setInputFiles(largePdf);
      await page.getByRole('button', { name: 'Upload file' }).click();

      await expect(summary(page).getByRole('link')).toHaveText(['The selected file must be smaller than 5 MB']);
      await expect(page.locator('#document-error')).toHaveText('Error: The selected file must be smaller than 5 MB');
      await expect(page.getByLabel(secondDocument)).toBeChecked();
      await expect(page).toHaveTitle(/^Error: /);
      // With JavaScript the browser says so before sending 6 MB; without, the server reads and drops the file.
      expect(posts).toHaveLength(javaScriptEnabled ? 0 : 1);
      if (javaScriptEnabled) await expect(summary(page)).toBeFocused();
    });

    test('the character count says the limit, from the schema', async ({ page }) => {
      await page.goto('/funds/small-sparks/apply/project/');
      const field = page.locator('#projectSummary');
      if (javaScriptEnabled) {
        await field.fill('Tables and a gazebo');
        await expect(page.locator('.govuk-character-count__status').first()).toHaveText('You have 2,981 characters remaining');
        await field.fill('x'.repeat(3005));
        await expect(page.locator('.govuk-character-count__status').first()).toHaveText('You have 5 characters too many');
      } else {
        await expect(page.locator('#projectSummary-info')).toHaveText('You can enter up to 3,000 characters');
        await expect(field).toHaveAttribute('aria-describedby', /projectSummary-info/);
      }
    });
  });
}

test('the error summary takes focus, so its problems are read out first', async ({ page }) => {
  await page.goto('/funds/small-sparks/apply/your-group/');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(summary(page)).toBeFocused();
});

test('each upload says which requested document it is, and the same file twice is refused', async ({ page }) => {
  await page.goto(documentsPage);
  await page.getByLabel(firstDocument).check();
  await page.getByLabel('Upload a file').setInputFiles(pdf);
  await page.getByRole('button', { name: 'Upload file' }).click();
  await expect(page.locator('.govuk-summary-list__key')).toHaveText([firstDocument]);

  await page.getByLabel(secondDocument).check();
  await page.getByLabel('Upload a file').setInputFiles({ ...pdf, name: 'same-file-new-name.pdf' });
  const refused = await served(page, page.getByRole('button', { name: 'Upload file' }).click());
  await expect(summary(page).getByRole('link')).toHaveText([`You have already uploaded this file (as “${firstDocument}”). Choose a different file`]);
  await expect(page.locator('.govuk-summary-list__key')).toHaveText([firstDocument]);
  await expectAccessible(page, refused);

  await page.getByLabel('Upload a file').setInputFiles({ ...pdf, buffer: Buffer.concat([pdf.buffer, Buffer.from('% another\n')]) });
  await page.getByRole('button', { name: 'Upload file' }).click();
  await expect(page.locator('.govuk-summary-list__key')).toHaveText([firstDocument, secondDocument]);
});

test('the saved page says the link was not emailed, and why, when the site sends no email', async ({ page }) => {
  await page.goto('/funds/small-sparks/apply/contact/');
  await page.getByLabel('Full name').fill('Sam Example');
  await page.getByLabel('Email address').fill('sam@example.org');
  const saved = await served(page, page.getByRole('button', { name: 'Save and come back later' }).click());
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your answers have been saved');
  await expect(page.locator('[data-saved-email]')).toHaveText('We have not emailed you the link: this site does not send email. Copy the link or bookmark it now.');
  await expectAccessible(page, saved);
});
