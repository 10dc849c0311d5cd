/**
 * The bound on password checks running at once, for the whole server process: a few run, a few wait,
 * and one more is turned away at once (the caller answers 429 with Retry-After) rather than queueing
 * behind a flood. The queue lives on `globalThis` so every release loaded by the server shares it.
 * Server-only.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import { passwordChecksAtOnce, passwordChecksWaiting } from './policy';

const queueKey = Symbol.for('community-hub.password-checks');
const processWide = globalThis as typeof globalThis & { [queueKey]?: LimitFunction };

const queue = (): LimitFunction => (processWide[queueKey] ??= pLimit(passwordChecksAtOnce));

/** Whether every place is taken: a sign-in is then told at once to try again, before it costs even a database query. */
export function passwordChecksFull(): boolean {
  const limit = queue();
  return limit.activeCount + limit.pendingCount >= passwordChecksAtOnce + passwordChecksWaiting;
}

/** Runs `check` when a place is free; `busy` at once if too many are waiting already. */
export async function boundedCheck<T>(check: () => Promise<T>): Promise<{ busy: false; value: T } | { busy: true }> {
  if (passwordChecksFull()) return { busy: true };
  return { busy: false, value: await queue()(check) };
}
