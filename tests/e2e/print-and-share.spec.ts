/** A resident prints a listing's page, or shares it: by the device's share sheet, a copied link or an email. */
import { expect, type Page, test } from '@playwright/test';
import { expectAxeClean } from './accessibility';

const share = (page: Page) => page.getByRole('complementary', { name: 'Print or share this page' });

test.describe('with JavaScript on', () => {
  test('a resident prints a group’s page, and the printout is the listing without the site’s controls', async ({ page }) => {
    await page.goto('/groups/wisbech-health-walks/');
    const printed = page.evaluate(() => new Promise<boolean>((resolve) => window.addEventListener('beforeprint', () => resolve(true), { once: true })));
    await share(page).getByRole('button', { name: 'Print this page' }).click();
    expect(await printed).toBe(true);

    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('heading', { level: 1, name: 'Wisbech Health Walks' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Contact' })).toBeVisible();
    for (const hidden of [
      page.getByRole('navigation', { name: 'Menu' }),
      page.getByRole('searchbox', { name: 'Search the hub' }),
      page.getByRole('button', { name: 'Add to shortlist' }),
      page.getByRole('link', { name: 'Suggest a change to this listing' }),
      share(page),
    ]) {
      await expect(hidden).toBeHidden();
    }
  });

  test('without a share sheet, a resident copies the link to a place’s page', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/assets/march-library/');
    const address = await share(page).getByRole('textbox', { name: 'Address of this page' }).inputValue();
    expect(new URL(address).pathname).toBe('/assets/march-library/');
    // Chromium on Linux has no share sheet, so the button copies.
    await share(page).getByRole('button', { name: 'Copy the link to this page' }).click();
    await expect(share(page).getByRole('status')).toHaveText('Link copied. You can paste it into a message or an email.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(address);
    await expectAxeClean(page);
  });

  test('where the device has a share sheet, a resident shares a story with it', async ({ page }) => {
    // A stand-in for the share sheet that phones have and Chromium on Linux does not: it records what it was given.
    await page.addInitScript(() => {
      Object.defineProperty(navigator, 'share', { value: async (data: ShareData) => void ((window as unknown as { shared: ShareData }).shared = data) });
    });
    await page.goto('/stories/');
    await page.getByRole('main').getByRole('link').first().click();
    const title = await page.getByRole('heading', { level: 1 }).textContent();
    await share(page).getByRole('button', { name: 'Share this page' }).click();
    const shared = await page.evaluate(() => (window as unknown as { shared: ShareData }).shared);
    expect(shared.title).toBe(title);
    expect(new URL(shared.url!).pathname).toBe(new URL(page.url()).pathname);
  });
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('a resident sees the page’s address and can email it, with no buttons that cannot work', async ({ page }) => {
    await page.goto('/groups/wisbech-health-walks/');
    await expect(share(page).getByRole('button')).toHaveCount(0);
    const address = await share(page).getByRole('textbox', { name: 'Address of this page' }).inputValue();
    expect(new URL(address).pathname).toBe('/groups/wisbech-health-walks/');
    const email = new URL((await share(page).getByRole('link', { name: 'Email a link to this page' }).getAttribute('href'))!);
    expect(email.protocol).toBe('mailto:');
    expect(email.searchParams.get('subject')).toMatch(/^Wisbech Health Walks – /);
    expect(email.searchParams.get('body')).toBe(`Wisbech Health Walks\n${address}`);
  });

  test('places and stories offer the same', async ({ page }) => {
    for (const path of ['/assets/march-library/', '/stories/']) {
      await page.goto(path);
      if (path === '/stories/') await page.getByRole('main').getByRole('link').first().click();
      await expect(share(page).getByRole('link', { name: 'Email a link to this page' })).toBeVisible();
    }
  });
});
