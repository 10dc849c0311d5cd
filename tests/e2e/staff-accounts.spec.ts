/**
 * Staff accounts through the console alone, on a server of its own with a real mail server: an
 * administrator invites an officer and a panel member; the officer sets a password from the emailed
 * link with JavaScript off and signs in, and the link does not work twice; the panel member gets a new
 * link, sets a password and is given a fund round; disabling the panel member ends their session at
 * once; the last administrator cannot step down. Every page passes axe and html-validate.
 */
import { expect, test as base } from '@playwright/test';
import { startTestMailServer, type TestMailServer } from '../support/mail-server';
import { expectAccessible } from './accessibility';
import { password, shown, signIn, startConsole, tabTo } from './staff-console';

const accounts = { admin: 'accounts-admin@example.org', officer: 'new-officer@example.org', panel: 'new-panel@example.org' };
const officerPassword = 'officer chooses this one';
const panelPassword = 'panel member picks this';

const test = base.extend<object, { accountsServer: { url: string; mail: TestMailServer } }>({
  accountsServer: [
    async ({}, use) => {
      const mail = await startTestMailServer();
      const server = await startConsole([{ email: accounts.admin, role: 'admin' }], undefined, { SMTP_URL: mail.url, MAIL_FROM: 'hub@example.org' });
      await use({ url: server.url, mail });
      await server.stop();
      await mail.close();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  baseURL: async ({ accountsServer }, use) => use(accountsServer.url),
});

// One story on one server: each step needs the one before.
test.describe.configure({ mode: 'serial' });

/** The links to set a password emailed to `to` so far, oldest first: the path of each (the address is the configured SITE_URL's). */
async function emailedLinks(mail: TestMailServer, to: string, count: number): Promise<string[]> {
  await expect.poll(() => mail.received.filter((email) => email.to.includes(to)).length, { timeout: 30_000 }).toBe(count);
  return mail.received
    .filter((email) => email.to.includes(to))
    .map((email) => {
      // Quoted-printable: long lines are folded with "=" and "=" itself is written "=3D".
      const body = email.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
      const link = /https?:\/\/\S+\/staff\/password\/[A-Za-z0-9_-]{43}\//.exec(body)?.[0];
      if (!link) throw new Error(`No link in the email to ${to}`);
      return new URL(link).pathname;
    });
}

test('an administrator invites an officer and a panel member through the console', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, accounts.admin);
  await expect(page).toHaveURL(/\/staff\/applications\/$/);
  await tabTo(page, page.getByRole('navigation', { name: 'Staff console' }).getByRole('link', { name: 'Staff accounts' }));
  const list = await shown(page, page.keyboard.press('Enter'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff accounts');
  await expect(page.locator(`[data-account="${accounts.admin}"]`)).toContainText('Administrator');
  await expect(page.locator(`[data-account="${accounts.admin}"]`)).toContainText('(you)');
  await expectAccessible(page, list);

  const invite = await shown(page, page.getByRole('link', { name: 'Invite someone' }).click());
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Invite someone to the staff console');
  await expectAccessible(page, invite);

  // Sent empty: both questions are asked for, GOV.UK style.
  const mistakes = await shown(page, page.getByRole('button', { name: 'Send the invitation' }).click());
  await expect(page.locator('.govuk-error-summary')).toContainText('Enter their email address');
  await expect(page.locator('.govuk-error-summary')).toContainText('Choose their role');
  await expect(page).toHaveTitle(/^Error: /);
  await expectAccessible(page, mistakes);

  await page.getByLabel('Email address').fill(accounts.officer);
  await page.getByLabel('Fund officer').check();
  const invited = await shown(page, page.getByRole('button', { name: 'Send the invitation' }).click());
  await expect(page).toHaveURL(/\/staff\/accounts\/[0-9a-f-]{36}\/\?done=invited$/);
  await expect(page.locator('[data-done="invited"]')).toContainText(`Invitation sent to ${accounts.officer}. The link works until`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(accounts.officer);
  await expect(page.locator('[data-status]')).toHaveText('Invited');
  await expect(page.locator('[data-history]')).toContainText(`Invited, by ${accounts.admin}`);
  await expectAccessible(page, invited);

  await page.goto('/staff/accounts/invite/');
  await page.getByLabel('Email address').fill(accounts.panel);
  await page.getByLabel('Panel member').check();
  await page.getByRole('button', { name: 'Send the invitation' }).click();
  await expect(page.locator('[data-done="invited"]')).toContainText(`Invitation sent to ${accounts.panel}.`);

  // The same person twice is refused, with the way to their account.
  await page.goto('/staff/accounts/invite/');
  await page.getByLabel('Email address').fill(accounts.officer.toUpperCase());
  await page.getByLabel('Administrator').check();
  await page.getByRole('button', { name: 'Send the invitation' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText(`There is already an account for ${accounts.officer}`);
  await expect(page.locator('.govuk-error-summary a')).toHaveAttribute('href', /^\/staff\/accounts\/[0-9a-f-]{36}\/$/);

  await page.goto('/staff/accounts/');
  await expect(page.locator(`[data-account="${accounts.officer}"]`)).toContainText('Invited');
  await expect(page.locator(`[data-account="${accounts.panel}"]`)).toContainText('Panel member');
});

test('the officer sets a password from the emailed link with JavaScript off, signs in, and the link does not work twice', async ({ browser, accountsServer }) => {
  test.setTimeout(120_000);
  const [link] = await emailedLinks(accountsServer.mail, accounts.officer, 1);
  const context = await browser.newContext({ baseURL: accountsServer.url, javaScriptEnabled: false });
  const page = await context.newPage();

  const form = await page.goto(link!);
  expect(form!.status()).toBe(200);
  expect(form!.headers()['cache-control']).toContain('no-store');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Set your password');
  await expect(page.getByText(`For ${accounts.officer}, to sign in to the staff console as fund officer.`)).toBeVisible();

  await page.getByLabel('New password').fill('too short');
  await page.getByLabel('Type the password again').fill('too short');
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText('The password must be at least 12 characters');

  await page.getByLabel('New password').fill(officerPassword);
  await page.getByLabel('Type the password again').fill(`${officerPassword}!`);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText('The two passwords are different');

  await page.getByLabel('New password').fill(officerPassword);
  await page.getByLabel('Type the password again').fill(officerPassword);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page).toHaveURL(/\/staff\/sign-in\/\?password-set$/);
  await expect(page.getByText('Your password is set. Sign in with your email address and new password.')).toBeVisible();

  await signIn(page, accounts.officer, officerPassword);
  await expect(page).toHaveURL(/\/staff\/applications\/$/);
  await expect(page.getByText(`Signed in as ${accounts.officer} (fund officer)`)).toBeVisible();

  // Their own invitation is in Emails, but a link to set a password is for administrators' eyes only.
  await page.goto('/staff/outbox/');
  const invitation = page.locator('tbody[data-email]', { has: page.locator('[data-to]', { hasText: accounts.officer }) });
  await expect(invitation.locator('[data-text]')).toHaveText('This email holds a private link to set a staff password, so only administrators can see its text.');
  expect(await page.content()).not.toContain('/staff/password/');

  const again = await page.goto(link!);
  expect(again!.status()).toBe(410);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link has been used');
  await expect(page.getByLabel('New password')).toHaveCount(0);
  await context.close();
});

test('a post to a password link from another site, or without the form’s token, sets nothing', async ({ page, request, accountsServer }) => {
  const [link] = await emailedLinks(accountsServer.mail, accounts.panel, 1);
  const origin = new URL(accountsServer.url).origin;
  const crossSite = await request.post(link!, { form: { password: 'an attacker password', confirm: 'an attacker password' }, headers: { origin: 'https://elsewhere.example' }, maxRedirects: 0 });
  expect(crossSite.status()).toBe(403);
  const noToken = await request.post(link!, { form: { password: 'an attacker password', confirm: 'an attacker password' }, headers: { origin }, maxRedirects: 0 });
  expect(noToken.status()).toBe(403);
  expect(await noToken.text()).toContain('This form has expired');
  await page.goto(link!);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Set your password');
});

test('the admin sends the panel member a new link, which replaces the first, and the panel member sets a password with it', async ({ page, browser, accountsServer }) => {
  test.setTimeout(120_000);
  await signIn(page, accounts.admin);
  await page.goto('/staff/accounts/');
  await page.getByRole('link', { name: accounts.panel }).click();
  await expect(page.getByText('They have not set a password yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Send a new password link' }).click();
  await expect(page.locator('[data-done="link"]')).toContainText(`New password link sent to ${accounts.panel}.`);
  await expect(page.locator('[data-history]')).toContainText(`Password link sent, by ${accounts.admin}`);

  const [first, second] = await emailedLinks(accountsServer.mail, accounts.panel, 2);
  const panel = await browser.newContext({ baseURL: accountsServer.url });
  const panelPage = await panel.newPage();
  const replaced = await panelPage.goto(first!);
  expect(replaced!.status()).toBe(410);
  await expect(panelPage.getByRole('heading', { level: 1 })).toHaveText('This link no longer works');
  await expectAccessible(panelPage, await replaced!.text());

  // With JavaScript on this time, each state of the page checked with axe.
  const form = await panelPage.goto(second!);
  await expect(panelPage.getByText(`For ${accounts.panel}, to sign in to the staff console as panel member.`)).toBeVisible();
  await expectAccessible(panelPage, await form!.text());
  await panelPage.getByLabel('New password').fill(panelPassword);
  const mistake = await shown(panelPage, panelPage.getByRole('button', { name: 'Set password' }).click());
  await expect(panelPage.locator('.govuk-error-summary')).toContainText('Type the password again');
  await expectAccessible(panelPage, mistake);
  await panelPage.getByLabel('New password').fill(panelPassword);
  await panelPage.getByLabel('Type the password again').fill(panelPassword);
  const signInPage = await shown(panelPage, panelPage.getByRole('button', { name: 'Set password' }).click());
  await expect(panelPage.getByText('Your password is set.')).toBeVisible();
  await expectAccessible(panelPage, signInPage);
  const used = await panelPage.goto(second!);
  expect(used!.status()).toBe(410);
  await expectAccessible(panelPage, await used!.text());

  await signIn(panelPage, accounts.panel, panelPassword);
  await expect(panelPage).toHaveURL(/\/staff\/applications\/$/);
  await expect(panelPage.getByText('0 applications')).toBeVisible();
  await panel.close();
});

test('the admin gives the panel member a fund round that exists, and no other', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, accounts.admin);
  await page.goto('/staff/accounts/');
  await page.getByRole('link', { name: accounts.panel }).click();
  await expect(page.locator('[data-no-rounds]')).toHaveText('None yet: they see no applications.');

  // Chosen with nothing picked: asked to pick.
  await page.getByRole('button', { name: 'Add the round' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText('Choose a fund round');

  await page.getByLabel('Add a fund round').selectOption({ label: 'Small Sparks: rolling (open all year)' });
  const assigned = await shown(page, page.getByRole('button', { name: 'Add the round' }).click());
  await expect(page.locator('[data-done="assigned"]')).toHaveText(/Fund round added\./);
  await expect(page.locator('[data-round="small-sparks/rolling"]')).toContainText('Small Sparks: rolling (open all year)');
  await expect(page.locator('[data-history]')).toContainText(`Given Small Sparks: rolling (open all year), by ${accounts.admin}`);
  await expectAccessible(page, assigned);

  // A round the fund does not have, whatever the form is made to send, is refused and says why.
  const csrf = await page.locator('input[name="csrf"]').first().inputValue();
  const forged = await page.request.post(new URL(page.url()).pathname, { form: { csrf, action: 'assign', round: 'small-sparks/2020-01-01' }, headers: { origin: new URL(page.url()).origin } });
  expect(forged.status()).toBe(400);
  expect(await forged.text()).toContain('has no round');

  await page.goto('/staff/accounts/');
  await expect(page.locator(`[data-account="${accounts.panel}"]`)).toContainText('Small Sparks: rolling (open all year)');
});

test('disabling the panel member ends their session at once; enabling lets them back in', async ({ page, browser, accountsServer }) => {
  test.setTimeout(120_000);
  const panel = await browser.newContext({ baseURL: accountsServer.url });
  const panelPage = await panel.newPage();
  await signIn(panelPage, accounts.panel, panelPassword);
  await expect(panelPage).toHaveURL(/\/staff\/applications\/$/);

  await signIn(page, accounts.admin);
  await page.goto('/staff/accounts/');
  await page.getByRole('link', { name: accounts.panel }).click();
  const disabled = await shown(page, page.getByRole('button', { name: 'Disable this account' }).click());
  await expect(page.locator('[data-done="disabled"]')).toHaveText(/Account disabled\. They have been signed out\./);
  await expect(page.locator('[data-status]')).toHaveText('Disabled');
  await expectAccessible(page, disabled);

  // Their next page load goes to sign-in, and signing in again does not work.
  await panelPage.reload();
  await expect(panelPage).toHaveURL(/\/staff\/sign-in\/\?next=/);
  await signIn(panelPage, accounts.panel, panelPassword);
  await expect(panelPage.locator('.govuk-error-summary')).toContainText('The email address or password is not right.');

  await page.getByRole('button', { name: 'Enable this account' }).click();
  await expect(page.locator('[data-done="enabled"]')).toBeVisible();
  await signIn(panelPage, accounts.panel, panelPassword);
  await expect(panelPage).toHaveURL(/\/staff\/applications\/$/);
  await panel.close();
});

test('the only administrator cannot demote or disable themselves; another officer’s role changes', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, accounts.admin);
  await page.goto('/staff/accounts/');
  await page.locator(`[data-account="${accounts.admin}"]`).getByRole('link', { name: accounts.admin }).click();
  await page.getByLabel('Fund officer').check();
  const refused = await shown(page, page.getByRole('button', { name: 'Change role' }).click());
  await expect(page.locator('.govuk-error-summary')).toContainText('That would leave the console with no administrator who can sign in');
  await expectAccessible(page, refused);
  await page.getByRole('button', { name: 'Disable this account' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText('no administrator who can sign in');
  await expect(page.locator('[data-role]')).toHaveText('Administrator');
  await expect(page.locator('[data-status]')).toHaveText('Active');

  await page.goto('/staff/accounts/');
  await page.getByRole('link', { name: accounts.officer }).click();
  await page.getByLabel('Panel member').check();
  await page.getByRole('button', { name: 'Change role' }).click();
  await expect(page.locator('[data-done="role"]')).toHaveText(/Role changed to panel member\./);
  await expect(page.locator('[data-history]')).toContainText(`Role changed to panel member, by ${accounts.admin}`);
});

test('the accounts pages fit a 320 pixel wide screen, and an unknown account is a clear 404', async ({ page }) => {
  await signIn(page, accounts.admin);
  await page.goto('/staff/accounts/');
  const panelAccount = (await page.getByRole('link', { name: accounts.panel }).getAttribute('href'))!;
  await page.setViewportSize({ width: 320, height: 640 });
  for (const pathname of ['/staff/accounts/', '/staff/accounts/invite/', panelAccount]) {
    await page.goto(pathname);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), pathname).toBe(0);
  }
  const missing = await page.goto('/staff/accounts/00000000-0000-4000-8000-000000000000/');
  expect(missing!.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('There is no such staff account');
  await expectAccessible(page, await missing!.text());
});

// Last: it leaves this client throttled for a quarter of an hour.
test('trying link after link that does not work is throttled, as sign-in is', async ({ request }) => {
  const notALink = '/staff/password/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/';
  const first = await request.get(notALink);
  expect(first.status()).toBe(404);
  expect(await first.text()).toContain('This link is not right');
  for (let attempt = 2; attempt <= 20; attempt++) expect((await request.get(notALink)).status()).toBe(404);
  const throttled = await request.get(notALink);
  expect(throttled.status()).toBe(429);
  expect(await throttled.text()).toContain('There have been too many tries with links that do not work.');
  // Signing in from here is throttled too: it is the same client.
  const form = await (await request.get('/staff/sign-in/')).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(form)![1]!;
  const signInAttempt = await request.post('/staff/sign-in/', { form: { csrf, email: accounts.admin, password }, headers: { origin: new URL(first.url()).origin } });
  expect(signInAttempt.status()).toBe(429);
});
