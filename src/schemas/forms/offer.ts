import { z } from 'astro/zod';
import { answer } from '../../forms/answers';
import type { Translate } from '../../i18n';

/**
 * A funded group accepting its offer through the private link: who accepts, their role in the group,
 * and a box ticked to accept the grant and its conditions on the group's behalf.
 */
export function offerSchema(t: Translate) {
  return z.object({
    name: answer.text(t('offer.name.missing'), 100, t('offer.name.tooLong')).describe('The full name of the person accepting'),
    role: answer.text(t('offer.role.missing'), 100, t('offer.role.tooLong')).describe('Their role in the group, e.g. chair or treasurer'),
    confirm: answer.confirmed(t('offer.confirm.missing')).describe('They accept the grant and its conditions on behalf of the group'),
  });
}

export type OfferForm = z.infer<ReturnType<typeof offerSchema>>;
