-- Sign-in under attack, and a second factor for staff. Runs unchanged on PGlite and PostgreSQL.

-- An attempt is reserved (succeeded null) before its password or code is checked, in a transaction
-- that holds an advisory lock per account and per client, so parallel attempts cannot pass the limit;
-- a reserved attempt counts as a failure until it is settled.
ALTER TABLE staff_login_attempts ALTER COLUMN succeeded DROP NOT NULL;

-- An account's authenticator app (TOTP, RFC 6238): the shared secret, in base32. Made when the member
-- starts setting it up, in use once they have typed a code from the app (confirmed_at).
CREATE TABLE staff_second_factors (
  account_id uuid PRIMARY KEY REFERENCES staff_accounts (id) ON DELETE CASCADE,
  secret text NOT NULL,
  created_at timestamptz NOT NULL,
  confirmed_at timestamptz,
  -- The 30-second step of the last code taken, so a code seen over someone's shoulder cannot be used again.
  last_step bigint
);

-- One-time recovery codes, for a lost phone: only their SHA-256 is kept; each works once.
CREATE TABLE staff_recovery_codes (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  created_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX staff_recovery_codes_by_account ON staff_recovery_codes (account_id);

-- Signed in with a password, waiting for the second factor: the cookie holds a secret, the database
-- its SHA-256. Lasts minutes; becomes a session once the code is right.
CREATE TABLE staff_sign_in_challenges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash text NOT NULL UNIQUE,
  account_id uuid NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
