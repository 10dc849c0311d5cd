/**
 * The one clock: the server, the build and the tests take "now" from here, so a test can set the day.
 * HUB_TODAY=YYYY-MM-DD starts the clock at noon UTC that day (the same UK day in summer and winter)
 * and lets it run on from there; it is honoured only in tests (NODE_ENV=test, which vitest sets, or
 * HUB_TEST=1, which the test servers and `npm test`'s build get) and refused anywhere else, so a live
 * site can never be put on another day. In the browser there is no HUB_TODAY: the reader's clock.
 */

const startedAt = Date.now();

/** The moment HUB_TODAY starts the clock at, or undefined for the real clock; throws when it may not be used. */
export function testDayStart(env: Record<string, string | undefined> | undefined): number | undefined {
  const day = env?.HUB_TODAY;
  if (!day) return undefined;
  if (env.NODE_ENV !== 'test' && env.HUB_TEST !== '1') {
    throw new Error('HUB_TODAY is for tests only: it needs NODE_ENV=test or HUB_TEST=1, and is never honoured in production');
  }
  const start = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T12:00:00Z`) : Number.NaN;
  if (Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== day) throw new Error(`HUB_TODAY must be a day as YYYY-MM-DD, not "${day}"`);
  return start;
}

const environment = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env;
const dayStart = testDayStart(environment);

/** Now: the real time, or HUB_TODAY's noon plus the time since this process started. */
export function currentTime(): Date {
  return dayStart === undefined ? new Date() : new Date(dayStart + (Date.now() - startedAt));
}
