-- One row per email that went out. Unique per (order, template): however often an event is delivered,
-- an order gets one confirmation.
CREATE TABLE email_log (
    order_id   uuid        NOT NULL,
    template   text        NOT NULL,
    recipient  text        NOT NULL,
    subject    text        NOT NULL,
    message_id text        NOT NULL UNIQUE,
    sent_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (order_id, template)
);
