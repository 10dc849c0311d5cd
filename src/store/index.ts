/**
 * The form store for the whole server process: opened on first use from the environment (PGlite in
 * DATA_DIR, or PostgreSQL at DATABASE_URL), brought up to date by the migrations once, and, when
 * SMTP_URL is set, delivering the outbox in the background. Server-only: never import it from
 * `src/scripts/` or anything else that reaches the browser.
 */
import { createMailTransport, startOutboxSender, type OutboxSender } from '../notify/send-outbox';
import { readStoreConfig, type StoreConfig } from './config';
import { openDatabase, type Database, type DatabaseLocation } from './database';
import { purgeExpiredDrafts } from './drafts';
import { migrate } from './migrate';
import { purgeOldPostCounts } from './rate-limit';
import { purgeRetainedPersonalData, type RetentionPurge } from './retention';
import { purgeStaffHousekeeping } from './staff';
import { currentTime } from '../rules/clock';

/** The database with the hub's tables in it, up to date. */
export type Store = Database;

/** Opens a database and runs any migrations it has not had yet. */
export async function openStore(location: DatabaseLocation): Promise<Store> {
  const db = await openDatabase(location);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** Where the environment says the database is: PostgreSQL if DATABASE_URL is set, else PGlite in DATA_DIR. */
export function storeLocation(config: StoreConfig): DatabaseLocation {
  return config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir };
}

/**
 * Deletes what is no longer needed: expired drafts, the post counts of past minutes, ended staff
 * sessions and old sign-in attempts, and personal data past its retention time (RETENTION_MONTHS).
 */
export async function purgeExpired(store: Store, now = currentTime()): Promise<{ drafts: number; postCounts: number; retention: RetentionPurge }> {
  const purged = { drafts: await purgeExpiredDrafts(store, now), postCounts: await purgeOldPostCounts(store, now) };
  await purgeStaffHousekeeping(store, now);
  return { ...purged, retention: await purgeRetainedPersonalData(store, now) };
}

interface Running {
  store: Store;
  sender?: OutboxSender;
  housekeeping: NodeJS.Timeout;
  /** The purge under way, if any, so closing waits for it rather than cutting it off. */
  purging: () => Promise<void>;
}

/**
 * The running store lives on `globalThis`, not in this module: after a publish the server loads the new
 * release's bundle beside the old one (server/serve.mjs), and both must share one database connection,
 * one outbox sender and one housekeeping timer (PGlite allows one open instance per folder).
 */
const runningKey = Symbol.for('community-hub.store');
const processWide = globalThis as typeof globalThis & { [runningKey]?: Promise<Running> };

const housekeepingMilliseconds = 60 * 60_000;

/** The process's store, opened and migrated on the first call; later calls share it. */
export async function getStore(): Promise<Store> {
  const running = (processWide[runningKey] ??= start().catch((error: unknown) => {
    processWide[runningKey] = undefined; // let the next request try again, e.g. once the database server is up
    throw error;
  }));
  return (await running).store;
}

/** After a submission: deliver its emails now rather than at the next round (no-op without SMTP_URL). */
export async function sendOutboxNow(): Promise<void> {
  await (await processWide[runningKey])?.sender?.sendNow();
}

/** Stops the background work and closes the database, for a clean shutdown or the end of a test. */
export async function closeStore(): Promise<void> {
  const current = processWide[runningKey];
  processWide[runningKey] = undefined;
  if (!current) return;
  const { store, sender, housekeeping, purging } = await current;
  clearInterval(housekeeping);
  await purging();
  await sender?.stop();
  await store.close();
}

async function start(): Promise<Running> {
  const config = readStoreConfig();
  const store = await openStore(storeLocation(config));
  const sender = config.smtpUrl
    ? startOutboxSender(store, createMailTransport(config.smtpUrl), { from: config.mailFrom, maxAttempts: config.mailMaxAttempts })
    : undefined;
  let purging: Promise<void> = Promise.resolve();
  const purge = () => {
    purging = purgeExpired(store).then(
      () => undefined,
      (error: unknown) => console.error(`Purging expired data failed: ${String(error)}`),
    );
  };
  // Once at start (a server restarted daily still purges), then every hour: retention is checked far more often than daily.
  purge();
  const housekeeping = setInterval(purge, housekeepingMilliseconds);
  housekeeping.unref();
  return { store, sender, housekeeping, purging: () => purging };
}
