/**
 * The server's settings for the form store, read from environment variables. Every variable and its
 * default is here and nowhere else; docs/configuration.md lists the same names.
 */
import { z } from 'astro/zod';

const positiveInteger = () => z.coerce.number().int().min(1);

export const storeEnvironmentSchema = z.object({
  DATA_DIR: z.string().min(1).default('./data').describe('Folder for the embedded database (PGlite); created on first start'),
  DATABASE_URL: z.string().url().optional().describe('A PostgreSQL server to use instead of the embedded database'),
  SMTP_URL: z.string().url().optional().describe('Mail server for notifications, e.g. smtps://user:password@mail.example.org'),
  MAIL_FROM: z.string().min(3).default('Community Hub <no-reply@example.org>').describe('Sender of notification emails'),
  DRAFT_DAYS: positiveInteger().default(30).describe('Days a saved draft is kept after it was last saved'),
  RETENTION_MONTHS: positiveInteger().default(12).describe("Months after an application's decision (or a moderated submission's last handling) when its personal data is erased"),
  POSTS_PER_MINUTE: positiveInteger().default(10).describe('Form posts allowed from one client in a minute; more are refused with 429'),
  MAIL_MAX_ATTEMPTS: positiveInteger().default(8).describe('Delivery attempts for one email before it is left for staff to see'),
});

export type StoreConfig = ReturnType<typeof readStoreConfig>;

/** The settings from `env`, with defaults for what is not set; throws naming the variable that is wrong. */
export function readStoreConfig(env: Record<string, string | undefined> = process.env) {
  // An empty variable (`DATABASE_URL=`) means "not set", as shells and .env files usually intend.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = storeEnvironmentSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment: ${problems.join('; ')}`);
  }
  const settings = parsed.data;
  return {
    dataDir: settings.DATA_DIR,
    databaseUrl: settings.DATABASE_URL,
    smtpUrl: settings.SMTP_URL,
    mailFrom: settings.MAIL_FROM,
    draftDays: settings.DRAFT_DAYS,
    retentionMonths: settings.RETENTION_MONTHS,
    postsPerMinute: settings.POSTS_PER_MINUTE,
    mailMaxAttempts: settings.MAIL_MAX_ATTEMPTS,
  };
}

/** The site's address for links in emails: the build's `site`, as the Astro config sets it from SITE_URL. */
export function siteUrl(): string {
  return import.meta.env?.SITE ?? process.env.SITE_URL ?? 'http://localhost:4321';
}
