-- After the award: the grant conditions an officer adds to a decision, the offer a funded group
-- accepts through a private link, and a funded project's reports on its fund's schedule (several
-- per application now: progress reports, then the final one, which was the only one before).
-- Runs unchanged on PGlite and PostgreSQL.

-- Conditions of this grant on top of the fund's standard ones (content/funds/<id>.md); empty for none.
ALTER TABLE decisions ADD COLUMN conditions text NOT NULL DEFAULT '';

-- A funded project's offer, accepted once through a private link sent with the decision letter.
CREATE TABLE grant_offers (
  submission_id uuid PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
  -- SHA-256 of the secret in the link; the secret itself is never stored.
  token_hash text NOT NULL UNIQUE,
  offered_at timestamptz NOT NULL,
  accepted_at timestamptz,
  -- Who accepted for the group, and their role in it, as they typed them.
  accepted_name text,
  accepted_role text,
  CHECK ((accepted_at IS NULL) = (accepted_name IS NULL)),
  CHECK ((accepted_at IS NULL) = (accepted_role IS NULL))
);
CREATE INDEX grant_offers_waiting ON grant_offers (offered_at) WHERE accepted_at IS NULL;

-- Each report its own row: keyed by an id, numbered within its kind.
ALTER TABLE feedback DROP CONSTRAINT feedback_pkey;
ALTER TABLE feedback ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE feedback ADD PRIMARY KEY (id);
-- A progress report during the project, or the final report after it (the end-of-project feedback).
ALTER TABLE feedback ADD COLUMN report text NOT NULL DEFAULT 'final' CHECK (report IN ('progress', 'final'));
-- 1, 2, 3 … for progress reports; always 1 for the final one.
ALTER TABLE feedback ADD COLUMN number smallint NOT NULL DEFAULT 1 CHECK (number >= 1);
-- When it is due; null only for final reports asked for before this migration.
ALTER TABLE feedback ADD COLUMN due_at timestamptz;
CREATE UNIQUE INDEX feedback_one_per_number ON feedback (submission_id, report, number);
CREATE INDEX feedback_waiting ON feedback (due_at) WHERE received_at IS NULL;

-- The report an email's link belongs to, so receiving one report cancels only its own reminders.
ALTER TABLE outbox ADD COLUMN feedback_id uuid REFERENCES feedback (id) ON DELETE CASCADE;

-- Final reports asked for before this migration (one per application until now): their emails belong
-- to them, so the report's arrival still cancels its reminders, and it is due when its first reminder goes.
UPDATE outbox o SET feedback_id = f.id FROM feedback f
  WHERE f.submission_id = o.submission_id AND o.purpose IN ('feedback-link', 'feedback-reminder');
UPDATE feedback f SET due_at = (
  SELECT min(o.next_attempt_at) FROM outbox o WHERE o.feedback_id = f.id AND o.purpose = 'feedback-reminder'
) WHERE f.due_at IS NULL;
