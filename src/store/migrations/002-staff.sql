-- The staff console: accounts, their sessions, sign-in attempts (for throttling), which panel
-- members review which fund rounds, and the audit log of every change. Runs unchanged on PGlite and PostgreSQL.

-- People who sign in to /staff; created with `npm run staff -- add`, never deleted (the audit log names them).
CREATE TABLE staff_accounts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Kept lower case, so one person has one account however they type it.
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  role text NOT NULL CHECK (role IN ('admin', 'officer', 'panel')),
  -- scrypt$N$r$p$salt$hash (base64url), made by src/staff/passwords.ts; the password itself is never stored.
  password_hash text NOT NULL,
  -- A disabled account cannot sign in and its sessions stop working.
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A signed-in browser: the cookie holds a secret, the database its SHA-256.
CREATE TABLE staff_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash text NOT NULL UNIQUE,
  account_id uuid NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
  -- Put in a hidden field of every staff form and checked on every post.
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Moved on with each request; a session idle for too long ends.
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  -- However busy, a session ends here.
  expires_at timestamptz NOT NULL
);
CREATE INDEX staff_sessions_by_expiry ON staff_sessions (expires_at);
CREATE INDEX staff_sessions_by_account ON staff_sessions (account_id);

-- Every sign-in attempt, for throttling by account and by client; kept a day.
CREATE TABLE staff_login_attempts (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- As typed (lower case), whether or not such an account exists.
  email text NOT NULL,
  -- A keyed hash of the client's address (as for post_counts), never the address itself.
  client_key text NOT NULL,
  succeeded boolean NOT NULL,
  attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX staff_login_attempts_by_email ON staff_login_attempts (email, attempted_at);
CREATE INDEX staff_login_attempts_by_client ON staff_login_attempts (client_key, attempted_at);

-- Which fund rounds a panel member reviews: they see those applications and no others.
CREATE TABLE panel_assignments (
  account_id uuid NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
  fund_id text NOT NULL,
  -- As in submissions.fund_round: the day the round opened, or "rolling".
  fund_round text NOT NULL,
  PRIMARY KEY (account_id, fund_id, fund_round)
);

-- Every change staff or the command line make: who, when, what, and the thing before and after.
CREATE TABLE audit_log (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  -- The account that made the change; null for the command line (actor says so).
  actor_id uuid REFERENCES staff_accounts (id),
  -- The account's email then, or "command line".
  actor text NOT NULL,
  -- What was done, e.g. account.add, account.disable, application.status.
  action text NOT NULL,
  -- What it was done to: staff-account or submission, and its id.
  subject_type text NOT NULL,
  subject_id text NOT NULL,
  before jsonb,
  after jsonb
);
CREATE INDEX audit_log_by_subject ON audit_log (subject_type, subject_id, at);
