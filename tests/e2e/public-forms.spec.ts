/**
 * The directory's public forms: suggesting a change to a listing, adding a listing, and sharing a
 * story with a photo. What a resident sees when they send one, get it wrong, or send a bad file.
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './accessibility';
import { type ServerProcess, startServer } from './own-server';

const reference = /^[23456789ABCDEFGHJKMNPQRSTWXYZ]{8}$/;
// A real 1×1 PNG (what a phone photo is, in small).
const png = { name: 'planting-day.png', mimeType: 'image/png', buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64') };
const textAsPng = { name: 'not-a-photo.png', mimeType: 'image/png', buffer: Buffer.from('This is a text file with a picture’s name.\n') };
const send = (page: Page) => page.getByRole('button', { name: 'Send' }).click();
const summary = (page: Page) => page.locator('.govuk-error-summary');

for (const javaScriptEnabled of [true, false]) {
  test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('a resident suggests a change from a listing page, fixes a mistake, and gets a reference', async ({ page }) => {
      await page.goto('/groups/chatteris-community-choir/');
      await page.getByRole('link', { name: 'Suggest a change to this listing' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Suggest a change to a listing');
      await expect(page.locator('[data-listing]')).toHaveText('Sing Chatteris Community Choir');
      await page.getByLabel('When it meets or opens').check();
      await send(page);

      await expect(summary(page).getByRole('link')).toHaveText(['Enter what the listing should say']);
      await expect(page.getByLabel('When it meets or opens')).toBeChecked();
      await summary(page).getByRole('link').click();
      await expect(page.getByLabel('What should it say?')).toBeFocused();

      await page.getByLabel('What should it say?').fill('The choir now meets on Thursdays at 7pm.');
      await page.getByLabel('Email address (optional)').fill('sam.example@example.org');
      await send(page);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Suggestion sent');
      await expect(page.locator('[data-reference]')).toHaveText(reference);
      await expect(page.getByRole('main').getByRole('link', { name: 'Sing Chatteris Community Choir' })).toHaveAttribute('href', '/groups/chatteris-community-choir/');
    });

    test('a resident adds a missing group, is told what is missing with their answers kept, and gets a reference', async ({ page }) => {
      await page.goto('/groups/');
      await page.getByRole('link', { name: 'Add a group, service or place that is missing' }).first().click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add a group, service or place');
      await page.getByLabel('A group, club or service').check();
      await page.getByLabel('Name', { exact: true }).fill('Doddington Knit and Natter');
      await page.getByLabel('What does it do, and who is it for?').fill('A friendly knitting group for anyone who wants company and a cup of tea.');
      await page.getByLabel('Town or village').selectOption({ label: 'Doddington' });
      await page.getByRole('textbox', { name: 'Website' }).fill('not a website');
      await send(page);

      await expect(summary(page).getByRole('link')).toHaveText([
        'Select what it helps with',
        'Enter a website address in the correct format, like https://www.example.org',
        'Enter your name',
        'Enter your email address',
        'Confirm that the group, service or place agrees to be listed',
      ]);
      await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Doddington Knit and Natter');
      await expect(page.getByLabel('A group, club or service')).toBeChecked();
      await expect(page.getByLabel('Town or village')).toHaveValue('doddington');
      await expect(page.getByRole('textbox', { name: 'Website' })).toHaveValue('not a website');
      await summary(page).getByRole('link', { name: 'Select what it helps with' }).click();
      await expect(page.locator('#categories')).toBeFocused();

      await page.getByRole('textbox', { name: 'Website' }).fill('');
      await page.getByLabel('Arts, culture and heritage').check();
      await page.getByLabel('Your name').fill('Alex Example');
      await page.getByLabel('Your email address').fill('alex@example.org');
      await page.getByLabel('The group, service or place agrees to be listed on this website').check();
      await send(page);
      // No way for the public to get in touch yet.
      await expect(summary(page).getByRole('link')).toHaveText(['Enter at least one way for people to get in touch: an email address, phone number or website']);
      await expect(page.getByLabel('Arts, culture and heritage')).toBeChecked();

      await page.getByLabel('Phone number').fill('01632 960 321');
      await send(page);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Listing sent');
      await expect(page.locator('[data-reference]')).toHaveText(reference);
    });

    test('a resident shares a story with a photo, is asked to describe it and choose it again, and gets a reference', async ({ page }) => {
      await page.goto('/stories/');
      await page.getByRole('link', { name: 'Share your own story' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Share a community story');
      await page.getByLabel('Title').fill('Planting day at the riverside');
      await page.getByLabel('Your story').fill('Twenty neighbours planted two hundred bulbs along the river path on Saturday.');
      await page.getByLabel('Town or village').selectOption({ label: 'March' });
      await page.getByLabel('Which groups is it about? (optional)').fill('March Men’s Shed');
      await page.getByLabel('Upload a photo (optional)').setInputFiles(png);
      await page.getByLabel(/I agree to my story/).check();
      await page.getByLabel('Your name').fill('Sam Example');
      await page.getByLabel('Email address').fill('sam@example.org');
      await send(page);

      await expect(summary(page).getByRole('link')).toHaveText([
        'Choose your photo again: we cannot keep a file when the form has a problem',
        'Describe what the photo shows, then choose the photo again',
      ]);
      await expect(page.getByLabel('Title')).toHaveValue('Planting day at the riverside');
      await expect(page.getByLabel('Your story')).toHaveValue('Twenty neighbours planted two hundred bulbs along the river path on Saturday.');
      await expect(page.getByLabel(/I agree to my story/)).toBeChecked();
      await summary(page).getByRole('link', { name: /Describe what the photo shows/ }).click();
      await expect(page.getByLabel(/Describe the photo/)).toBeFocused();

      await page.getByLabel(/Describe the photo/).fill('Volunteers kneeling to plant bulbs beside the river');
      await page.getByLabel('Upload a photo (optional)').setInputFiles(png);
      await send(page);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Story sent');
      await expect(page.locator('[data-reference]')).toHaveText(reference);
    });
  });
}

// The crawl (every-page.spec.ts) sees each form fresh; these are the same forms showing their problems.
for (const url of ['/suggest-an-edit/', '/suggest-an-edit/?listing=groups%2Fchatteris-community-choir', '/add-a-listing/', '/share-a-story/']) {
  test(`${url} showing every problem has no accessibility violations and valid HTML`, async ({ page }) => {
    await page.goto(url);
    const [response] = await Promise.all([page.waitForResponse((answer) => answer.request().method() === 'POST'), send(page)]);
    await expect(summary(page)).toBeVisible();
    await expectAccessible(page, await response.text());
  });
}

test('suggesting a change without a listing asks which listing it is about', async ({ page }) => {
  await page.goto('/suggest-an-edit/');
  await page.getByLabel('Accessibility').check();
  await page.getByLabel('What should it say?').fill('There is now a ramp at the side door.');
  await send(page);
  await expect(summary(page).getByRole('link')).toHaveText(['Enter the name of the group, service or place']);
  await summary(page).getByRole('link').click();
  await expect(page.getByLabel('Which group, service or place is it about?')).toBeFocused();
  await page.getByLabel('Which group, service or place is it about?').fill('March Library');
  await send(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Suggestion sent');
});

test('a link to a listing that no longer exists says so and asks which listing it is about', async ({ page }) => {
  await page.goto('/suggest-an-edit/?listing=groups%2Fa-group-that-has-gone');
  await expect(summary(page)).toContainText('We could not find the listing this link was for.');
  await expect(page.getByLabel('Which group, service or place is it about?')).toBeVisible();
});

test('a place’s link names the place', async ({ page }) => {
  await page.goto('/suggest-an-edit/?listing=assets%2Fmarch-library');
  await expect(page.locator('[data-listing]')).toHaveText('March Library');
});

test.describe('a story’s photo is checked by what it is, not what it is called', () => {
  async function fillStory(page: Page) {
    await page.goto('/share-a-story/');
    await page.getByLabel('Title').fill('Our new community fridge');
    await page.getByLabel('Your story').fill('The fridge saved 40 kilograms of food in its first week.');
    await page.getByLabel('Town or village').selectOption({ label: 'Wisbech' });
    await page.getByLabel(/Describe the photo/).fill('The fridge, full of vegetables');
    await page.getByLabel(/I agree to my story/).check();
    await page.getByLabel('Your name').fill('Jo Example');
    await page.getByLabel('Email address').fill('jo@example.org');
  }

  test('a text file renamed .png is refused with a field error', async ({ page }) => {
    await fillStory(page);
    await page.getByLabel('Upload a photo (optional)').setInputFiles(textAsPng);
    await send(page);
    await expect(summary(page).getByRole('link')).toHaveText(['The photo must be a JPEG or PNG. Choose a JPEG or PNG photo']);
    await expect(page.locator('#photo-error')).toContainText('The photo must be a JPEG or PNG');
    await expect(page.getByLabel('Title')).toHaveValue('Our new community fridge');
  });

  test('an empty file is refused', async ({ page }) => {
    await fillStory(page);
    await page.getByLabel('Upload a photo (optional)').setInputFiles({ name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) });
    await send(page);
    await expect(summary(page).getByRole('link')).toHaveText(['The photo you chose is empty. Choose another photo']);
  });

  test('a photo over 5 MB is refused', async ({ page }) => {
    await fillStory(page);
    const large = Buffer.alloc(5 * 1024 * 1024 + 1);
    png.buffer.copy(large);
    await page.getByLabel('Upload a photo (optional)').setInputFiles({ name: 'large.png', mimeType: 'image/png', buffer: large });
    await send(page);
    await expect(summary(page).getByRole('link')).toHaveText(['The photo must be 5 MB or smaller. Choose a smaller photo']);
  });

  test('a story without a photo needs no description', async ({ page }) => {
    await fillStory(page);
    await page.getByLabel(/Describe the photo/).fill('');
    await send(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Story sent');
  });
});

test('sending the same story and photo again is one story, with the same reference; another photo is another story', async ({ request, baseURL }) => {
  // A title of its own, so a retry of this test on the same server is not the same story again.
  const story = { title: `Bulbs by the river ${randomUUID()}`, story: 'We planted bulbs again.', area: 'march', photoAlt: 'Bulbs', consent: 'yes', name: 'Sam Example', email: 'sam@example.org' };
  const sendStory = async (attempt: string, buffer: Buffer) => {
    const response = await request.post('/share-a-story/', { multipart: { attempt, ...story, photo: { ...png, buffer } }, headers: { origin: new URL(baseURL!).origin } });
    const html = await response.text();
    return { reference: /data-reference>([A-Z0-9]{8})</.exec(html)?.[1], repeated: html.includes('You have already sent this.') };
  };
  const first = await sendStory(randomUUID(), png.buffer);
  expect(first).toEqual({ reference: expect.stringMatching(reference), repeated: false });
  expect(await sendStory(randomUUID(), png.buffer)).toEqual({ reference: first.reference, repeated: true });
  const otherPhoto = Buffer.from(png.buffer);
  otherPhoto[otherPhoto.length - 1] ^= 1;
  expect((await sendStory(randomUUID(), otherPhoto)).reference).not.toBe(first.reference);
});

test.describe('posts that are not a resident’s own form are refused plainly, on every form', () => {
  const forms = {
    '/suggest-an-edit/': { listingName: 'March Library', problems: 'times', correction: 'Open on Sundays now.' },
    '/add-a-listing/': { kind: 'group', name: 'Knit Club', summary: 'Knitting for all ages.', area: 'march', categories: 'arts-culture-and-heritage', publicPhone: '01632 960 111', senderName: 'Sam', senderEmail: 'sam@example.org', agreed: 'yes' },
    '/share-a-story/': { title: 'A good day', story: 'It went well.', area: 'march', consent: 'yes', name: 'Sam', email: 'sam@example.org' },
  };
  const fromHere = (baseURL?: string) => ({ origin: new URL(baseURL!).origin });

  for (const [url, answers] of Object.entries(forms)) {
    const form = { attempt: `refusal-test-${url.replaceAll('/', '')}-0001`, ...answers };

    test(`${url} from another website: 403`, async ({ request }) => {
      const response = await request.post(url, { form, headers: { origin: 'https://evil.example.com' } });
      expect(response.status()).toBe(403);
    });

    test(`${url} not a form: 415`, async ({ request, baseURL }) => {
      const response = await request.post(url, { data: JSON.stringify(form), headers: { ...fromHere(baseURL), 'content-type': 'application/json' } });
      expect(response.status()).toBe(415);
    });

    test(`${url} without the form’s attempt key: 400`, async ({ request, baseURL }) => {
      const response = await request.post(url, { form: { ...form, attempt: '' }, headers: fromHere(baseURL) });
      expect(response.status()).toBe(400);
    });

    test(`${url} a filled honeypot gets an ordinary-looking reply`, async ({ request, baseURL }) => {
      const response = await request.post(url, { form: { ...form, website: 'http://spam.example.com' }, headers: fromHere(baseURL) });
      expect(response.status()).toBe(200);
      expect(await response.text()).toMatch(/Suggestion sent|Listing sent|Story sent/);
    });

    test(`${url} a field the form does not have makes it invalid`, async ({ request, baseURL }) => {
      const response = await request.post(url, { form: { ...form, isAdmin: 'true' }, headers: fromHere(baseURL) });
      expect(response.status()).toBe(200);
      expect(await response.text()).toContain('This form has changed since it was opened.');
    });
  }

  test('a form without a file takes at most 100 KB: 413', async ({ request, baseURL }) => {
    const response = await request.post('/add-a-listing/', { form: { attempt: 'too-large-listing-0001', ...forms['/add-a-listing/'], summary: 'x'.repeat(200_000) }, headers: fromHere(baseURL) });
    expect(response.status()).toBe(413);
  });

  test('the story form reads a photo over 5 MB to its end and says so beside the photo, keeping the answers; too much text is still a 413', async ({ request, baseURL }) => {
    const photo = Buffer.alloc(5 * 1024 * 1024 + 200 * 1024);
    png.buffer.copy(photo);
    const response = await request.post('/share-a-story/', {
      multipart: { attempt: 'too-large-story-0001', ...forms['/share-a-story/'], photoAlt: 'A photo', photo: { name: 'huge.png', mimeType: 'image/png', buffer: photo } },
      headers: fromHere(baseURL),
    });
    expect(response.status()).toBe(200);
    const html = await response.text();
    expect(html).toContain('id="photo-error"');
    expect(html).toContain('The photo must be 5 MB or smaller. Choose a smaller photo');
    expect(html).toContain('value="A photo"');
    const wordy = await request.post('/share-a-story/', {
      multipart: { attempt: 'too-large-story-0002', ...forms['/share-a-story/'], story: 'x'.repeat(200_000) },
      headers: fromHere(baseURL),
    });
    expect(wordy.status()).toBe(413);
  });
});

test.describe('with the database unreachable', () => {
  let server: ServerProcess;
  test.beforeAll(async () => {
    server = await startServer({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
  });
  test.afterAll(() => server.stop());

  test('a resident sharing a story gets a 503 page that keeps what they typed and asks for the photo again', async ({ page }) => {
    await page.goto(`${server.origin}/share-a-story/`);
    await page.getByLabel('Title').fill('Lunch club’s tenth birthday');
    await page.getByLabel('Your story').fill('Forty members and their families shared cake.');
    await page.getByLabel('Town or village').selectOption({ label: 'Chatteris' });
    await page.getByLabel('Upload a photo (optional)').setInputFiles(png);
    await page.getByLabel(/Describe the photo/).fill('A birthday cake with ten candles');
    await page.getByLabel(/I agree to my story/).check();
    await page.getByLabel('Your name').fill('Robin Example');
    await page.getByLabel('Email address').fill('robin@example.org');
    const [response] = await Promise.all([page.waitForResponse((answer) => answer.request().method() === 'POST'), send(page)]);
    expect(response.status()).toBe(503);
    await expect(page.getByRole('alert')).toContainText('Sorry, we could not save your answers just now');
    await expect(page.getByLabel('Title')).toHaveValue('Lunch club’s tenth birthday');
    await expect(page.getByLabel(/Describe the photo/)).toHaveValue('A birthday cake with ten candles');
    await expect(page.locator('#photo-error')).toContainText('Choose your photo again');
  });
});
