/** Pages hold still while they load: what the scripts change was laid out that way from the start. */
import { expect, test } from '@playwright/test';

test('on a phone the menu is collapsed from the first paint, so the page does not jump when the script starts', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 667 });
  // A slow connection: the page paints well before its scripts arrive and run.
  await page.route('**/_astro/*.js', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });
  await page.goto('/', { waitUntil: 'commit' });
  // The stylesheet has arrived (the template takes away the body's margin) and the footer is parsed.
  await page.waitForFunction(() => getComputedStyle(document.body).marginTop === '0px' && document.querySelector('footer'));
  const toggle = page.locator('.govuk-service-navigation__toggle');
  // Scripts still on their way (they would mark the button as expanded or not) …
  expect(await toggle.getAttribute('aria-expanded')).toBeNull();
  // … and the menu button is already there, with the links folded away behind it.
  expect(await toggle.isVisible()).toBe(true);
  expect(await page.locator('#navigation').isVisible()).toBe(false);
  const menu = page.getByRole('button', { name: 'Menu' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  const shift = await page.evaluate(() => new Promise<number>((resolve) => {
    new PerformanceObserver((list) => resolve(list.getEntries().reduce((sum, entry) => sum + (entry as PerformanceEntry & { value: number }).value, 0)))
      .observe({ type: 'layout-shift', buffered: true });
    // No shift at all leaves the observer silent.
    setTimeout(() => resolve(0), 500);
  }));
  expect(shift).toBeLessThan(0.01);
  await menu.click();
  await expect(page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Stories' })).toBeVisible();
});
