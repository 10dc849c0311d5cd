-- What the public forms write: submissions with their attachments, saved drafts, the outbox of
-- emails, and the per-minute post counts behind the rate limit. Runs unchanged on PGlite and PostgreSQL.

-- Every form that reaches staff: funding applications, enquiries, suggested edits, new listings, stories.
CREATE TABLE submissions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- What the sender is told and quotes: 8 characters from an alphabet without look-alikes.
  reference text NOT NULL UNIQUE,
  -- One per attempt at a form (a hidden field): a repeated or doubled post finds the first record.
  idempotency_key text NOT NULL UNIQUE,
  -- application, enquiry, suggested-edit, new-listing or story.
  kind text NOT NULL,
  -- The fund's content id (content/funds/<id>.md), for applications.
  fund_id text,
  -- Which round of the fund, e.g. the date it opened; staff filter by it.
  fund_round text,
  -- The area (content/areas/<id>.yaml) it concerns, when the form asks; staff filter by it.
  area_id text,
  -- Where it is in staff's workflow; every submission starts as received.
  status text NOT NULL DEFAULT 'received',
  -- The answers as the form's schema parsed them.
  answers jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Staff lists: by kind and status, newest first; applications by fund and round.
CREATE INDEX submissions_by_kind_status ON submissions (kind, status, created_at DESC);
CREATE INDEX submissions_by_fund ON submissions (fund_id, fund_round, status) WHERE fund_id IS NOT NULL;
CREATE INDEX submissions_by_area ON submissions (area_id) WHERE area_id IS NOT NULL;

-- A form saved to finish later, found again through a private link.
CREATE TABLE drafts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- SHA-256 of the secret in the link; the secret itself is never stored.
  token_hash text NOT NULL UNIQUE,
  kind text NOT NULL,
  fund_id text,
  answers jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- After this the draft is neither returned nor kept.
  expires_at timestamptz NOT NULL
);
CREATE INDEX drafts_by_expiry ON drafts (expires_at);

-- Files sent with a submission or a draft, checked by their content before they get here.
CREATE TABLE attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  submission_id uuid REFERENCES submissions (id) ON DELETE CASCADE,
  draft_id uuid REFERENCES drafts (id) ON DELETE CASCADE,
  -- The name the sender's device gave it, for staff to read; never used as a path.
  file_name text NOT NULL,
  file_type text NOT NULL CHECK (file_type IN ('pdf', 'jpeg', 'png', 'docx', 'odt')),
  size_bytes integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 5242880),
  content bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- A file belongs to a draft until the draft is submitted, then to the submission.
  CHECK ((submission_id IS NULL) <> (draft_id IS NULL))
);
CREATE INDEX attachments_by_submission ON attachments (submission_id) WHERE submission_id IS NOT NULL;
CREATE INDEX attachments_by_draft ON attachments (draft_id) WHERE draft_id IS NOT NULL;

-- Emails to send, written in the same transaction as what they announce, so none is lost or early.
CREATE TABLE outbox (
  -- In the order written, so a submission's emails go out in the order it listed them.
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  submission_id uuid REFERENCES submissions (id) ON DELETE CASCADE,
  -- applicant-confirmation or staff-alert.
  purpose text NOT NULL,
  recipient text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- Set while one server sends it, so another server leaves it alone until then.
  locked_until timestamptz,
  last_error text,
  sent_at timestamptz
);
CREATE INDEX outbox_unsent ON outbox (next_attempt_at) WHERE sent_at IS NULL;

-- Form posts per client and minute, for the rate limit; shared by every server that uses the database.
CREATE TABLE post_counts (
  -- A keyed hash of the client's address, never the address itself.
  client_key text NOT NULL,
  window_start timestamptz NOT NULL,
  posts integer NOT NULL,
  PRIMARY KEY (client_key, window_start)
);
CREATE INDEX post_counts_by_window ON post_counts (window_start);

-- Random keys made once per database and shared by its servers (e.g. the key for hashing addresses).
CREATE TABLE store_secrets (
  name text PRIMARY KEY,
  secret bytea NOT NULL
);
