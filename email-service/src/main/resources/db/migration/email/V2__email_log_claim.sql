-- The SMTP conversation no longer runs inside a database transaction: a row is first CLAIMED (committed, with
-- its Message-ID), the mail is sent with no transaction open, then the row is marked SENT. A process that dies
-- in between leaves a CLAIMED row; the event's redelivery finds it and sends again with the same Message-ID.
ALTER TABLE email_log ADD COLUMN status text NOT NULL DEFAULT 'SENT' CHECK (status IN ('CLAIMED', 'SENT'));
ALTER TABLE email_log ALTER COLUMN status SET DEFAULT 'CLAIMED';
ALTER TABLE email_log ADD COLUMN claimed_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE email_log ALTER COLUMN sent_at DROP NOT NULL;
ALTER TABLE email_log ALTER COLUMN sent_at DROP DEFAULT;
