-- After the award and for the KPI report: the payments officers record against a funded grant, and
-- which enabler, connector or community worker supported an application. Runs unchanged on PGlite and PostgreSQL.

-- A payment made on a grant: the day the money went and how much. Recorded by an officer (audit-logged);
-- never more in all than the amount awarded (checked in src/staff/payments.ts, under the application's lock).
CREATE TABLE payments (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  submission_id uuid NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  -- The UK day the payment was made.
  paid_on date NOT NULL,
  -- In whole pounds.
  amount integer NOT NULL CHECK (amount > 0),
  recorded_by uuid REFERENCES staff_accounts (id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payments_by_submission ON payments (submission_id, paid_on);
CREATE INDEX payments_by_day ON payments (paid_on);

-- The contact (content/contacts/<id>.yaml) who supported an application, as staff recorded it; the
-- KPI report counts the communities enablers helped to apply from it. Not personal data: contacts
-- are work details already published.
ALTER TABLE submissions ADD COLUMN supported_by text;
