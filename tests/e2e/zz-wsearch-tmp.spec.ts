import { expect, test } from '@playwright/test';
import { expectAxeClean, expectValidHtml } from './accessibility';

const urls = ['/whats-on/chatteris-choir-spring-concert/', '/search/?q=first+aid+training', '/search/?type=Event&type=Training+course&date=Next+30+days', '/search/?q=walk+leader+chatteris', '/whats-on/?area=chatteris', '/whats-on/', '/volunteer/', '/search/?q=first+aid&date=Today'];
test('new pages', async ({ page }) => {
  test.setTimeout(300_000);
  for (const url of urls) {
    await test.step(url, async () => {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(200);
      await expectAxeClean(page);
      await expectValidHtml(await response!.text(), url);
    });
  }
});
test('static search finds an event', async ({ page }) => {
  await page.goto('/search/static/?q=first+aid+training');
  await expect(page.locator('.hub-results a', { hasText: 'Emergency first aid for community volunteers' })).toBeVisible();
  await expect(page.locator('.hub-results__item', { hasText: 'Emergency first aid for community volunteers' })).toContainText('Next:');
});
