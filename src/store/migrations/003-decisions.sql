-- The fund's process after an application arrives: the panel's scores, the decision, and the
-- feedback a funded project sends back. Runs unchanged on PGlite and PostgreSQL.

-- One panel member's score for one of the fund's criteria on one application.
CREATE TABLE scores (
  submission_id uuid NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  account_id uuid NOT NULL REFERENCES staff_accounts (id),
  -- The criterion's name as the fund listed it (content/funds/<id>.md) when it was scored.
  criterion text NOT NULL,
  score smallint NOT NULL CHECK (score BETWEEN 0 AND 5),
  comment text NOT NULL DEFAULT '',
  scored_at timestamptz NOT NULL DEFAULT now(),
  -- Scoring again replaces one's own score.
  PRIMARY KEY (submission_id, account_id, criterion)
);

-- What was decided on an application, once: the outcome, the money and the letter the group is sent.
CREATE TABLE decisions (
  submission_id uuid PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
  outcome text NOT NULL CHECK (outcome IN ('funded', 'declined', 'invited', 'signposted')),
  -- In whole pounds; only a funded project has one, never more than asked or the fund's maximum (checked in src/staff).
  amount_awarded integer CHECK (amount_awarded > 0),
  -- Where a signposted group was pointed instead.
  signposted_to text,
  letter text NOT NULL,
  decided_by uuid REFERENCES staff_accounts (id),
  decided_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((outcome = 'funded') = (amount_awarded IS NOT NULL)),
  CHECK ((outcome = 'signposted') = (signposted_to IS NOT NULL))
);
CREATE INDEX decisions_by_day ON decisions (decided_at);

-- A funded project's report back, through a private link sent when it is funded.
CREATE TABLE feedback (
  submission_id uuid PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
  -- SHA-256 of the secret in the link; the secret itself is never stored.
  token_hash text NOT NULL UNIQUE,
  requested_at timestamptz NOT NULL DEFAULT now(),
  -- Set, with the answers, when the project reports back.
  received_at timestamptz,
  answers jsonb,
  CHECK ((received_at IS NULL) = (answers IS NULL))
);
CREATE INDEX feedback_by_day ON feedback (received_at) WHERE received_at IS NOT NULL;
