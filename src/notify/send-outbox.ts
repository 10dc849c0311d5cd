/**
 * Delivers the outbox by SMTP. Each due message is claimed (so several servers never send it twice
 * at once), sent, and marked sent; a failure counts the attempt, keeps the error and waits longer
 * before each retry, up to MAIL_MAX_ATTEMPTS, after which the message stays in the outbox for staff.
 * Logs name messages by id only: addresses and texts are personal data. Server-only.
 */
import nodemailer from 'nodemailer';
import type { Database } from '../store/database';
import { claimDueMessages, markFailed, markSent } from '../store/outbox';
import { currentTime } from '../rules/clock';

/** What sending a message needs from a mail transport; nodemailer's SMTP transport is one. */
export interface MailTransport {
  sendMail(mail: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
  close(): void;
}

export interface SendOptions {
  /** The sender shown on every email (MAIL_FROM). */
  from: string;
  maxAttempts: number;
  now?: Date;
  /** How many messages one round sends at most. */
  batchSize?: number;
}

const firstRetryMilliseconds = 60_000;
const longestWaitMilliseconds = 6 * 60 * 60_000;
// Long enough for a slow mail server; after it another server may take the message over.
const claimMilliseconds = 5 * 60_000;

/** How long to wait after the `attempts`-th failed attempt: 1 minute, doubling each time, at most 6 hours. */
export function retryDelay(attempts: number): number {
  return Math.min(firstRetryMilliseconds * 2 ** Math.max(0, attempts - 1), longestWaitMilliseconds);
}

/** Sends every message that is due; returns how many were sent and how many failed this time. */
export async function sendDueMessages(
  db: Database,
  transport: MailTransport,
  { from, maxAttempts, now = currentTime(), batchSize = 50 }: SendOptions,
): Promise<{ sent: number; failed: number }> {
  const due = await claimDueMessages(db, {
    now,
    lockedUntil: new Date(now.getTime() + claimMilliseconds),
    maxAttempts,
    limit: batchSize,
  });
  let sent = 0;
  let failed = 0;
  for (const message of due) {
    try {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
      await markSent(db, message.id, now);
      sent++;
    } catch (error) {
      const attempts = message.attempts + 1;
      await markFailed(db, message.id, describeError(error), new Date(now.getTime() + retryDelay(attempts)));
      console.warn(`Email ${message.id} not sent (attempt ${attempts} of ${maxAttempts}): ${errorCode(error)}`);
      failed++;
    }
  }
  return { sent, failed };
}

export function createMailTransport(smtpUrl: string): MailTransport {
  return nodemailer.createTransport(smtpUrl);
}

export interface OutboxSender {
  /** Sends what is due now (after a submission, say) without waiting for the next round. */
  sendNow(): Promise<void>;
  stop(): Promise<void>;
}

/** Sends the outbox every `intervalMilliseconds` until stopped; rounds never overlap. */
export function startOutboxSender(
  db: Database,
  transport: MailTransport,
  { intervalMilliseconds = 30_000, ...options }: Omit<SendOptions, 'now'> & { intervalMilliseconds?: number },
): OutboxSender {
  let running: Promise<void> | undefined;
  const sendNow = () => {
    running ??= sendDueMessages(db, transport, options)
      .then(() => undefined)
      .catch((error: unknown) => console.error(`Sending the outbox failed: ${errorCode(error)}`))
      .finally(() => (running = undefined));
    return running;
  };
  const timer = setInterval(() => void sendNow(), intervalMilliseconds);
  timer.unref(); // the sender alone must not keep the process alive
  return {
    sendNow,
    async stop() {
      clearInterval(timer);
      await running;
      transport.close();
    },
  };
}

/** The error as the mail server or network gave it, kept in the outbox for staff. */
function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A short label for logs with no address in it: nodemailer's error code and the SMTP reply code. */
function errorCode(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  const details = error as Error & { code?: string; responseCode?: number };
  return [details.code, details.responseCode].filter(Boolean).join(' ') || error.name;
}
