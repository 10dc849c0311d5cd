-- The publisher's record (src/publishing/): every time the content branch moved and the server
-- built and switched to it, or failed to, so staff can see what is live and what to fix.
-- Runs unchanged on PGlite and PostgreSQL.
CREATE TABLE publishes (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The commit of the content branch that was built, and the first line of its message.
  commit_sha text NOT NULL,
  commit_subject text NOT NULL DEFAULT '',
  branch text NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  duration_ms integer,
  -- running, then published (it went live), failed (the old site stayed live) or interrupted (the server stopped first).
  result text NOT NULL DEFAULT 'running' CHECK (result IN ('running', 'published', 'failed', 'interrupted')),
  -- Where a failed publish stopped: fetch, check, build or switch.
  stage text CHECK (stage IN ('fetch', 'check', 'build', 'switch')),
  -- What to fix, each {file, field, message} as the content check prints them.
  problems jsonb NOT NULL DEFAULT '[]',
  -- The release folder's name under RELEASES_DIR.
  release text,
  CHECK ((result = 'failed') = (stage IS NOT NULL))
);
CREATE INDEX publishes_newest_first ON publishes (started_at DESC);
