-- A moderation item approved into the CMS: the draft it opened, until the draft is published.
CREATE TABLE cms_drafts (
  submission_id uuid PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
  -- The Decap collection and slug, and the entry's file in the repository.
  collection text NOT NULL,
  slug text NOT NULL,
  path text NOT NULL,
  -- cms/<collection>/<slug>, and the pull or merge request on a git host.
  branch text NOT NULL,
  url text,
  -- For a change to an existing entry: the SHA-256 of the file when the draft was opened, so a
  -- publish is recognised by the file changing; null for a new entry, recognised by appearing.
  base_sha256 text,
  opened_at timestamptz NOT NULL,
  published_at timestamptz
);
CREATE INDEX cms_drafts_waiting ON cms_drafts (opened_at) WHERE published_at IS NULL;
