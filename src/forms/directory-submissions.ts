/**
 * What the directory's public forms (and What's on's) keep: the submission each makes from its checked answers, with
 * its area, files and emails. Pure, so the pages and the integration tests build the same record.
 */
import type { z } from 'astro/zod';
import type { Translate } from '../i18n';
import type { newListingSchema } from '../schemas/forms/new-listing';
import { groupIdsNamed, type storySubmissionSchema } from '../schemas/forms/story';
import type { suggestedEditSchema } from '../schemas/forms/suggested-edit';
import { keptWhatsOnAnswers } from '../schemas/forms/whats-on';
import type { NewSubmission } from '../store/submissions';
import { withoutFiles } from './handle';
import { confirmation, staffAlert } from './notifications';

interface Context {
  t: Translate;
  settings: { siteName: string; contact: { email: string } };
}

/** A suggested edit: the listing's area when it came from a listing, and a confirmation only if they gave an email. */
export function suggestedEditSubmission(answers: z.infer<ReturnType<typeof suggestedEditSchema>>, key: string, { t, settings }: Context, areaId?: string): NewSubmission {
  return {
    idempotencyKey: key,
    kind: 'suggested-edit',
    areaId,
    answers,
    notifications: (reference) => [
      ...(answers.email ? [confirmation(answers.email, `${t('suggestEdit.sent')}: ${reference}`, `${t('form.reference')} ${reference}.\n\n${t('suggestEdit.next')}`)] : []),
      staffAlert(settings, t('suggestEdit.title'), reference),
    ],
  };
}

/** A new listing, filed under its area. */
export function newListingSubmission(answers: z.infer<ReturnType<typeof newListingSchema>>, key: string, { t, settings }: Context): NewSubmission {
  return {
    idempotencyKey: key,
    kind: 'new-listing',
    areaId: answers.area,
    answers,
    notifications: (reference) => [
      confirmation(answers.senderEmail, `${t('addListing.sent')}: ${reference}`, `${t('form.reference')} ${reference}.\n\n${t('addListing.next')}`),
      staffAlert(settings, t('addListing.title'), reference),
    ],
  };
}

/** A story: its photo as an attachment, and the listed groups it names by id so staff can link them. */
export function storySubmission(
  answers: z.infer<ReturnType<typeof storySubmissionSchema>>,
  key: string,
  { t, settings }: Context,
  groups: readonly { id: string; name: string }[],
): NewSubmission {
  const { answers: kept, attachments } = withoutFiles(answers);
  return {
    idempotencyKey: key,
    kind: 'story',
    areaId: answers.area,
    answers: { ...kept, groupIds: groupIdsNamed(answers.groups, groups) },
    attachments,
    notifications: (reference) => [
      confirmation(answers.email, `${t('shareStory.sent')}: ${reference}`, `${t('form.reference')} ${reference}.\n\n${t('shareStory.next')}`),
      staffAlert(settings, t('shareStory.title'), reference),
    ],
  };
}

/** An event or training course, or a volunteering role, for What's on: its date boxes kept as one day each, filed under its first area. */
export function whatsOnSubmission(
  kind: 'event' | 'volunteering',
  answers: Record<string, unknown> & { areas: string[]; senderEmail: string },
  key: string,
  { t, settings }: Context,
): NewSubmission {
  const form = kind === 'event' ? 'whatsOnForm' : 'volunteerForm';
  return {
    idempotencyKey: key,
    kind,
    areaId: answers.areas[0],
    answers: keptWhatsOnAnswers(answers),
    notifications: (reference) => [
      confirmation(answers.senderEmail, `${t(`${form}.sent`)}: ${reference}`, `${t('form.reference')} ${reference}.\n\n${t(`${form}.next`)}`),
      staffAlert(settings, t(`${form}.title`), reference),
    ],
  };
}
