/**
 * One interface over the two databases the hub runs on: the embedded PGlite (files in DATA_DIR,
 * nothing to install) and a PostgreSQL server (DATABASE_URL, for several servers or managed backups).
 * Both take SQL with `$1` parameters and return rows as plain objects. Server-only.
 *
 * The same SQL must behave the same on both, so the store's queries keep to a few habits:
 * cast counts to `int` (pg returns `bigint` as a string, PGlite as a number), pass JSON as text
 * and cast it (`$1::text::jsonb`), and read bytea as `Uint8Array` (pg's Buffer is one).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface Queryable {
  /** Runs one statement with `$1`, `$2`… parameters and returns its rows. */
  query<Row extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly engine: 'pglite' | 'postgresql';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** JSON as text for a `$n::text::jsonb` parameter; PostgreSQL refuses the NUL character in text, so it is dropped from values and keys. */
export function jsonParameter(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === 'string') return item.replaceAll('\u0000', '');
    // Field names come from the post too (a form sent in another encoding puts NULs in them); the new object's values pass through here again.
    if (item && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).some((key) => key.includes('\u0000'))) {
      return Object.fromEntries(Object.entries(item).map(([key, inner]) => [key.replaceAll('\u0000', ''), inner]));
    }
    return item;
  });
}

export type DatabaseLocation =
  | { databaseUrl: string }
  /** A folder for PGlite's files, or `memory://` for a database that lives only as long as the process. */
  | { dataDir: string };

export async function openDatabase(location: DatabaseLocation): Promise<Database> {
  return 'databaseUrl' in location ? openPostgres(location.databaseUrl) : openPglite(location.dataDir);
}

async function openPglite(dataDir: string): Promise<Database> {
  let folder = dataDir;
  if (!dataDir.startsWith('memory://')) {
    // PGlite's files get a folder of their own, so DATA_DIR can hold other things later.
    folder = path.resolve(dataDir, 'pglite');
    fs.mkdirSync(folder, { recursive: true });
  }
  // Postgres's default 128 MB of shared buffers cost PGlite about 140 MB of the server's resident memory from
  // the start (310 MB against 172 MB, docs/benchmarks.md); a hub's database is small, and the files it
  // reads stay in the operating system's cache.
  const db = await PGlite.create(folder, { postgresqlconf: ['shared_buffers=16MB'] });
  const queryable = (target: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<Row extends object>(sql: string, params: readonly unknown[] = []) {
      return (await target.query<Row>(sql, [...params])).rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  });
  return {
    engine: 'pglite',
    ...queryable(db),
    // PGlite has one connection; its transaction holds it, so other queries wait their turn.
    transaction: (work) => db.transaction((tx) => work(queryable(tx))),
    close: () => db.close(),
  };
}

async function openPostgres(databaseUrl: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
  const queryable = (target: pg.Pool | pg.PoolClient): Queryable => ({
    async query<Row extends object>(sql: string, params: readonly unknown[] = []) {
      return (await target.query<Row & pg.QueryResultRow>(sql, [...params])).rows;
    },
    async exec(sql: string) {
      await target.query(sql);
    },
  });
  await pool.query('SELECT 1'); // fail at start, not at the first form post, if the server is unreachable
  return {
    engine: 'postgresql',
    ...queryable(pool),
    async transaction(work) {
      const client = await pool.connect();
      let connectionBroken = false;
      try {
        await client.query('BEGIN');
        const result = await work(queryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => (connectionBroken = true));
        throw error;
      } finally {
        // A connection that could not roll back is closed rather than handed to the next caller.
        client.release(connectionBroken);
      }
    },
    close: () => pool.end(),
  };
}
