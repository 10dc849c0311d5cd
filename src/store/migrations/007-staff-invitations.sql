-- Staff accounts made in the console: an administrator invites someone by email, and they set their
-- own password through a one-time link; the same link resets a forgotten password.
-- Runs unchanged on PGlite and PostgreSQL.

-- An invited account has no password until its link is used (it cannot sign in until then).
ALTER TABLE staff_accounts ALTER COLUMN password_hash DROP NOT NULL;

-- A link to set a password: the email holds a secret, the database its SHA-256. It works once,
-- until it expires, and only while it is the account's newest link.
CREATE TABLE staff_password_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash text NOT NULL UNIQUE,
  account_id uuid NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
  -- invitation: the first password of a new account; reset: a new password for an existing one.
  purpose text NOT NULL CHECK (purpose IN ('invitation', 'reset')),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  -- When the password was set with it; it does nothing after.
  used_at timestamptz,
  -- When a newer link replaced it or the account was disabled.
  withdrawn_at timestamptz
);
CREATE INDEX staff_password_links_by_account ON staff_password_links (account_id);
