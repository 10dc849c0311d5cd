/** A resident keeps a shortlist in their browser, with no account, and prints or shares it. */
import { expect, test } from '@playwright/test';
import { expectAccessible } from './accessibility';

const sharedUrl = '/shortlist/?items=groups/wisbech-health-walks,assets/march-library';
/** A Remove button's form sends `/` and `,` encoded; the address means the same either way. */
const address = (expected: string) => (url: URL) => decodeURIComponent(url.pathname + url.search) === expected;

test('a resident shortlists a group and a place, and sees, shares and prints the list', async ({ page, browser }) => {
  await page.goto('/groups/wisbech-health-walks/');
  await page.getByRole('button', { name: 'Add to shortlist' }).click();
  await expect(page.getByRole('button', { name: 'Remove from shortlist' })).toBeVisible();

  await page.goto('/assets/march-library/');
  await page.getByRole('button', { name: 'Add to shortlist' }).click();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Remove from shortlist' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'View your shortlist (2 items)' })).toBeVisible();

  await page.getByRole('link', { name: 'View your shortlist (2 items)' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your shortlist');
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 2 })).toHaveText(['Wisbech Health Walks', 'March Library']);
  const shared = await page.getByRole('textbox', { name: 'Link to this shortlist' }).inputValue();
  expect(new URL(shared).pathname + new URL(shared).search).toBe(sharedUrl);

  // Someone else's browser, with nothing kept in it.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto(new URL(sharedUrl, page.url()).href);
  await expect(otherPage.getByRole('main').getByRole('heading', { level: 2 })).toHaveText(['Wisbech Health Walks', 'March Library']);
  await other.close();

  await page.emulateMedia({ media: 'print' });
  await expect(main.getByRole('link', { name: 'Wisbech Health Walks' })).toBeVisible();
  await expect(main.getByRole('link', { name: 'March Library' })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Search the hub' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print this page' })).toBeHidden();
});

test('a resident removes a place from their shortlist', async ({ page }) => {
  await page.goto('/assets/march-library/');
  await page.getByRole('button', { name: 'Add to shortlist' }).click();
  await page.getByRole('button', { name: 'Remove from shortlist' }).click();
  await expect(page.getByRole('button', { name: 'Add to shortlist' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'View your shortlist (0 items)' })).toHaveAttribute('href', '/shortlist/');
});

test('a keyboard user removes an item on the shortlist page, and the list kept in the browser loses it too', async ({ page }) => {
  for (const listing of ['/groups/wisbech-health-walks/', '/assets/march-library/']) {
    await page.goto(listing);
    await page.getByRole('button', { name: 'Add to shortlist' }).click();
    await expect(page.getByRole('button', { name: 'Remove from shortlist' })).toBeVisible();
  }
  await page.goto('/shortlist/');
  await expect(page).toHaveURL(sharedUrl);
  const remove = page.getByRole('button', { name: 'Remove Wisbech Health Walks' });
  await remove.focus();
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(address('/shortlist/?items=assets/march-library&removed=groups/wisbech-health-walks'));
  const banner = page.getByRole('alert');
  await expect(banner).toContainText('Wisbech Health Walks was removed from your shortlist.');
  await expect(banner).toBeFocused();
  await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toHaveText(['Success', 'March Library']);
  await expect(page.getByRole('textbox', { name: 'Link to this shortlist' })).toHaveValue(/\/shortlist\/\?items=assets\/march-library$/);
  await expectAccessible(page, await (await page.request.get(page.url())).text());

  // Kept in the browser: the list page and the group's own page agree.
  await page.goto('/shortlist/');
  await expect(page).toHaveURL('/shortlist/?items=assets/march-library');
  await page.goto('/groups/wisbech-health-walks/');
  await expect(page.getByRole('button', { name: 'Add to shortlist' })).toBeVisible();

  await page.goto('/shortlist/');
  await page.getByRole('button', { name: 'Remove March Library' }).click();
  await expect(page.getByText('Your shortlist is empty.')).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('March Library was removed from your shortlist.');
  await page.goto('/shortlist/');
  await expect(page).toHaveURL('/shortlist/');
});

test('removing an item from a shortlist someone shared leaves the list kept in this browser alone', async ({ page }) => {
  await page.goto('/assets/march-library/');
  await page.getByRole('button', { name: 'Add to shortlist' }).click();
  await page.goto('/shortlist/?items=groups/wisbech-health-walks,groups/chatteris-community-choir');
  await page.getByRole('button', { name: 'Remove Wisbech Health Walks' }).click();
  await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toHaveText(['Success', 'Sing Chatteris Community Choir']);
  await page.goto('/shortlist/');
  await expect(page).toHaveURL('/shortlist/?items=assets/march-library');
});

test('the shortlist page opened from the menu of a browser with a list shows that list', async ({ page }) => {
  await page.goto('/groups/wisbech-health-walks/');
  await page.getByRole('button', { name: 'Add to shortlist' }).click();
  await page.goto('/shortlist/');
  await expect(page).toHaveURL('/shortlist/?items=groups/wisbech-health-walks');
  await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toHaveText(['Wisbech Health Walks']);
});

test('an empty shortlist says how to add things, and unknown ids are ignored', async ({ page }) => {
  await page.goto('/shortlist/?items=groups/no-such-group,../etc,assets/');
  await expect(page.getByText('Your shortlist is empty.')).toBeVisible();
  await expect(page.getByText(/go to its page and choose “Add to shortlist”/)).toBeVisible();
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('a shared shortlist still shows, with no buttons that cannot work', async ({ page }) => {
    await page.goto(sharedUrl);
    await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toHaveText(['Wisbech Health Walks', 'March Library']);
    await expect(page.getByRole('button', { name: 'Print this page' })).toBeHidden();
    await page.goto('/groups/wisbech-health-walks/');
    await expect(page.getByRole('button', { name: 'Add to shortlist' })).toBeHidden();
  });

  test('a resident removes an item from a shared shortlist, which works from the address alone', async ({ page }) => {
    await page.goto(sharedUrl);
    await page.getByRole('button', { name: 'Remove March Library' }).click();
    await expect(page).toHaveURL(address('/shortlist/?items=groups/wisbech-health-walks&removed=assets/march-library'));
    await expect(page.getByRole('alert')).toContainText('March Library was removed from your shortlist.');
    await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toHaveText(['Success', 'Wisbech Health Walks']);
  });

  test('an empty shortlist says plainly that adding needs JavaScript', async ({ page }) => {
    await page.goto('/shortlist/');
    await expect(page.getByText('Adding to a shortlist needs JavaScript')).toBeVisible();
    await expect(page.getByText(/go to its page and choose “Add to shortlist”/)).toBeHidden();
  });
});
