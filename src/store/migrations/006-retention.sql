-- Retention and subject access: when a submission's personal data was erased (by the retention
-- purge or an admin's erasure), so it is erased once and staff see why its answers are gone.
-- Runs unchanged on PGlite and PostgreSQL.
ALTER TABLE submissions ADD COLUMN personal_data_erased_at timestamptz;
