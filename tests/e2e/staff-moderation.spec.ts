/**
 * The moderation queue end to end, on a server of its own: a suggested edit, a new listing, a story
 * with a photo and a funding enquiry sent through the real public forms over HTTP, then an officer
 * works through them by keyboard in the staff console; a panel member is refused.
 */
import { expect, test as base, type APIRequestContext } from '@playwright/test';
import { expectAccessible } from './accessibility';
import { served, signIn, startConsole, tabTo } from './staff-console';

const accounts = { officer: 'moderator@example.org', panel: 'moderation-panel@example.org' };
// Stored as typed and shown as text everywhere in the console.
const xss = '<img src=x onerror=alert(1)>';
const correction = `Mondays at 19:30 now ${xss}`;
const png = { name: 'planting-day.png', mimeType: 'image/png', buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64') };

type Sent = { edit: string; listing: string; story: string; enquiry: string };

/** Posts a public form as a browser without JavaScript would; returns the reference it shows. */
async function send(request: APIRequestContext, origin: string, url: string, body: { form?: Record<string, string>; multipart?: Record<string, string | typeof png> }): Promise<string> {
  const response = await request.post(url, { ...body, headers: { origin } });
  const html = await response.text();
  const reference = /data-reference>([A-Z0-9]{8})</.exec(html)?.[1];
  expect(reference, `${url}: ${response.status()}`).toBeTruthy();
  return reference!;
}

const test = base.extend<object, { moderationServer: { url: string; sent: Sent } }>({
  moderationServer: [
    async ({ playwright }, use) => {
      const server = await startConsole([
        { email: accounts.officer, role: 'officer' },
        { email: accounts.panel, role: 'panel' },
      ]);
      const url = server.url;
      const request = await playwright.request.newContext({ baseURL: url });
      const sent: Sent = {
        enquiry: await send(request, url, '/ask-about-funding/', { form: { attempt: 'moderation-enquiry-0001', name: 'Robin Example', email: 'robin@example.org', phone: '01632 960 321', question: 'Can a parish council apply?' } }),
        edit: await send(request, url, '/suggest-an-edit/?listing=groups%2Fchatteris-community-choir', {
          form: { attempt: 'moderation-edit-0001', listing: 'groups/chatteris-community-choir', problems: 'times', correction, name: 'Kim Example', email: 'kim@example.org' },
        }),
        listing: await send(request, url, '/add-a-listing/', {
          form: { attempt: 'moderation-listing-0001', kind: 'group', name: `March Knit Club ${xss}`, summary: 'Knitting and chat for all ages.', area: 'march', categories: 'arts-culture-and-heritage', publicPhone: '01632 960 111', senderName: 'Sam Example', senderEmail: 'sam@example.org', agreed: 'yes' },
        }),
        story: await send(request, url, '/share-a-story/', {
          multipart: { attempt: 'moderation-story-0001', title: 'Bulbs by the river', story: 'We planted 500 bulbs.\nThe children named every one.', area: 'march', photoAlt: 'Children planting bulbs by the river', consent: 'yes', name: 'Jo Example', email: 'jo@example.org', photo: png },
        }),
      };
      await request.dispose();
      await use({ url, sent });
      await server.stop();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  baseURL: async ({ moderationServer }, use) => use(moderationServer.url),
});

// In order, on one server: the later tests see what the earlier ones marked.
test.describe.configure({ mode: 'serial' });

test('an officer opens the queue by keyboard and sees a suggested edit beside the listing, the changed part marked', async ({ page, moderationServer }) => {
  test.setTimeout(120_000);
  const { sent } = moderationServer;
  await signIn(page, accounts.officer);
  await expect(page).toHaveURL(/\/staff\/applications\/$/);
  const nav = page.getByRole('navigation', { name: 'Staff console' });
  await tabTo(page, nav.getByRole('link', { name: 'Moderation queue' }));
  const queue = await served(page, page.keyboard.press('Enter'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Moderation queue');
  // Newest first: the story was sent last, the enquiry first.
  await expect(page.locator('[data-item]')).toHaveCount(4);
  expect(await page.locator('[data-item]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-item')))).toEqual([sent.story, sent.listing, sent.edit, sent.enquiry]);
  await expect(page.locator('[data-count="suggested-edit"] [data-status="received"]')).toHaveText('1');
  const editRow = page.locator(`[data-item="${sent.edit}"]`);
  await expect(editRow).toContainText('Suggested edit');
  await expect(editRow).toContainText('To do');
  await expect(editRow).toContainText('Sing Chatteris Community Choir');
  await expect(page.locator(`[data-item="${sent.listing}"]`)).toContainText(`March Knit Club ${xss}`);
  await expect(page.locator('main img')).toHaveCount(0);
  await expectAccessible(page, queue);

  await tabTo(page, editRow.getByRole('link', { name: sent.edit }));
  const item = await served(page, page.keyboard.press('Enter'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Suggested edit ${sent.edit}`);
  await expect(page.locator('[data-listing]')).toHaveText('Sing Chatteris Community Choir');
  const times = page.locator('[data-section="times"]');
  await expect(times.getByRole('rowheader')).toContainText('When it meets or opens');
  // Marked in words, not by colour alone.
  await expect(times.getByRole('rowheader')).toContainText('Change suggested');
  await expect(times.getByRole('cell').nth(0)).toContainText('Every Monday, 19:00 to 20:30 (Term time only)');
  await expect(times.getByRole('cell').nth(1)).toHaveText(correction);
  await expect(page.locator('[data-flagged]')).toHaveCount(1);
  const name = page.locator('[data-section="name"]');
  await expect(name.getByRole('cell').nth(0)).toHaveText('Sing Chatteris Community Choir');
  await expect(name.getByRole('cell').nth(1)).toHaveText('No change suggested');
  await expect(page.locator('[data-section="contact"] td').first()).toContainText('singchatteris@example.org');
  // The payload is text, not an image.
  await expect(page.locator('main img')).toHaveCount(0);
  await expect(page.locator('[data-cms]')).toHaveAttribute('href', '/admin/#/collections/groups/entries/chatteris-community-choir');
  await expect(page.locator('[data-cms]')).toHaveText('Open the listing in the CMS');
  await expectAccessible(page, item);
});

test('rejecting without a note gives an error summary and keeps what was chosen and typed; with a note it is rejected', async ({ page, moderationServer }) => {
  test.setTimeout(120_000);
  const { sent } = moderationServer;
  await signIn(page, accounts.officer);
  await page.goto(`/staff/moderation/${sent.listing}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`New listing ${sent.listing}`);
  await expect(page.getByText(`March Knit Club ${xss}`, { exact: true })).toBeVisible();
  await expect(page.getByText('Knitting and chat for all ages.')).toBeVisible();
  await expect(page.getByText('sam@example.org')).toBeVisible();
  // What they sent is theirs to approve into a CMS draft, not to retype into a blank entry.
  await expect(page.getByRole('button', { name: 'Approve and open a CMS draft' })).toBeVisible();
  await expect(page.locator('[data-cms]')).toHaveCount(0);
  await expect(page.locator('.govuk-summary-list__row', { hasText: 'agrees to be listed' })).toContainText('Yes');

  await page.getByLabel('Rejected').check();
  await page.getByLabel('Note').fill('   ');
  const [answer] = await Promise.all([page.waitForResponse((response) => response.request().isNavigationRequest()), page.getByRole('button', { name: 'Save' }).click()]);
  expect(answer.status()).toBe(400);
  const mistake = await answer.text();
  await expect(page.locator('.govuk-error-summary')).toContainText('Enter a note saying why it is rejected');
  await expect(page.getByLabel('Rejected')).toBeChecked();
  await expect(page.locator('[data-status]')).toHaveText('To do');
  await expect(page.locator('.govuk-error-summary').getByRole('link')).toHaveAttribute('href', '#note');
  await expect(page.getByLabel('Note')).toHaveValue('   ');
  await expectAccessible(page, mistake);

  // A note typed without choosing what to mark it as is kept for the next try.
  await page.goto(`/staff/moderation/${sent.listing}/`);
  await page.getByLabel('Note').fill(`Already listed as March Knitters. ${xss}`);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText('Choose what to mark it as');
  await expect(page.getByLabel('Note')).toHaveValue(`Already listed as March Knitters. ${xss}`);

  await page.getByLabel('Rejected').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Marked as Rejected.')).toBeVisible();
  await expect(page.locator('[data-status]')).toHaveText('Rejected');
  await expect(page.locator('[data-history]')).toContainText(`Rejected, by ${accounts.officer}`);
  await expect(page.locator('[data-history]')).toContainText(`Note: Already listed as March Knitters. ${xss}`);
  await expect(page.locator('main img')).toHaveCount(0);

  // A move that does not follow (rejected straight to done) is refused, whatever the form is made to send.
  const csrf = await page.locator('input[name="csrf"]').first().inputValue();
  const refused = await page.request.post(`/staff/moderation/${sent.listing}/`, { form: { csrf, status: 'done' }, headers: { origin: new URL(page.url()).origin } });
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toContain('It cannot be marked that way from where it is now.');
  await page.reload();
  await expect(page.locator('[data-status]')).toHaveText('Rejected');
  // The sender is told why, by email.
  await page.goto('/staff/outbox/');
  const letter = page.locator('tr', { hasText: `about what you sent (${sent.listing})` });
  await expect(letter.filter({ hasText: 'sam@example.org' })).toHaveCount(1);
  await expect(letter.filter({ hasText: 'Already listed as March Knitters.' })).toHaveCount(1);
});

test('an enquiry shows the question and how to reply, and is marked done; the filters show what was marked', async ({ page, moderationServer }) => {
  test.setTimeout(120_000);
  const { sent } = moderationServer;
  await signIn(page, accounts.officer);
  await page.goto(`/staff/moderation/${sent.enquiry}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Funding enquiry ${sent.enquiry}`);
  await expect(page.locator('[data-question]')).toHaveText('Can a parish council apply?');
  await expect(page.locator('[data-reply]')).toHaveText('robin@example.org');
  expect(await page.locator('[data-reply]').getAttribute('href')).toMatch(/^mailto:robin@example\.org\?subject=/);
  await expect(page.getByText('01632 960 321')).toBeVisible();
  await expect(page.locator('[data-cms]')).toHaveCount(0);
  await page.getByLabel('Done').check();
  await page.getByLabel('Note').fill('Replied by email.');
  const done = await served(page, page.getByRole('button', { name: 'Save' }).click());
  await expect(page.getByText('Marked as Done.')).toBeVisible();
  await expect(page.locator('[data-history]')).toContainText('Note: Replied by email.');
  await expectAccessible(page, done);

  await page.goto('/staff/moderation/');
  await page.getByLabel('Status').selectOption({ label: 'Done' });
  const filtered = await served(page, page.getByRole('button', { name: 'Show items' }).click());
  await expect(page).toHaveURL(/status=done/);
  // One item only: the locator is strict, and waits for the new page.
  await expect(page.locator('[data-item]')).toHaveAttribute('data-item', sent.enquiry);
  await expect(page.getByLabel('Status')).toHaveValue('done');
  await expectAccessible(page, filtered);

  await page.goto('/staff/moderation/?status=rejected');
  expect(await page.locator('[data-item]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-item')))).toEqual([sent.listing]);
  await page.goto('/staff/moderation/?kind=story&status=received');
  expect(await page.locator('[data-item]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-item')))).toEqual([sent.story]);
  await expect(page.locator('[data-count="enquiry"] [data-status="done"]')).toHaveText('1');
  await expect(page.locator('[data-count="new-listing"] [data-status="rejected"]')).toHaveText('1');
});

test('a story shows its text and photo with its alt text; the photo comes as a download of its own type', async ({ page, moderationServer }) => {
  const { sent } = moderationServer;
  await signIn(page, accounts.officer);
  const story = await served(page, page.goto(`/staff/moderation/${sent.story}/`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Story ${sent.story}`);
  await expect(page.locator('[data-story]')).toContainText('We planted 500 bulbs.');
  const photo = page.getByRole('img', { name: 'Children planting bulbs by the river' });
  await expect(photo).toBeVisible();
  expect(await photo.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(1);
  await expect(page.getByRole('button', { name: 'Approve and open a CMS draft' })).toBeVisible();
  await expect(page.locator('.govuk-summary-list__row', { hasText: 'being published' })).toContainText('Yes');
  await expectAccessible(page, story);

  const file = await page.request.get(`/staff/moderation/${sent.story}/photo`);
  expect(file.status()).toBe(200);
  expect(file.headers()['content-type']).toBe('image/png');
  expect(file.headers()['content-disposition']).toMatch(/^attachment; filename="[^"]+\.png"/);
  expect(file.headers()['x-content-type-options']).toBe('nosniff');
  expect(await file.body()).toEqual(png.buffer);
  expect((await page.request.get(`/staff/moderation/${sent.enquiry}/photo`)).status()).toBe(404);
});

test('a panel member may not see the queue, an item or a photo, nor mark anything', async ({ page, request, moderationServer }) => {
  const { sent } = moderationServer;
  await signIn(page, accounts.panel);
  await expect(page).toHaveURL(/\/staff\/applications\/$/);
  await expect(page.getByRole('link', { name: 'Moderation queue' })).toHaveCount(0);
  for (const route of ['/staff/moderation/', `/staff/moderation/${sent.edit}/`, `/staff/moderation/${sent.story}/photo`]) {
    expect((await page.request.get(route, { maxRedirects: 0 })).status(), route).toBe(403);
    const anonymous = await request.get(route, { maxRedirects: 0 });
    expect(anonymous.status(), `${route} signed out`).toBe(303);
    expect(anonymous.headers().location).toBe(`/staff/sign-in/?next=${encodeURIComponent(route)}`);
  }
  const csrf = await page.locator('input[name="csrf"]').first().inputValue();
  const marked = await page.request.post(`/staff/moderation/${sent.edit}/`, { form: { csrf, status: 'done' }, headers: { origin: new URL(page.url()).origin }, maxRedirects: 0 });
  expect(marked.status()).toBe(403);
});

test('a post without the session’s token changes nothing', async ({ page, moderationServer }) => {
  const { sent } = moderationServer;
  await signIn(page, accounts.officer);
  const origin = new URL(moderationServer.url).origin;
  const noToken = await page.request.post(`/staff/moderation/${sent.edit}/`, { form: { status: 'done' }, headers: { origin }, maxRedirects: 0 });
  expect(noToken.status()).toBe(403);
  await page.goto(`/staff/moderation/${sent.edit}/`);
  await expect(page.locator('[data-status]')).toHaveText('To do');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('an officer filters the queue to stories and marks the story done', async ({ page, moderationServer }) => {
    const { sent } = moderationServer;
    await signIn(page, accounts.officer);
    await page.getByRole('link', { name: 'Moderation queue' }).click();
    await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'Story' });
    await page.getByRole('button', { name: 'Show items' }).click();
    await expect(page).toHaveURL(/kind=story/);
    // One item only: the locator is strict, and waits for the new page.
    await expect(page.locator('[data-item]')).toHaveAttribute('data-item', sent.story);
    await page.getByRole('link', { name: sent.story }).click();
    await page.getByLabel('Done').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Marked as Done.')).toBeVisible();
    await expect(page.locator('[data-status]')).toHaveText('Done');
    await expect(page.getByLabel('To do again (reopen it)')).toBeVisible();
  });
});
