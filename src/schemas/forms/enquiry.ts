import { z } from 'astro/zod';
import { answer } from '../../forms/answers';
import type { Translate } from '../../i18n';

/** A question to the fund team, from anyone, about any fund or funding in general. */
export function enquirySchema(t: Translate, fundIds: string[]) {
  return z.object({
    name: answer.text(t('form.name.missing'), 100, t('form.name.tooLong')).describe('Who is asking'),
    email: answer.email(t('form.email.missing'), t('form.email.invalid')).describe('Where the answer goes'),
    phone: answer.optionalPhone(t('form.phone.invalid')).describe('A phone number, if they would rather talk'),
    fund: z.enum(['', ...fundIds] as [string, ...string[]], { errorMap: () => ({ message: t('enquiry.fund.invalid') }) }).optional()
      .transform((fund) => fund || undefined).describe('The fund it is about, if any'),
    question: answer.text(t('enquiry.question.missing'), 3000, t('enquiry.question.tooLong')).describe('The question'),
  });
}
