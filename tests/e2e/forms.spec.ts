/** The public forms: what a resident sees when they send one, get it wrong, or send it twice. */
import { expect, test } from '@playwright/test';

for (const javaScriptEnabled of [true, false]) {
  test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('a resident asks the fund team a question, fixes a mistake, and gets a reference', async ({ page }) => {
      await page.goto('/ask-about-funding/?fund=small-sparks');
      await expect(page.getByLabel('Which fund is it about? (optional)')).toHaveValue('small-sparks');
      await page.getByLabel('Your name').fill('Sam Example');
      await page.getByLabel('Email address').fill('sam.example@');
      await page.getByRole('button', { name: 'Send' }).click();

      const summary = page.locator('.govuk-error-summary');
      await expect(summary).toContainText('There is a problem');
      await expect(summary.getByRole('link')).toHaveText(['Enter an email address in the correct format, like name@example.org', 'Enter your question']);
      await expect(page.getByLabel('Your name')).toHaveValue('Sam Example');
      await expect(page.getByLabel('Email address')).toHaveValue('sam.example@');
      await summary.getByRole('link', { name: /email address/ }).click();
      await expect(page.getByLabel('Email address')).toBeFocused();

      await page.getByLabel('Email address').fill('sam.example@example.org');
      await page.getByLabel('Your question').fill('Can a village hall committee apply for new chairs?');
      await page.getByRole('button', { name: 'Send' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Question sent');
      await expect(page.locator('[data-reference]')).toHaveText(/^[23456789ABCDEFGHJKMNPQRSTWXYZ]{8}$/);
    });
  });
}

test('sending the same form again says it was already sent, with the same reference', async ({ page }) => {
  await page.goto('/ask-about-funding/');
  await page.getByLabel('Your name').fill('Alex Example');
  await page.getByLabel('Email address').fill('alex@example.org');
  await page.getByLabel('Your question').fill('When does the Small Sparks panel meet?');
  await page.getByRole('button', { name: 'Send' }).click();
  const reference = await page.locator('[data-reference]').textContent();
  await page.goBack();
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('You have already sent this.')).toBeVisible();
  await expect(page.locator('[data-reference]')).toHaveText(reference!);
});

test.describe('posts that are not a resident’s own form are refused plainly', () => {
  const form = { attempt: 'a'.repeat(20), name: 'Sam', email: 'sam@example.org', question: 'A question' };
  // Browsers always say where a post comes from; these come from this site unless the test says not.
  const fromHere = (baseURL?: string) => ({ origin: new URL(baseURL!).origin });

  test('from another website: 403', async ({ request }) => {
    const response = await request.post('/ask-about-funding/', { form, headers: { origin: 'https://evil.example.com' } });
    expect(response.status()).toBe(403);
  });

  test('not a form: 415', async ({ request, baseURL }) => {
    const response = await request.post('/ask-about-funding/', { data: JSON.stringify(form), headers: { ...fromHere(baseURL), 'content-type': 'application/json' } });
    expect(response.status()).toBe(415);
  });

  test('too large: 413', async ({ request, baseURL }) => {
    const response = await request.post('/ask-about-funding/', { form: { ...form, question: 'x'.repeat(200_000) }, headers: fromHere(baseURL) });
    expect(response.status()).toBe(413);
  });

  test('without the form’s attempt key: 400', async ({ request, baseURL }) => {
    const response = await request.post('/ask-about-funding/', { form: { ...form, attempt: '' }, headers: fromHere(baseURL) });
    expect(response.status()).toBe(400);
  });

  test('a filled honeypot gets an ordinary-looking reply', async ({ request, baseURL }) => {
    const response = await request.post('/ask-about-funding/', { form: { ...form, attempt: 'honeypot-attempt-key-1', website: 'http://spam.example.com' }, headers: fromHere(baseURL) });
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain('Question sent');
  });
});
