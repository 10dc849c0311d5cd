import { z } from 'astro/zod';
import { answer, type CrossCheck } from '../../forms/answers';
import type { Translate } from '../../i18n';

/** How many photos a project may send with its feedback. */
export const feedbackPhotoCount = 2;

/**
 * A funded project's report back through its private link: what it achieved and how many people it
 * reached (both for the council's KPI report), a story it may let the hub publish, and up to two
 * photos (JPEG or PNG, checked by their content), each with words for people who cannot see it.
 */
export function feedbackSchema(t: Translate) {
  const photo = () => answer.file({
    types: ['jpeg', 'png'],
    messages: {
      empty: t('feedback.photo.empty'),
      tooLarge: t('feedback.photo.tooLarge'),
      wrongType: t('feedback.photo.wrongType'),
      chooseAgain: t('feedback.photo.chooseAgain'),
    },
  });
  const photoAlt = () => answer.optionalText(250, t('feedback.photoAlt.tooLong'));
  return z.object({
    outputs: answer.text(t('feedback.outputs.missing'), 5000, t('feedback.outputs.tooLong')).describe('What the project achieved'),
    peopleReached: z.string({ required_error: t('feedback.peopleReached.missing') }).trim().regex(/^\d{1,7}$/, t('feedback.peopleReached.missing'))
      .transform(Number).describe('How many people it reached, a whole number'),
    story: answer.optionalText(5000, t('feedback.story.tooLong')).describe('A story of the project, in their own words'),
    shareStory: z.literal('yes').optional().describe('The hub may publish the story and photos'),
    photo1: photo().describe('A photo, JPEG or PNG, at most 5 MB'),
    photo1Alt: photoAlt().describe('What the first photo shows'),
    photo2: photo().describe('Another photo, JPEG or PNG, at most 5 MB'),
    photo2Alt: photoAlt().describe('What the second photo shows'),
  });
}

export type FeedbackForm = z.infer<ReturnType<typeof feedbackSchema>>;

/** A photo needs words for people who cannot see it. */
export function feedbackChecks(t: Translate): CrossCheck {
  return (fields) =>
    [1, 2].flatMap((number) => {
      const alt = fields[`photo${number}Alt`];
      return typeof fields[`photo${number}`] === 'object' && fields[`photo${number}`] !== null && !(typeof alt === 'string' && alt.trim() !== '')
        ? [{ field: `photo${number}Alt`, message: t('feedback.photoAlt.missing') }]
        : [];
    });
}
