-- A fair panel: which kind each document is (financial ones are kept from the panel unless the fund says
-- otherwise), since when an application has been with the panel (members see it only from then), and each
-- member's declaration of any conflict of interest per application. Runs unchanged on PGlite and PostgreSQL.

-- 'general' or 'financial' (bank statements, accounts), from the fund's list as the applicant chose the
-- document, or as staff marked it; null until someone says, and then the panel does not see it.
ALTER TABLE attachments ADD COLUMN kind text CHECK (kind IN ('general', 'financial'));

-- Set when the application first moves to the panel, and kept after the decision.
ALTER TABLE submissions ADD COLUMN panel_since timestamptz;
UPDATE submissions s SET panel_since = (
  SELECT min(a.at) FROM audit_log a
  WHERE a.subject_type = 'submission' AND a.subject_id = s.id::text AND a.after->>'status' = 'panel'
) WHERE s.kind = 'application';
UPDATE submissions SET panel_since = updated_at WHERE kind = 'application' AND status = 'panel' AND panel_since IS NULL;

-- A panel member's word, before scoring, that they have no conflict of interest with an application, or
-- that they have one (which keeps them out of it from then on).
CREATE TABLE panel_declarations (
  submission_id uuid NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  account_id uuid NOT NULL REFERENCES staff_accounts (id),
  conflict boolean NOT NULL,
  -- What the conflict is, in the member's words; empty when there is none.
  note text NOT NULL DEFAULT '',
  declared_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (submission_id, account_id)
);
