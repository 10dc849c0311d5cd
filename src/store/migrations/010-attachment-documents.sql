-- Which of the fund's requested documents an upload is (as the applicant chose it), and a hash of its
-- content, so the same file is not kept twice with one draft.
ALTER TABLE attachments ADD COLUMN document text;
ALTER TABLE attachments ADD COLUMN content_sha256 text;
CREATE UNIQUE INDEX attachments_once_per_draft ON attachments (draft_id, content_sha256) WHERE draft_id IS NOT NULL AND content_sha256 IS NOT NULL;
