/**
 * The databases the store's integration tests run against: PGlite always, and PostgreSQL when
 * TEST_DATABASE_URL is set (CI sets it; see .ci/run). Each `open()` gives a fresh, migrated store:
 * an in-memory PGlite, or a schema of its own on the PostgreSQL server, dropped on close, so test
 * files can run in parallel against one server.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Store } from '../../src/store';

export interface TestDatabase {
  name: 'PGlite' | 'PostgreSQL';
  /** Why it is skipped, when it is. */
  skip?: string;
  open(): Promise<Store>;
}

const postgresUrl = process.env.TEST_DATABASE_URL;

export const testDatabases: TestDatabase[] = [
  { name: 'PGlite', open: () => openStore({ dataDir: 'memory://' }) },
  {
    name: 'PostgreSQL',
    ...(postgresUrl ? {} : { skip: 'set TEST_DATABASE_URL to run against PostgreSQL' }),
    open: () => openPostgresInFreshSchema(postgresUrl!),
  },
];

async function openPostgresInFreshSchema(url: string): Promise<Store> {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const inSchema = new URL(url);
  inSchema.searchParams.set('options', `-c search_path=${schema}`);
  const store = await openStore({ databaseUrl: inSchema.toString() });
  return {
    ...store,
    async close() {
      await store.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.end();
    },
  };
}
