import { z } from 'astro/zod';
import { answer, type CrossCheck } from '../../forms/answers';
import type { Translate } from '../../i18n';

/**
 * A community story sent in by a resident, with an optional photo (JPEG or PNG, checked by its
 * content) that must then have alt text. Staff edit it into content/stories before it is published.
 */
export function storySubmissionSchema(t: Translate, areaIds: readonly string[]) {
  return z.object({
    title: answer.text(t('shareStory.title.missing'), 120, t('shareStory.title.tooLong')).min(2, t('shareStory.title.missing')).describe('Headline'),
    story: answer.text(t('shareStory.story.missing'), 10_000, t('shareStory.story.tooLong')).describe('The story'),
    area: answer.choice(areaIds, t('shareStory.area.missing')).describe('The town or village it happened in'),
    groups: answer.optionalText(500, t('shareStory.groups.tooLong')).describe('Groups it is about, by name'),
    photo: answer.file({
      types: ['jpeg', 'png'],
      messages: {
        empty: t('shareStory.photo.empty'),
        tooLarge: t('shareStory.photo.tooLarge'),
        wrongType: t('shareStory.photo.wrongType'),
        chooseAgain: t('shareStory.photo.chooseAgain'),
      },
    }).describe('A photo, JPEG or PNG, at most 5 MB'),
    photoAlt: answer.optionalText(250, t('shareStory.photoAlt.tooLong')).describe('What the photo shows, for people who cannot see it'),
    consent: answer.confirmed(t('shareStory.consent.missing')).describe('Agrees to the story being published'),
    name: answer.text(t('form.name.missing'), 100, t('form.name.tooLong')).describe('Who sent it'),
    email: answer.email(t('form.email.missing'), t('form.email.invalid')).describe('Where to reach them about it'),
  });
}

/** A photo needs words for people who cannot see it. */
export function storySubmissionChecks(t: Translate): CrossCheck {
  return (fields) =>
    typeof fields.photo === 'object' && fields.photo !== null && !(typeof fields.photoAlt === 'string' && fields.photoAlt.trim() !== '')
      ? [{ field: 'photoAlt', message: t('shareStory.photoAlt.missing') }]
      : [];
}

/**
 * The ids of the groups `text` names, one per line or separated by commas, matched on their names
 * ignoring case (a whole line first, since a name can hold a comma); other names are left for staff.
 */
export function groupIdsNamed(text: string | undefined, groups: readonly { id: string; name: string }[]): string[] {
  const key = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');
  const byName = new Map(groups.map((group) => [key(group.name), group.id]));
  const ids = (text ?? '').split('\n').flatMap((line) => (byName.has(key(line)) ? [byName.get(key(line))] : line.split(',').map((name) => byName.get(key(name)))));
  return [...new Set(ids.filter((id): id is string => id !== undefined))];
}
