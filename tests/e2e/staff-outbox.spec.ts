/**
 * The outbox page end to end, on a server of its own with no mail server: a funding enquiry sent
 * through the public form queues its confirmation, and an officer finds it waiting by keyboard, filters
 * to waiting and reads its text; it works without JavaScript; a panel member is refused.
 */
import { expect, test as base } from '@playwright/test';
import { expectAccessible } from './accessibility';
import { served, signIn, startConsole, tabTo } from './staff-console';

const accounts = { officer: 'outbox-officer@example.org', panel: 'outbox-panel@example.org' };
const asker = 'robin.outbox@example.org';

const test = base.extend<object, { outboxServer: { url: string; reference: string } }>({
  outboxServer: [
    async ({ playwright }, use) => {
      const server = await startConsole([
        { email: accounts.officer, role: 'officer' },
        { email: accounts.panel, role: 'panel' },
      ]);
      const request = await playwright.request.newContext({ baseURL: server.url });
      // Posted as a browser without JavaScript would; the page shows the reference it got.
      const response = await request.post('/ask-about-funding/', {
        form: { attempt: 'outbox-enquiry-0001', name: 'Robin Example', email: asker, phone: '01632 960 322', question: 'Can a parish council apply?' },
        headers: { origin: server.url },
      });
      const reference = /data-reference>([A-Z0-9]{8})</.exec(await response.text())?.[1];
      expect(reference, `the enquiry: ${response.status()}`).toBeTruthy();
      await request.dispose();
      await use({ url: server.url, reference: reference! });
      await server.stop();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  baseURL: async ({ outboxServer }, use) => use(outboxServer.url),
});

test('an officer opens Emails by keyboard, finds the enquiry’s confirmation waiting, filters to waiting and reads it', async ({ page, outboxServer }) => {
  test.setTimeout(120_000);
  const { reference } = outboxServer;
  await signIn(page, accounts.officer);
  await expect(page).toHaveURL(/\/staff\/applications\/$/);
  await tabTo(page, page.getByRole('navigation', { name: 'Staff console' }).getByRole('link', { name: 'Emails' }));
  const outbox = await served(page, page.keyboard.press('Enter'));
  await expect(page).toHaveURL(/\/staff\/outbox\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Emails');
  await expect(page.getByText('No mail server is set up (SMTP_URL)')).toBeVisible();
  // The confirmation to the asker and the alert to the hub team, both waiting: there is no mail server.
  await expect(page.locator('[data-count="waiting"] td')).toHaveText('2');
  await expect(page.locator('[data-count="failed"] td')).toHaveText('0');
  const confirmation = page.locator('tbody[data-email]', { has: page.locator('[data-to]', { hasText: asker }) });
  await expect(confirmation).toHaveCount(1);
  await expect(confirmation.locator('[data-subject]')).toHaveText(`Question sent: ${reference}`);
  await expect(confirmation).toContainText('Confirmation to the sender');
  await expect(confirmation).toContainText('Waiting');
  await expect(confirmation.getByRole('link', { name: reference })).toHaveAttribute('href', `/staff/moderation/${reference}/`);
  await expectAccessible(page, outbox);

  await tabTo(page, page.getByLabel('Show'));
  await page.getByLabel('Show').selectOption({ label: 'Waiting (2)' });
  await tabTo(page, page.getByRole('button', { name: 'Show emails' }));
  const filtered = await served(page, page.keyboard.press('Enter'));
  await expect(page).toHaveURL(/\/staff\/outbox\/\?state=waiting$/);
  await expect(page.getByRole('heading', { name: '2 emails (Waiting)' })).toBeVisible();
  await expect(page.locator('tbody[data-email][data-state="waiting"]')).toHaveCount(2);
  await expect(page.locator('tbody[data-email]:not([data-state="waiting"])')).toHaveCount(0);

  const details = confirmation.locator('summary', { hasText: 'Show the message' });
  await tabTo(page, details);
  await page.keyboard.press('Enter');
  await expect(confirmation.locator('[data-text]')).toBeVisible();
  await expect(confirmation.locator('[data-text]')).toContainText(`Your reference is ${reference}.`);
  await expect(confirmation.locator('[data-text]')).toContainText('The fund team will reply to you by email within 5 working days.');
  await expectAccessible(page, filtered);

  await page.goto('/staff/outbox/?state=failed');
  await expect(page.getByText('No emails.')).toBeVisible();

  // Sent from the officer's own mailbox, it is marked so; sent again, a copy waits to go.
  await page.goto('/staff/outbox/');
  const marked = await served(page, confirmation.getByRole('button', { name: /^Mark as sent by hand\s*: Question sent/ }).click());
  await expect(page.locator('[data-done="mark-sent"]')).toContainText('The email is marked as sent by hand.');
  await expect(confirmation).toHaveAttribute('data-state', 'sent');
  await expect(confirmation.locator('[data-sent]')).toContainText(`marked by ${accounts.officer}`);
  await expect(confirmation.locator('[data-history]')).toContainText(`Marked as sent by hand by ${accounts.officer}`);
  await expect(confirmation.getByRole('button', { name: /^Mark as sent by hand/ })).toHaveCount(0);
  await expectAccessible(page, marked);
  await served(page, confirmation.getByRole('button', { name: /^Send again\s*: Question sent/ }).click());
  await expect(page.locator('[data-done="send-again"]')).toContainText('The email is waiting to be sent again.');
  await expect(page.locator('[data-count="waiting"] td')).toHaveText('2');
  await expect(page.locator('tbody[data-email][data-state="waiting"]', { has: page.locator('[data-to]', { hasText: asker }) })).toHaveCount(1);
});

test('a panel member sees no Emails link and is refused the page', async ({ page, request, outboxServer }) => {
  await signIn(page, accounts.panel);
  await expect(page).toHaveURL(/\/staff\/applications\/$/);
  await expect(page.getByRole('link', { name: 'Emails' })).toHaveCount(0);
  const refused = await page.goto('/staff/outbox/');
  expect(refused?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You cannot see this page');
  await expect(page.getByText(asker)).toHaveCount(0);
  const anonymous = await request.get(`${outboxServer.url}/staff/outbox/`, { maxRedirects: 0 });
  expect(anonymous.status()).toBe(303);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('an officer filters to waiting and reads the message', async ({ page, outboxServer }) => {
    const { reference } = outboxServer;
    await signIn(page, accounts.officer);
    await page.getByRole('link', { name: 'Emails' }).click();
    await page.getByLabel('Show').selectOption('waiting');
    await page.getByRole('button', { name: 'Show emails' }).click();
    await expect(page).toHaveURL(/\?state=waiting$/);
    const confirmation = page.locator('tbody[data-email]', { has: page.locator('[data-to]', { hasText: asker }) });
    await confirmation.getByText('Show the message').click();
    await expect(confirmation.locator('[data-text]')).toContainText(`Your reference is ${reference}.`);
  });
});
