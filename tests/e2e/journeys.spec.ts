/** What residents do, with JavaScript on and off. */
import { expect, test } from '@playwright/test';

for (const javaScriptEnabled of [true, false]) {
  test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('a resident finds their village, a group there, and how to contact it', async ({ page }) => {
      await page.goto('/');
      await page.getByRole('link', { name: 'Manea', exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Manea');
      await page.getByRole('link', { name: /Manea Village Hub/ }).first().click();
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Manea Village Hub');
      await expect(page.getByRole('link', { name: /01632 960\d{3}/ }).first()).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Your community worker' })).toBeVisible();
    });

    test('a resident searches from the header and sees matching results', async ({ page }) => {
      await page.goto('/about/');
      await page.getByRole('searchbox', { name: 'Search the hub' }).fill('health walks');
      await page.getByRole('searchbox', { name: 'Search the hub' }).press('Enter');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(/\d+ results? for “health walks”/);
      await expect(page.getByRole('main').getByRole('link', { name: 'Wisbech Health Walks', exact: true })).toBeVisible();
      await expect(page.getByRole('searchbox', { name: 'Search the hub' }).last()).toHaveValue('health walks');
    });

    test('a resident uses the primary navigation to reach funding and a fund', async ({ page }) => {
      await page.goto('/');
      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Funding' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Funding for groups');
      await page.getByRole('link', { name: 'Healthy Fenland Fund' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Healthy Fenland Fund');
      await expect(page.getByText('How applications are assessed')).toBeVisible();
    });

    test('the site fits a 320 pixel wide screen without scrolling sideways', async ({ page }) => {
      await page.setViewportSize({ width: 320, height: 640 });
      for (const url of ['/', '/groups/wisbech-health-walks/', '/funds/healthy-fenland-fund/', '/contact/', '/search/?q=lunch']) {
        await page.goto(url);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, url).toBeLessThanOrEqual(0);
      }
    });
  });
}

test('a keyboard user skips straight to the main content', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main-content')).toBeFocused();
});

test('on a phone the menu is behind a button that opens it', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/');
  const menu = page.getByRole('button', { name: 'Menu' });
  const stories = page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Stories' });
  await expect(stories).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(stories).toBeVisible();
});

test('a page that does not exist says so and offers a way on', async ({ page }) => {
  const response = await page.goto('/groups/no-such-group/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByRole('searchbox').last()).toBeVisible();
});

test('a printed page leaves out the search box and navigation', async ({ page }) => {
  await page.goto('/groups/wisbech-health-walks/');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('searchbox', { name: 'Search the hub' })).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Menu' })).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
