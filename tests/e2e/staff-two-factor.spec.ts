/**
 * A second factor for staff, on a server of its own that requires one for administrators
 * (STAFF_REQUIRE_2FA=admins): the administrator is sent to set up an authenticator app, does so by
 * keyboard, keeps the recovery codes, and from then on signs in with a code; a recovery code works once
 * and is refused the second time, with JavaScript off; an officer is not made to. Every page passes axe
 * and html-validate.
 */
import { expect, test as base } from '@playwright/test';
import { currentCode } from '../../src/staff/two-factor';
import { expectAccessible } from './accessibility';
import { password, shown, signIn, startConsole, tabTo } from './staff-console';

const accounts = { admin: 'two-factor-admin@example.org', officer: 'two-factor-officer@example.org' };

const test = base.extend<object, { twoFactorServer: { url: string } }>({
  twoFactorServer: [
    async ({}, use) => {
      // On the real clock, whatever the tests' day (HUB_TODAY): an authenticator app's codes follow the real
      // time (freshCode below, as a phone makes them), and the server checks them against its own clock.
      const server = await startConsole([{ email: accounts.admin, role: 'admin' }, { email: accounts.officer, role: 'officer' }], undefined, { STAFF_REQUIRE_2FA: 'admins', HUB_TODAY: '' });
      await use({ url: server.url });
      await server.stop();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  baseURL: async ({ twoFactorServer }, use) => use(twoFactorServer.url),
});

// One story on one server: each step needs the one before.
test.describe.configure({ mode: 'serial' });

let secret = '';
let recoveryCodes: string[] = [];
let lastStep = 0;

/** The app's code for a 30-second step not used yet (a code works once; one step ahead is accepted, for a phone's clock): waits for the clock if need be. */
async function freshCode(): Promise<string> {
  for (;;) {
    const step = Math.floor(Date.now() / 30_000) + 1;
    if (step > lastStep) {
      lastStep = step;
      return currentCode(secret, new Date(step * 30_000));
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

test('an administrator is sent to set up an authenticator app, does it by keyboard, and is shown recovery codes once', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, accounts.admin);
  await expect(page).toHaveURL(/\/staff\/two-factor\/set-up\/$/);
  const setUp = await shown(page, page.reload());
  await expect(page.getByText('Your role must use a second factor.')).toBeVisible();
  await expect(page.getByRole('img', { name: 'QR code to add this site to your authenticator app' })).toBeVisible();
  await expectAccessible(page, setUp);
  // Any other console page sends them back here until it is done.
  await page.goto('/staff/applications/');
  await expect(page).toHaveURL(/\/staff\/two-factor\/set-up\/$/);

  secret = (await page.locator('[data-secret]').innerText()).replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  // A wrong code first: a clear error, nothing turned on.
  await tabTo(page, page.getByLabel('Code from your app'));
  await page.keyboard.type('000000');
  const mistake = await shown(page, page.keyboard.press('Enter'));
  await expect(page.locator('.govuk-error-summary')).toContainText('That code is not right');
  await expectAccessible(page, mistake);

  await tabTo(page, page.getByLabel('Code from your app'));
  await page.keyboard.press('Control+A');
  await page.keyboard.type(await freshCode());
  const done = await shown(page, page.keyboard.press('Enter'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your authenticator app is set up');
  recoveryCodes = await page.locator('[data-recovery-codes] code').allInnerTexts();
  expect(recoveryCodes).toHaveLength(10);
  expect(new Set(recoveryCodes).size).toBe(10);
  await expectAccessible(page, done);

  const manage = await shown(page, page.goto('/staff/two-factor/'));
  await expect(page.locator('[data-two-factor="on"]')).toBeVisible();
  await expect(page.locator('[data-codes-left]')).toHaveText('Recovery codes left: 10');
  await expect(page.getByText('Your role must use a second factor, so it cannot be turned off.')).toBeVisible();
  await expectAccessible(page, manage);
  await page.getByRole('button', { name: 'Sign out' }).click();
});

test('signing in now takes the password and then a code from the app', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, accounts.admin);
  await expect(page).toHaveURL(/\/staff\/sign-in\/code\/\?next=/);
  const codePage = await shown(page, page.reload());
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Enter the code from your authenticator app');
  await expectAccessible(page, codePage);

  const wrong = await shown(page, (async () => {
    await page.getByLabel('Code').fill('123456');
    await page.getByRole('button', { name: 'Continue' }).click();
  })());
  await expect(page.locator('.govuk-error-summary')).toContainText('That code is not right');
  await expectAccessible(page, wrong);

  await page.getByLabel('Code').fill(await freshCode());
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/staff\/applications\/$/);
  await expect(page.getByText(`Signed in as ${accounts.admin} (administrator)`)).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
});

test('with JavaScript off, a recovery code signs in once and is refused the second time', async ({ browser, twoFactorServer }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL: twoFactorServer.url, javaScriptEnabled: false });
  const page = await context.newPage();
  const [code] = recoveryCodes;

  await signIn(page, accounts.admin);
  await expect(page).toHaveURL(/\/staff\/sign-in\/code\//);
  await page.getByLabel('Code').fill(code!);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/staff\/two-factor\/\?recovery-code-used=9$/);
  await expect(page.locator('[data-notice]')).toHaveText('You signed in with a recovery code. It will not work again. 9 recovery codes left.');
  await expect(page.locator('[data-codes-left]')).toHaveText('Recovery codes left: 9');
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, accounts.admin);
  await page.getByLabel('Code').fill(code!);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText('That code is not right, or it has been used already');
  await expect(page.getByText('Signed in as')).toHaveCount(0);
  await context.close();
});

test('the administrator makes new recovery codes; the old ones stop working', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, accounts.admin);
  await page.getByLabel('Code').fill(recoveryCodes[1]!);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('[data-codes-left]')).toHaveText('Recovery codes left: 8');
  const form = await shown(page, page.getByRole('link', { name: 'Make new recovery codes' }).click());
  await expectAccessible(page, form);
  await page.getByLabel('Code from your app').fill(await freshCode());
  const made = await shown(page, page.getByRole('button', { name: 'Make new recovery codes' }).click());
  const fresh = await page.locator('[data-recovery-codes] code').allInnerTexts();
  expect(fresh).toHaveLength(10);
  expect(fresh).not.toContain(recoveryCodes[2]);
  await expectAccessible(page, made);
  await page.goto('/staff/two-factor/');
  await expect(page.locator('[data-codes-left]')).toHaveText('Recovery codes left: 10');
});

test('an officer is not made to set one up, and sees how to', async ({ page }) => {
  await signIn(page, accounts.officer);
  await expect(page).toHaveURL(/\/staff\/applications\/$/);
  const security = await shown(page, page.getByRole('link', { name: 'Sign-in security' }).click());
  await expect(page.locator('[data-two-factor="off"]')).toBeVisible();
  await expectAccessible(page, security);
});

test('an email with a NUL byte gets a form error, not a server error', async ({ page }) => {
  await page.goto('/staff/sign-in/');
  const csrf = await page.locator('input[name="csrf"]').inputValue();
  const origin = new URL(page.url()).origin;
  const response = await page.request.post('/staff/sign-in/', { form: { csrf, email: `${accounts.officer}\u0000`, password }, headers: { origin }, maxRedirects: 0 });
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain('Enter your email address without control characters');
});
