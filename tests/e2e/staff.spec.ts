/**
 * The staff console end to end: accounts made with `npm run staff`, signing in by keyboard, the
 * applications list and an application sent through the public form, its document downloaded, what a
 * panel member may not see, throttled guessing, refused cross-site posts and signed-out redirects.
 *
 * The console runs on a server of its own, started here after the accounts are made (see staff-console.ts).
 */
import { expect, test as base } from '@playwright/test';
import { expectAccessible } from './accessibility';
import { completeDraft, pdf, sendDraft } from './applications';
import { password, served, shown, signIn, startConsole, tabTo } from './staff-console';

const accounts = {
  officer: 'officer@example.org',
  panel: 'panel@example.org',
  otherPanel: 'other-panel@example.org',
  guessedAt: 'guessed-at@example.org',
  admin: 'admin@example.org',
};
// Stored as typed and shown as text everywhere in the console.
const groupName = 'Picnic <img src=x onerror=alert(1)> Club';

const test = base.extend<object, { staffServer: { url: string; reference: string } }>({
  staffServer: [
    async ({ playwright }, use) => {
      const server = await startConsole([
        { email: accounts.officer, role: 'officer' },
        { email: accounts.panel, role: 'panel', reviews: ['small-sparks/rolling'] },
        { email: accounts.otherPanel, role: 'panel' },
        { email: accounts.guessedAt, role: 'officer' },
        { email: accounts.admin, role: 'admin' },
      ]);
      const request = await playwright.request.newContext({ baseURL: server.url });
      await completeDraft(request, server.url, groupName);
      const reference = await sendDraft(request, server.url);
      await request.dispose();
      await use({ url: server.url, reference });
      await server.stop();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  baseURL: async ({ staffServer }, use) => use(staffServer.url),
});

// In order, on one server: each test signs in for itself, so none depends on another.
test.describe.configure({ mode: 'default' });

test('signed out, every staff page and download sends you to sign in and comes back after', async ({ request, staffServer }) => {
  for (const pathname of ['/staff/', '/staff/applications/', `/staff/applications/${staffServer.reference}/`, '/staff/attachments/00000000-0000-4000-8000-000000000000']) {
    const response = await request.get(pathname, { maxRedirects: 0 });
    expect(response.status(), pathname).toBe(303);
    expect(response.headers().location, pathname).toBe(`/staff/sign-in/?next=${encodeURIComponent(pathname)}`);
  }
});

test('an officer signs in by keyboard, finds the application sent through the public form and downloads its document', async ({ page, staffServer }) => {
  test.setTimeout(120_000);
  const { reference } = staffServer;
  const signInPage = await served(page, page.goto('/staff/applications/'));
  await expect(page).toHaveURL(/\/staff\/sign-in\/\?next=/);
  await expect(page.getByText('Sign in to see that page.')).toBeVisible();
  await expectAccessible(page, signInPage);

  await tabTo(page, page.getByLabel('Email address'));
  await page.keyboard.type(accounts.officer);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  const list = await served(page, page.keyboard.press('Enter'));
  await expect(page).toHaveURL(/\/staff\/applications\/$/);
  await expect(page.getByText(`Signed in as ${accounts.officer} (fund officer)`)).toBeVisible();
  const row = page.locator(`[data-application="${reference}"]`);
  await expect(row).toContainText(groupName);
  await expect(row).toContainText('£200');
  await expect(row.locator('img')).toHaveCount(0);
  await expectAccessible(page, list);

  await tabTo(page, row.getByRole('link', { name: reference }));
  const application = await served(page, page.keyboard.press('Enter'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Application ${reference}`);
  await expect(page.getByText('alex@example.org')).toBeVisible();
  await expect(page.getByText(groupName, { exact: true })).toBeVisible();
  await expectAccessible(page, application);

  const link = page.getByRole('link', { name: 'Download constitution.pdf' });
  await tabTo(page, link);
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toBe('constitution.pdf');
  const file = await page.request.get((await link.getAttribute('href'))!);
  expect(file.status()).toBe(200);
  expect(file.headers()['content-type']).toBe('application/pdf');
  expect(file.headers()['content-disposition']).toBe(`attachment; filename="constitution.pdf"; filename*=UTF-8''constitution.pdf`);
  expect(file.headers()['x-content-type-options']).toBe('nosniff');
  expect(file.headers()['cache-control']).toContain('no-store');
  expect(await file.body()).toEqual(pdf.buffer);
});

test('the list filters by fund, status, project type and date and finds an application by its group’s name', async ({ page, staffServer }) => {
  await signIn(page, accounts.officer);
  const row = page.locator(`[data-application="${staffServer.reference}"]`);
  await page.getByLabel('Search', { exact: true }).fill('picnic <img');
  await page.getByLabel('Fund', { exact: true }).selectOption({ label: 'Small Sparks' });
  await page.getByLabel('Status', { exact: true }).selectOption('received');
  await page.getByLabel('Project type', { exact: true }).selectOption({ label: 'Equipment' });
  await page.getByRole('button', { name: 'Show applications' }).click();
  await expect(row).toBeVisible();
  await expect(page).toHaveURL(/type=equipment/);
  await expect(page.getByLabel('Search', { exact: true })).toHaveValue('picnic <img');

  await page.getByLabel('Search', { exact: true }).fill('no such group');
  await page.getByRole('button', { name: 'Show applications' }).click();
  await expect(page.getByText('No applications match these filters.')).toBeVisible();

  await page.goto('/staff/applications/?to=2001-01-01');
  await expect(page.getByText('No applications match these filters.')).toBeVisible();
  const mistake = await served(page, page.goto('/staff/applications/?from=last+week'));
  await expect(page.locator('.govuk-error-summary')).toContainText('Enter a date like 2026-11-24');
  await expect(page.getByLabel('Received on or after')).toHaveAttribute('value', 'last week');
  await expect(row).toBeVisible();
  await expectAccessible(page, mistake);
});

test('a panel member in the round sees neither the application nor its scores page while it is still received', async ({ page, staffServer }) => {
  // Seeing it once it is with the panel, without the contact details or its bank statement, is in grants-panel.spec.ts.
  await signIn(page, accounts.panel);
  await expect(page.getByText('0 applications')).toBeVisible();
  expect((await page.request.get(`/staff/applications/${staffServer.reference}/scores/`)).status()).toBe(404);
  const direct = await shown(page, page.goto(`/staff/applications/${staffServer.reference}/`));
  expect(direct).toContain(`There is no application ${staffServer.reference}`);
  expect(direct).not.toContain('Picnic');
  await expectAccessible(page, direct);
});

test('a panel member not assigned to the round sees neither the application nor its document', async ({ page, staffServer }) => {
  await signIn(page, accounts.otherPanel);
  await expect(page.getByText('0 applications')).toBeVisible();
  const direct = await page.goto(`/staff/applications/${staffServer.reference}/`);
  expect(direct?.status()).toBe(404);
});

test('after five wrong passwords the sixth attempt is refused, even with the right password', async ({ page }) => {
  for (let attempt = 1; attempt <= 5; attempt++) {
    await signIn(page, accounts.guessedAt, `wrong password ${attempt}`);
    await expect(page.locator('.govuk-error-summary')).toContainText('The email address or password is not right.');
  }
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), signIn(page, accounts.guessedAt)]);
  expect(response.status()).toBe(429);
  await expect(page.locator('.govuk-error-summary')).toContainText('There have been too many wrong attempts.');
  await expect(page.getByLabel('Email address')).toHaveValue(accounts.guessedAt);
  await expect(page).toHaveURL(/\/staff\/sign-in\//);
});

test('a post from another site, or without the session’s token, is refused', async ({ page, request }) => {
  const crossSite = await request.post('/staff/sign-in/', { form: { email: accounts.officer, password }, headers: { origin: 'https://elsewhere.example' }, maxRedirects: 0 });
  expect(crossSite.status()).toBe(403);

  await signIn(page, accounts.officer);
  await expect(page).toHaveURL(/\/staff\/applications\/$/);
  const origin = new URL(page.url()).origin;
  const noToken = await page.request.post('/staff/sign-out/', { form: {}, headers: { origin }, maxRedirects: 0 });
  expect(noToken.status()).toBe(403);
  const wrongToken = await page.request.post('/staff/sign-out/', { form: { csrf: 'x'.repeat(43) }, headers: { origin }, maxRedirects: 0 });
  expect(wrongToken.status()).toBe(403);
  // Still signed in: neither post did anything.
  await page.goto('/staff/applications/');
  await expect(page).toHaveURL(/\/staff\/applications\/$/);
});

test('the session cookie is HttpOnly and SameSite=Lax, and Secure when the request came over HTTPS', async ({ playwright, staffServer }) => {
  for (const https of [false, true]) {
    // Behind the council's proxy, X-Forwarded-Proto says how the browser reached it.
    const request = await playwright.request.newContext({ baseURL: staffServer.url, extraHTTPHeaders: https ? { 'x-forwarded-proto': 'https' } : {} });
    const form = await (await request.get('/staff/sign-in/')).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(form)?.[1];
    const origin = new URL(staffServer.url);
    origin.protocol = https ? 'https:' : 'http:';
    const response = await request.post('/staff/sign-in/', { form: { csrf: csrf!, email: accounts.officer, password }, headers: { origin: origin.origin }, maxRedirects: 0 });
    expect(response.status(), https ? 'over HTTPS' : 'over HTTP').toBe(303);
    const session = response.headersArray().find((header) => header.name.toLowerCase() === 'set-cookie' && header.value.startsWith('hub_staff='))!.value;
    expect(session).toMatch(/; HttpOnly/i);
    expect(session).toMatch(/; SameSite=Lax/i);
    if (https) expect(session).toMatch(/; Secure/i);
    else expect(session).not.toMatch(/; Secure/i);
    await request.dispose();
  }
});

test('signing out ends the session', async ({ page }) => {
  await signIn(page, accounts.officer);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You have signed out.')).toBeVisible();
  await page.goto('/staff/applications/');
  await expect(page).toHaveURL(/\/staff\/sign-in\/\?next=/);
});

test('an officer moves the application on one step at a time, and each move is in its history', async ({ page, staffServer }) => {
  test.setTimeout(120_000);
  await signIn(page, accounts.officer);
  await page.goto(`/staff/applications/${staffServer.reference}/`);
  await expect(page.locator('[data-status]')).toHaveText('Received');

  // Saving without a step chosen asks for one; decisions are not offered here (they need their letter).
  await expect(page.getByLabel('Signposted elsewhere')).toHaveCount(0);
  const mistake = await served(page, page.getByRole('button', { name: 'Save the new status' }).click());
  await expect(page.locator('.govuk-error-summary')).toContainText('Choose the next step');
  await expectAccessible(page, mistake);

  await page.getByLabel('Eligibility checked').check();
  const moved = await served(page, page.getByRole('button', { name: 'Save the new status' }).click());
  await expect(page.getByText('Status changed to Eligibility checked.')).toBeVisible();
  await expect(page.locator('[data-status]')).toHaveText('Eligibility checked');
  await expect(page.locator('[data-history]')).toContainText(`Eligibility checked, by ${accounts.officer}`);
  await expectAccessible(page, moved);

  // A step that does not follow (straight to funded) is refused, whatever the form is made to send.
  const csrf = await page.locator('input[name="csrf"]').first().inputValue();
  const origin = new URL(page.url()).origin;
  const skipped = await page.request.post(`/staff/applications/${staffServer.reference}/`, { form: { csrf, status: 'funded' }, headers: { origin } });
  expect(await skipped.text()).toContain('That step does not follow from where the application is now.');
  await page.reload();
  await expect(page.locator('[data-status]')).toHaveText('Eligibility checked');
});

test('a panel member cannot move an application on', async ({ page, staffServer }) => {
  await signIn(page, accounts.panel);
  await page.goto(`/staff/applications/${staffServer.reference}/`);
  await expect(page.getByRole('heading', { name: 'Move this application on' })).toHaveCount(0);
  const csrf = await page.locator('input[name="csrf"]').first().inputValue();
  const response = await page.request.post(`/staff/applications/${staffServer.reference}/`, { form: { csrf, status: 'eligibility-checked' }, headers: { origin: new URL(page.url()).origin } });
  expect(response.status()).toBe(403);
});

test('every staff route answers each kind of visitor as it should: sign in, forbidden or the page', async ({ browser, request, staffServer }) => {
  test.setTimeout(120_000);
  const signedInAs = async (email: string) => {
    const context = await browser.newContext({ baseURL: staffServer.url });
    const page = await context.newPage();
    await signIn(page, email);
    await expect(page).toHaveURL(/\/staff\/applications\/$/);
    return { context, page };
  };
  const officer = await signedInAs(accounts.officer);
  const panel = await signedInAs(accounts.panel);
  const admin = await signedInAs(accounts.admin);
  await officer.page.goto(`/staff/applications/${staffServer.reference}/`);
  const attachment = (await officer.page.getByRole('link', { name: 'Download constitution.pdf' }).getAttribute('href'))!;

  const application = `/staff/applications/${staffServer.reference}/`;
  // [route, signed out, panel member, officer, admin when not as the officer]; 303 is a redirect, to sign-in when signed out.
  const routes: [string, number, number, number, number?][] = [
    ['/staff/', 303, 303, 303],
    ['/staff/applications/', 303, 200, 200],
    // Still received: not the panel's to see yet (src/staff/panel.ts).
    [application, 303, 404, 200],
    [attachment, 303, 404, 200],
    [`${application}scores/`, 303, 404, 200],
    [`${application}decision/`, 303, 403, 200],
    ['/staff/applications/NOSUCHAPP/', 303, 404, 404],
    [`/staff/applications/decisions/?reference=${staffServer.reference}`, 303, 403, 200],
    ['/staff/moderation/', 303, 403, 200],
    // An application is not in the moderation queue; nor is a reference that does not exist.
    [`/staff/moderation/${staffServer.reference}/`, 303, 403, 404],
    ['/staff/moderation/NOSUCHREF/', 303, 403, 404],
    ['/staff/moderation/NOSUCHREF/photo', 303, 403, 404],
    ['/staff/forbidden/', 303, 403, 403],
    ['/staff/reports/', 303, 403, 200],
    ['/staff/reports/kpi.csv?period=2026-10', 303, 403, 200],
    ['/staff/exports/', 303, 403, 200],
    ['/staff/exports/applications.csv', 303, 403, 200],
    ['/staff/exports/360giving.csv', 303, 403, 200],
    ['/staff/exports/360giving.json', 303, 403, 200],
    ['/staff/outbox/', 303, 403, 200],
    ['/staff/outbox/?state=failed', 303, 403, 200],
    ['/staff/publishing/', 303, 403, 200],
    ['/staff/personal-data/', 303, 403, 403, 200],
    // The JSON download is a post; a get goes back to the search page.
    ['/staff/personal-data/export/', 303, 403, 403, 303],
    ['/staff/accounts/', 303, 403, 403, 200],
    ['/staff/accounts/invite/', 303, 403, 403, 200],
    ['/staff/accounts/00000000-0000-4000-8000-000000000000/', 303, 403, 403, 404],
    ['/staff/accounts/not-an-id/', 303, 403, 403, 404],
    // One's own sign-in security: for everyone; new recovery codes only once an app is set up.
    ['/staff/two-factor/', 303, 200, 200],
    ['/staff/two-factor/set-up/', 303, 200, 200],
    ['/staff/two-factor/recovery-codes/', 303, 303, 303],
    // The code step of sign-in, without a right password first: back to sign-in.
    ['/staff/sign-in/code/', 303, 303, 303],
    ['/staff/sign-out/', 303, 303, 303],
  ];
  for (const [route, signedOut, asPanel, asOfficer, asAdmin = asOfficer] of routes) {
    const anonymous = await request.get(route, { maxRedirects: 0 });
    expect(anonymous.status(), `${route} signed out`).toBe(signedOut);
    if (route !== '/staff/sign-out/') expect(anonymous.headers().location, route).toMatch(/^\/staff\/sign-in\//);
    expect((await panel.page.request.get(route, { maxRedirects: 0 })).status(), `${route} as a panel member`).toBe(asPanel);
    expect((await officer.page.request.get(route, { maxRedirects: 0 })).status(), `${route} as an officer`).toBe(asOfficer);
    if (route !== '/staff/sign-out/') expect((await admin.page.request.get(route, { maxRedirects: 0 })).status(), `${route} as an admin`).toBe(asAdmin);
  }
  // Moving an application on is for officers: signed out it is sign-in, for the panel 403.
  const origin = new URL(staffServer.url).origin;
  expect((await request.post(application, { form: { status: 'assessed' }, headers: { origin }, maxRedirects: 0 })).status()).toBe(303);
  const panelToken = await panel.page.locator('input[name="csrf"]').first().inputValue();
  expect((await panel.page.request.post(application, { form: { csrf: panelToken, status: 'assessed' }, headers: { origin }, maxRedirects: 0 })).status()).toBe(403);
  await officer.context.close();
  await panel.context.close();
  await admin.context.close();
});

/** Every staff page, as a signed-in member of staff reaches it (or is refused it). */
const staffPages = (reference: string) => {
  const application = `/staff/applications/${reference}/`;
  return [
    '/staff/applications/',
    application,
    `${application}scores/`,
    `${application}decision/`,
    '/staff/applications/NOSUCHAPP/',
    `/staff/applications/decisions/?reference=${reference}`,
    '/staff/applications/?order=score',
    '/staff/moderation/',
    '/staff/reports/',
    '/staff/due/',
    '/staff/exports/',
    '/staff/outbox/',
    '/staff/publishing/',
    '/staff/personal-data/',
    '/staff/accounts/',
    '/staff/accounts/invite/',
    '/staff/accounts/00000000-0000-4000-8000-000000000000/',
    '/staff/two-factor/',
    '/staff/two-factor/set-up/',
    // Public, for setting a password from an emailed link; one that was never made says so.
    '/staff/password/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/',
    '/staff/forbidden/',
  ];
};

test('every staff page fits a 320 pixel wide screen: only a wide table scrolls sideways, not the page', async ({ page, staffServer }) => {
  test.setTimeout(120_000);
  await signIn(page, accounts.admin);
  await expect(page).toHaveURL(/\/staff\/applications\/$/);
  await page.setViewportSize({ width: 320, height: 640 });
  const overflowing: string[] = [];
  for (const pathname of staffPages(staffServer.reference)) {
    await page.goto(pathname);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) overflowing.push(`${pathname} by ${overflow} px`);
  }
  expect(overflowing).toEqual([]);
});

test('every staff page passes axe and html-validate, signed in as an admin, an officer and a panel member', async ({ browser, staffServer }) => {
  test.setTimeout(180_000);
  const pages = staffPages(staffServer.reference);
  for (const email of [accounts.admin, accounts.officer, accounts.panel]) {
    const context = await browser.newContext({ baseURL: staffServer.url });
    const page = await context.newPage();
    await signIn(page, email);
    await expect(page).toHaveURL(/\/staff\/applications\/$/);
    // Whatever each role is shown: the page, or the refusal or not-found page.
    for (const pathname of pages) {
      await test.step(`${pathname} as ${email}`, async () => {
        const response = (await page.goto(pathname))!;
        expect(response.headers()['content-type']).toMatch(/^text\/html/);
        await expectAccessible(page, await response.text());
      });
    }
    await context.close();
  }
});
