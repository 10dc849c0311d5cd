/** The rules of the public forms: suggest an edit, add a listing, share a story; and the form machinery's file answers. */
import { describe, expect, it } from 'vitest';
import { fieldsOf, fileQuestionsOf, readAnswers } from '../../src/forms/answers';
import { checkAttachment, type CheckedAttachment } from '../../src/forms/file-type';
import { sameSubmissionKey, withoutFiles } from '../../src/forms/handle';
import { translator } from '../../src/i18n';
import { groupSchema } from '../../src/schemas/group';
import { newListingChecks, newListingSchema } from '../../src/schemas/forms/new-listing';
import { groupIdsNamed, storySubmissionChecks, storySubmissionSchema } from '../../src/schemas/forms/story';
import { suggestedEditSchema } from '../../src/schemas/forms/suggested-edit';
import { samplePng } from '../support/sample-files';

const t = translator('en');
const messages = (result: ReturnType<typeof readAnswers>) => (result.ok ? [] : result.errors.map((error) => `${error.field}: ${error.message}`));

function photo(content = samplePng()): CheckedAttachment {
  const check = checkAttachment('garden.png', content);
  if (!check.ok) throw new Error(check.problem);
  return check.attachment;
}

describe('suggesting an edit', () => {
  const fromListing = suggestedEditSchema(t, 'groups/march-mens-shed');
  const onItsOwn = suggestedEditSchema(t);

  it('keeps the listing’s content id, what is wrong and the correction, with no name or email needed', () => {
    const result = readAnswers(fromListing, { listing: 'groups/march-mens-shed', problems: ['times', 'cost'], correction: ' Now Thursdays. ', name: '', email: '' });
    expect(result).toEqual({ ok: true, data: { listing: 'groups/march-mens-shed', problems: ['times', 'cost'], correction: 'Now Thursdays.' } });
  });

  it('refuses a listing other than the one the page was opened for', () => {
    expect(messages(readAnswers(fromListing, { listing: 'groups/someone-else', problems: ['name'], correction: 'x' }))).toEqual([`listing: ${t('suggestEdit.listing.changed')}`]);
  });

  it('asks which listing when the form was not opened from one', () => {
    expect(messages(readAnswers(onItsOwn, { problems: ['closed'], correction: 'It closed in May.' }))).toEqual([`listingName: ${t('suggestEdit.listingName.missing')}`]);
    expect(readAnswers(onItsOwn, { listingName: 'March Library', problems: ['closed'], correction: 'It closed in May.' }).ok).toBe(true);
  });

  it('needs at least one known section, the correction, and a real email if one is given', () => {
    expect(messages(readAnswers(onItsOwn, { listingName: 'March Library', problems: ['the-colour'], email: 'sam@' }))).toEqual([
      `problems: ${t('suggestEdit.problems.missing')}`,
      `correction: ${t('suggestEdit.correction.missing')}`,
      `email: ${t('form.email.invalid')}`,
    ]);
  });
});

describe('adding a listing', () => {
  const schema = newListingSchema(t, ['march', 'wisbech'], ['company-and-friendship', 'getting-around']);
  const checks = newListingChecks(t);
  const answers = {
    kind: 'group', name: 'Knit and Natter', summary: 'A friendly knitting group for anyone.', area: 'march', categories: ['company-and-friendship'],
    publicWebsite: 'knitandnatter.example.org', senderName: 'Alex Example', senderEmail: 'alex@example.org', agreed: 'yes',
  };

  it('accepts a listing with one way to get in touch, giving a bare website its https://', () => {
    const result = readAnswers(schema, answers, checks);
    expect(result.ok && result.data.publicWebsite).toBe('https://knitandnatter.example.org');
  });

  it('answers that would make a valid group content file, once staff add the review date', () => {
    const result = readAnswers(schema, answers, checks);
    if (!result.ok) throw new Error('expected valid answers');
    const { data } = result;
    const group = groupSchema.safeParse({ name: data.name, summary: data.summary, categories: data.categories, areas: [data.area], contact: { website: data.publicWebsite }, lastReviewed: '2026-11-24' });
    expect(group.success).toBe(true);
  });

  it('needs at least one public contact detail, shown on the email question', () => {
    expect(messages(readAnswers(schema, { ...answers, publicWebsite: ' ' }, checks))).toEqual([`publicEmail: ${t('addListing.contact.missing')}`]);
  });

  it('refuses areas and categories that are not in the content, and websites that are not web addresses', () => {
    expect(messages(readAnswers(schema, { ...answers, area: 'atlantis', categories: ['treasure'], publicWebsite: 'javascript:alert(1)' }, checks))).toEqual([
      `area: ${t('addListing.area.missing')}`,
      `categories: ${t('addListing.categories.missing')}`,
      `publicWebsite: ${t('addListing.publicWebsite.invalid')}`,
    ]);
  });

  it('lists every problem at once, in the order of the questions, including the contact rule', () => {
    expect(messages(readAnswers(schema, { name: 'K', summary: 'Short' }, checks)).map((line) => line.split(':')[0])).toEqual([
      'kind', 'name', 'summary', 'area', 'categories', 'publicEmail', 'senderName', 'senderEmail', 'agreed',
    ]);
  });

  it('keeps the summary within the content model’s 300 characters', () => {
    expect(messages(readAnswers(schema, { ...answers, summary: 'x'.repeat(301) }, checks))).toEqual([`summary: ${t('addListing.summary.tooLong')}`]);
  });
});

describe('sharing a story', () => {
  const schema = storySubmissionSchema(t, ['march']);
  const checks = storySubmissionChecks(t);
  const story = { title: 'Planting day', story: 'We planted bulbs.', area: 'march', consent: 'yes', name: 'Sam Example', email: 'sam@example.org' };

  it('asks for one file, a JPEG or PNG', () => {
    expect([...fileQuestionsOf(schema)].map(([field, question]) => [field, question.types])).toEqual([['photo', ['jpeg', 'png']]]);
  });

  it('needs no photo, and then no description of one', () => {
    expect(readAnswers(schema, story, checks).ok).toBe(true);
  });

  it('needs a description of the photo when there is one, and says the photo must be chosen again', () => {
    expect(messages(readAnswers(schema, { ...story, photo: photo(), photoAlt: '  ' }, checks))).toEqual([`photoAlt: ${t('shareStory.photoAlt.missing')}`]);
    expect(t('shareStory.photoAlt.missing')).toContain('choose the photo again');
  });

  it('takes a checked photo with its description', () => {
    const result = readAnswers(schema, { ...story, photo: photo(), photoAlt: 'Volunteers planting bulbs' }, checks);
    expect(result.ok && result.data.photo?.fileType).toBe('png');
  });

  it('cannot be handed a photo as text: only the form handler gives it a checked file', () => {
    const form = new FormData();
    form.set('title', 'Planting day');
    form.set('photo', 'garden.png');
    expect(fieldsOf(form, schema)).toEqual({ title: 'Planting day' });
    expect(messages(readAnswers(schema, { ...story, photo: 'garden.png' }, checks))).toEqual([`photo: ${t('shareStory.photo.wrongType')}`]);
  });

  it('needs consent to publish', () => {
    expect(messages(readAnswers(schema, { ...story, consent: undefined }, checks))).toEqual([`consent: ${t('shareStory.consent.missing')}`]);
  });

  it('finds the groups named, one a line or by commas, ignoring case, and leaves unknown names for staff', () => {
    const groups = [{ id: 'march-mens-shed', name: "March Men's Shed" }, { id: 'tea-and-toast', name: 'Tea, Toast and Chat' }, { id: 'choir', name: 'Sing Chatteris' }];
    expect(groupIdsNamed("march men's shed, Sing Chatteris\nTea, Toast and Chat\nThe Knitting Circle", groups)).toEqual(['march-mens-shed', 'choir', 'tea-and-toast']);
    expect(groupIdsNamed(undefined, groups)).toEqual([]);
  });
});

describe('files in the answers', () => {
  it('are kept as attachments, leaving their name, type and size in the answers', () => {
    const file = photo();
    expect(withoutFiles({ title: 'Planting day', photo: file, photoAlt: undefined })).toEqual({
      answers: { title: 'Planting day', photo: { fileName: 'garden.png', fileType: 'png', sizeBytes: file.content.length }, photoAlt: undefined },
      attachments: [file],
    });
  });

  it('count by content for “the same answers”: the same photo again is the same submission, another photo is not', () => {
    const request = new Request('http://localhost/share-a-story/');
    const key = (file: CheckedAttachment) => sameSubmissionKey(request, { title: 'Planting day', photo: file });
    expect(key(photo())).toBe(key(photo()));
    const other = samplePng();
    other[other.length - 1] ^= 1;
    expect(key(photo(other))).not.toBe(key(photo()));
  });
});
