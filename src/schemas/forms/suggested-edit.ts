import { z } from 'astro/zod';
import { answer } from '../../forms/answers';
import type { Translate } from '../../i18n';

/** The parts of a listing a resident can say are wrong (labels in i18n, `suggestEdit.section.*`). */
export const listingSections = ['name', 'description', 'times', 'place', 'contact', 'cost', 'accessibility', 'closed', 'other'] as const;
export type ListingSection = (typeof listingSections)[number];

/**
 * A correction to a listing, from anyone. `listing` is the content id (`groups/<id>` or
 * `assets/<id>`) the form was opened for, carried in a hidden field so staff can show the edit
 * beside the listing; without one, the sender names the listing.
 */
export function suggestedEditSchema(t: Translate, listing?: string) {
  // A hidden field that no longer matches the page it was posted to: the form was tampered with or is stale.
  const changed = { errorMap: () => ({ message: t('suggestEdit.listing.changed') }) };
  return z.object({
    listing: (listing ? z.literal(listing, changed) : z.undefined(changed)).describe('The listing, as groups/<id> or assets/<id>'),
    listingName: (listing ? z.undefined(changed) : answer.text(t('suggestEdit.listingName.missing'), 200, t('suggestEdit.listingName.tooLong')))
      .describe('Which listing, in the sender’s words, when the form was not opened from one'),
    problems: answer.choices(listingSections, t('suggestEdit.problems.missing'), t('suggestEdit.problems.missing')).describe('What is wrong'),
    correction: answer.text(t('suggestEdit.correction.missing'), 3000, t('suggestEdit.correction.tooLong')).describe('What it should say'),
    name: answer.optionalText(100, t('form.name.tooLong')).describe('Who suggested it, if they say'),
    email: answer.optionalEmail(t('form.email.invalid')).describe('Where to reply, if they want a reply'),
  });
}
