import { z } from 'astro/zod';
import { answer, type CrossCheck } from '../../forms/answers';
import type { Translate } from '../../i18n';

/** A group, club or service (content/groups) or a place or resource (content/assets). */
export const newListingKinds = ['group', 'asset'] as const;

/** Where a listing's public contact details are asked; at least one of them is needed. */
export const publicContactFields = ['publicEmail', 'publicPhone', 'publicWebsite'] as const;

/**
 * A group, service or place to add to the directory. Areas and categories are content ids and the
 * bounds are the content schemas' own (groupSchema, assetSchema), so staff can turn the answers into
 * a content file. The sender's own name and email are for staff only, never published.
 */
export function newListingSchema(t: Translate, areaIds: readonly string[], categoryIds: readonly string[]) {
  return z.object({
    kind: answer.choice(newListingKinds, t('addListing.kind.missing')).describe('A group or service, or a place'),
    name: answer.text(t('addListing.name.missing'), 100, t('addListing.name.tooLong')).min(2, t('addListing.name.tooShort')).describe('Its name'),
    summary: answer.text(t('addListing.summary.missing'), 300, t('addListing.summary.tooLong')).min(10, t('addListing.summary.tooShort'))
      .describe('What it does and for whom (the listing summary: 10 to 300 characters)'),
    area: answer.choice(areaIds, t('addListing.area.missing')).describe('The town or village it is in or serves'),
    categories: answer.choices(categoryIds, t('addListing.categories.missing'), t('addListing.categories.missing')).describe('What it helps with'),
    when: answer.optionalText(500, t('addListing.when.tooLong')).describe('When it meets or opens'),
    where: answer.optionalText(300, t('addListing.where.tooLong')).describe('Where it meets or is: a venue or address'),
    publicEmail: answer.optionalEmail(t('addListing.publicEmail.invalid')).describe('Email address for the public'),
    publicPhone: answer.optionalPhone(t('form.phone.invalid')).describe('Phone number for the public'),
    publicWebsite: answer.optionalWebsite(t('addListing.publicWebsite.invalid')).describe('Website for the public'),
    senderName: answer.text(t('form.name.missing'), 100, t('form.name.tooLong')).describe('Who sent it (not published)'),
    senderEmail: answer.email(t('form.email.missing'), t('form.email.invalid')).describe('Where to reach the sender (not published)'),
    agreed: answer.confirmed(t('addListing.agreed.missing')).describe('The group or place agrees to be listed'),
  });
}

/** A listing people cannot contact is no use: at least one public contact detail. */
export function newListingChecks(t: Translate): CrossCheck {
  return (fields) =>
    publicContactFields.some((field) => typeof fields[field] === 'string' && fields[field].trim() !== '')
      ? []
      : [{ field: 'publicEmail', message: t('addListing.contact.missing') }];
}
