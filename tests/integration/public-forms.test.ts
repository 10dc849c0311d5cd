/**
 * What the directory's public forms keep in the database, read back through the store: a post goes
 * through the real form handler (multipart and all) into a real PGlite store, as the pages do it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newListingSubmission, storySubmission, suggestedEditSubmission } from '../../src/forms/directory-submissions';
import { type FormOutcome, handleFormPost } from '../../src/forms/handle';
import { translator } from '../../src/i18n';
import { newListingChecks, newListingSchema } from '../../src/schemas/forms/new-listing';
import { storySubmissionChecks, storySubmissionSchema } from '../../src/schemas/forms/story';
import { suggestedEditSchema } from '../../src/schemas/forms/suggested-edit';
import { closeStore, getStore } from '../../src/store';
import { outboxEntries } from '../../src/store/outbox';
import { findSubmission, newIdempotencyKey, submit } from '../../src/store/submissions';
import { samplePng } from '../support/sample-files';

const t = translator('en');
const settings = { siteName: 'Community Hub', contact: { email: 'hub@example.org' } };
const groups = [{ id: 'march-mens-shed', name: "March Men's Shed" }];

/** A post from the site's own page, as a browser sends it. */
function post(path: string, fields: Record<string, string | File>): { request: Request; clientAddress: string } {
  const body = new FormData();
  body.set('attempt', newIdempotencyKey());
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return { request: new Request(`http://localhost${path}`, { method: 'POST', body, headers: { origin: 'http://localhost' } }), clientAddress: '127.0.0.1' };
}

async function stored(outcome: FormOutcome) {
  if (outcome.state !== 'sent') throw new Error(`expected the form to be sent, got ${outcome.state}: ${JSON.stringify('errors' in outcome ? outcome.errors : outcome)}`);
  const submission = await findSubmission(await getStore(), outcome.reference);
  return { submission: submission!, outbox: await outboxEntries(await getStore(), submission!.id) };
}

beforeAll(() => {
  // The store the handler opens for itself (rate limit) and the pages save to: in memory, for this test.
  process.env.DATA_DIR = 'memory://';
  process.env.POSTS_PER_MINUTE = '1000';
});
afterAll(closeStore);

describe('what the public forms keep for staff', () => {
  it('a suggested edit keeps the listing’s content id and area, with a confirmation only when an email was given', async () => {
    const schema = suggestedEditSchema(t, 'groups/march-mens-shed');
    const withEmail = await handleFormPost(post('/suggest-an-edit/', { listing: 'groups/march-mens-shed', problems: 'times', correction: 'Now Thursdays.', email: 'sam@example.org' }), schema, async (answers, key) =>
      submit(await getStore(), suggestedEditSubmission(answers, key, { t, settings }, 'march')));
    const { submission, outbox } = await stored(withEmail);
    expect(submission).toMatchObject({ kind: 'suggested-edit', areaId: 'march', answers: { listing: 'groups/march-mens-shed', problems: ['times'], correction: 'Now Thursdays.', email: 'sam@example.org' } });
    expect(outbox.map((message) => [message.purpose, message.to])).toEqual([['applicant-confirmation', 'sam@example.org'], ['staff-alert', 'hub@example.org']]);

    const anonymous = await handleFormPost(post('/suggest-an-edit/', { listing: 'groups/march-mens-shed', problems: 'closed', correction: 'It closed.' }), schema, async (answers, key) =>
      submit(await getStore(), suggestedEditSubmission(answers, key, { t, settings }, 'march')));
    expect((await stored(anonymous)).outbox.map((message) => message.purpose)).toEqual(['staff-alert']);
  });

  it('a new listing is filed under its area with content ids a content file can use', async () => {
    const schema = newListingSchema(t, ['march'], ['company-and-friendship']);
    const outcome = await handleFormPost(
      post('/add-a-listing/', { kind: 'group', name: 'Knit and Natter', summary: 'Knitting and tea for anyone.', area: 'march', categories: 'company-and-friendship', publicPhone: '01632 960 123', senderName: 'Alex Example', senderEmail: 'alex@example.org', agreed: 'yes' }),
      schema,
      async (answers, key) => submit(await getStore(), newListingSubmission(answers, key, { t, settings })),
      { checks: newListingChecks(t) },
    );
    const { submission, outbox } = await stored(outcome);
    expect(submission).toMatchObject({ kind: 'new-listing', areaId: 'march', answers: { kind: 'group', area: 'march', categories: ['company-and-friendship'], publicPhone: '01632 960 123', agreed: 'yes' } });
    expect(outbox.map((message) => message.to)).toEqual(['alex@example.org', 'hub@example.org']);
  });

  it('a story keeps its photo as an attachment, its name in the answers, and the groups it names by id', async () => {
    const schema = storySubmissionSchema(t, ['march']);
    const photo = new File([samplePng()], 'C:\\Photos\\planting.png', { type: 'image/png' });
    const outcome = await handleFormPost(
      post('/share-a-story/', { title: 'Planting day', story: 'We planted bulbs.', area: 'march', groups: "march men's shed\nThe Knitters", photo, photoAlt: 'Volunteers planting bulbs', consent: 'yes', name: 'Sam Example', email: 'sam@example.org' }),
      schema,
      async (answers, key) => submit(await getStore(), storySubmission(answers, key, { t, settings }, groups)),
      { checks: storySubmissionChecks(t) },
    );
    const { submission, outbox } = await stored(outcome);
    expect(submission).toMatchObject({
      kind: 'story',
      areaId: 'march',
      answers: { title: 'Planting day', photo: { fileName: 'planting.png', fileType: 'png', sizeBytes: samplePng().length }, photoAlt: 'Volunteers planting bulbs', groupIds: ['march-mens-shed'] },
    });
    expect(submission.attachments).toEqual([expect.objectContaining({ fileName: 'planting.png', fileType: 'png', sizeBytes: samplePng().length })]);
    expect(outbox.map((message) => message.purpose)).toEqual(['applicant-confirmation', 'staff-alert']);
  });

  it('a story whose photo is not an image keeps nothing and says why against the photo', async () => {
    const schema = storySubmissionSchema(t, ['march']);
    const notAPhoto = new File(['just some text'], 'photo.png', { type: 'image/png' });
    const outcome = await handleFormPost(
      post('/share-a-story/', { title: 'Planting day', story: 'We planted bulbs.', area: 'march', photo: notAPhoto, photoAlt: 'Bulbs', consent: 'yes', name: 'Sam Example', email: 'sam@example.org' }),
      schema,
      async () => {
        throw new Error('must not be saved');
      },
      { checks: storySubmissionChecks(t) },
    );
    expect(outcome.state === 'invalid' && outcome.errors).toEqual([{ field: 'photo', message: t('shareStory.photo.wrongType') }]);
  });

  it('an empty file input (no photo chosen) is no answer, not an empty photo', async () => {
    const schema = storySubmissionSchema(t, ['march']);
    const outcome = await handleFormPost(
      post('/share-a-story/', { title: 'Tea party', story: 'We had tea.', area: 'march', photo: new File([], '', { type: 'application/octet-stream' }), consent: 'yes', name: 'Sam Example', email: 'sam@example.org' }),
      schema,
      async (answers, key) => submit(await getStore(), storySubmission(answers, key, { t, settings }, groups)),
      { checks: storySubmissionChecks(t) },
    );
    expect((await stored(outcome)).submission.attachments).toEqual([]);
  });
});
