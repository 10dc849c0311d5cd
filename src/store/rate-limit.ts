/**
 * The limit on form posts per client and minute, counted in the database so that it holds however
 * many servers share it. A client is known by a keyed hash of its network address, never the
 * address itself: the key is random, made once per database, so the hash cannot be reversed by
 * trying every address. Server-only.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { readStoreConfig } from './config';
import type { Queryable } from './database';
import { currentTime } from '../rules/clock';

const minute = 60_000;

/**
 * Counts one post by `clientKey` in the current minute and says whether it is within the limit;
 * the caller answers 429 when it is not. Posts refused still count, so hammering does not reset it.
 */
export async function countPost(
  db: Queryable,
  clientKey: string,
  now = currentTime(),
  limit = readStoreConfig().postsPerMinute,
): Promise<{ allowed: boolean; count: number }> {
  const windowStart = new Date(Math.floor(now.getTime() / minute) * minute);
  const [row] = await db.query<{ posts: number }>(
    `INSERT INTO post_counts (client_key, window_start, posts) VALUES ($1, $2, 1)
     ON CONFLICT (client_key, window_start) DO UPDATE SET posts = post_counts.posts + 1
     RETURNING posts`,
    [clientKey, windowStart],
  );
  const count = row!.posts;
  return { allowed: count <= limit, count };
}

/** Deletes the counts of minutes that are over; returns how many rows went. */
export async function purgeOldPostCounts(db: Queryable, now = currentTime()): Promise<number> {
  const currentWindow = new Date(Math.floor(now.getTime() / minute) * minute);
  return (await db.query('DELETE FROM post_counts WHERE window_start < $1 RETURNING 1', [currentWindow])).length;
}

/** The key `countPost` knows a client by: a hash of its network (see `clientNetwork`) under this database's secret. */
export async function clientKeyFor(db: Queryable, address: string): Promise<string> {
  const secret = await storeSecret(db, 'client-key');
  return createHmac('sha256', secret).update(clientNetwork(address)).digest('base64url');
}

/**
 * The part of an address that stands for one client: an IPv4 address whole (also when written as
 * IPv6, `::ffff:192.0.2.1`), and the first 64 bits of an IPv6 address, since one household or phone
 * is given a whole /64 and can change the rest at will.
 */
export function clientNetwork(address: string): string {
  const withoutZone = address.trim().replace(/%.*$/, '');
  const mappedIPv4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(withoutZone);
  if (mappedIPv4) return mappedIPv4[1]!;
  if (isIPv4(withoutZone)) return withoutZone;
  if (!isIPv6(withoutZone)) return withoutZone.toLowerCase(); // not an address (a test, a proxy's name): as it is
  // A trailing dotted IPv4 part (`64:ff9b::192.0.2.1`) is two groups of 16 bits.
  const allHex = withoutZone
    .toLowerCase()
    .replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a, b, c, d) => `${((+a << 8) + +b).toString(16)}:${((+c << 8) + +d).toString(16)}`);
  const [head = '', tail] = allHex.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? headGroups : [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

const secrets = new WeakMap<Queryable, Map<string, Uint8Array>>();

/** A random secret made the first time it is asked for and kept in the database for every server. */
async function storeSecret(db: Queryable, name: string): Promise<Uint8Array> {
  const cached = secrets.get(db)?.get(name);
  if (cached) return cached;
  await db.query('INSERT INTO store_secrets (name, secret) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, randomBytes(32)]);
  const [row] = await db.query<{ secret: Uint8Array }>('SELECT secret FROM store_secrets WHERE name = $1', [name]);
  const secret = row!.secret;
  secrets.set(db, (secrets.get(db) ?? new Map()).set(name, secret));
  return secret;
}
