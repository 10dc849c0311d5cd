/**
 * Versioned schema changes: each `migrations/NNN-name.sql` runs once, in name order, and is recorded
 * in `schema_migrations`. The files are bundled as text by Vite (`?raw`), so the built server in
 * `dist/server/` carries them and needs no folder of SQL beside it.
 */
import type { Database } from './database';

export interface Migration {
  /** The file name without `.sql`, e.g. `001-forms`; also the order they run in. */
  version: string;
  sql: string;
}

const migrationFiles = import.meta.glob<string>('./migrations/*.sql', { query: '?raw', import: 'default', eager: true });

/** Every migration shipped with this version of the hub, oldest first. */
export const migrations: readonly Migration[] = Object.entries(migrationFiles)
  .map(([file, sql]) => ({ version: file.replace(/^.*\//, '').replace(/\.sql$/, ''), sql }))
  .sort((a, b) => a.version.localeCompare(b.version));

// Any fixed number: servers starting together take turns on it instead of migrating twice.
const migrationLock = 7_340_001;

/** Brings the database up to date in one transaction; returns the versions it applied. */
export async function migrate(db: Database, available: readonly Migration[] = migrations): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [migrationLock]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = new Set(
      (await tx.query<{ version: string }>('SELECT version FROM schema_migrations')).map((row) => row.version),
    );
    const pending = available.filter((migration) => !applied.has(migration.version));
    for (const migration of pending) {
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [migration.version]);
    }
    return pending.map((migration) => migration.version);
  });
}
