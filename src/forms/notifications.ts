/** The emails a submission queues: a confirmation to the sender and an alert to the hub team. */
import type { OutboxMessage } from '../store/outbox';

interface Settings {
  siteName: string;
  contact: { email: string };
}

/** To the person who sent the form: their reference and what happens next. */
export function confirmation(to: string, subject: string, text: string): OutboxMessage {
  return { purpose: 'applicant-confirmation', to, subject, text };
}

/** To the hub team: something new to look at, by reference only (the answers stay in the database). */
export function staffAlert(settings: Settings, subject: string, reference: string): OutboxMessage {
  return { purpose: 'staff-alert', to: settings.contact.email, subject: `${settings.siteName}: ${subject}`, text: `${subject}\nReference: ${reference}\n\nOpen the staff console to read it.` };
}
