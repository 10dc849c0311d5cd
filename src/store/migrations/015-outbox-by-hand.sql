-- Emails staff act on from the Emails page: one sent by hand from their own mailbox is marked sent by
-- them (sent_by; null when the mail server sent it), so the mail server leaves it and the page says who.
ALTER TABLE outbox ADD COLUMN sent_by uuid REFERENCES staff_accounts (id) ON DELETE SET NULL;
