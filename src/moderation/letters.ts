/** The emails that close the loop with a sender: their entry is live, or why it will not be. Pure. */
import type { Translate } from '../i18n';
import type { OutboxMessage } from '../store/outbox';
import { senderEmail } from '../staff/moderation';

interface Wording {
  t: Translate;
  siteName: string;
}

/** To the sender of an approved item, once the entry is on the live site at `pageUrl`; none if they gave no address. */
export function publishedEmail(kind: string, answers: Record<string, unknown>, reference: string, pageUrl: string, { t, siteName }: Wording): OutboxMessage[] {
  const to = senderEmail(kind, answers);
  if (!to) return [];
  return [{
    purpose: 'moderation-outcome',
    to,
    subject: t('moderation.published.subject', { siteName, reference }),
    text: t(`moderation.published.body.${kind as 'story'}`, { reference, pageUrl, siteName }),
  }];
}

/** To the sender of a rejected item, with the officer's note saying why; none if they gave no address. */
export function rejectedEmail(kind: string, answers: Record<string, unknown>, reference: string, note: string, { t, siteName }: Wording): OutboxMessage[] {
  const to = senderEmail(kind, answers);
  if (!to || kind === 'enquiry') return [];
  return [{
    purpose: 'moderation-outcome',
    to,
    subject: t('moderation.rejected.subject', { siteName, reference }),
    text: t('moderation.rejected.body', { reference, note, siteName }),
  }];
}
