/**
 * What a staff member sees when a code they typed (at sign-in, setting up an app, or confirming a change)
 * is refused: the error for the code field, and the status to answer with. Request glue for the
 * second factor's pages and `/staff/sign-in/code/`.
 */
import type { FieldError } from '../../../forms/answers';
import type { Translate } from '../../../i18n';

export function codeError(t: Translate, refused: { reason: 'wrong' } | { reason: 'throttled'; until: Date }): { errors: FieldError[]; status: number } {
  if (refused.reason === 'wrong') return { errors: [{ field: 'code', message: t('staff.signIn.code.wrong') }], status: 200 };
  const time = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'Europe/London' }).format(refused.until);
  return { errors: [{ field: 'code', message: t('staff.signIn.throttled', { time }) }], status: 429 };
}
