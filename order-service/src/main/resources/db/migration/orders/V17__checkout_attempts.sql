-- A checkout attempt survives a crash: the Idempotency-Key is claimed (committed) before the provider is called,
-- the call runs with no transaction open, and the order is written in a third, separate transaction that also
-- finishes the key. Brandur Leach's "Implementing Stripe-like idempotency keys in Postgres" is the model; the states
-- are documented in the idempotency package (package-info.java) and docs/architecture.md.
ALTER TABLE idempotency_keys
    -- CLAIMED: the provider may have been charged, the order is not written; FINISHED: response stored;
    -- ABANDONED: given up (the reconciler refunded its capture, or the order could not be written), never resumed.
    ADD COLUMN recovery_point   text,
    -- The key the provider is charged with: the same for every attempt of this request, so a resumed attempt
    -- replays the provider's charge instead of capturing again; a key reused after its expiry gets a new one.
    ADD COLUMN provider_key     text,
    -- Who holds the claim now: a takeover sets a new one, and only the holder may finish the key.
    ADD COLUMN attempt_id       uuid,
    -- When the holder took the claim: a CLAIMED key older than checkout.payment.takeover-after is taken over.
    ADD COLUMN locked_at        timestamptz,
    -- The provider's charge, once known (finished or abandoned).
    ADD COLUMN charge_reference text;

-- Keys from before: each was written in the order's own transaction, so it is finished.
UPDATE idempotency_keys SET recovery_point = 'FINISHED', locked_at = created_at;

ALTER TABLE idempotency_keys
    ALTER COLUMN recovery_point SET DEFAULT 'CLAIMED',
    ALTER COLUMN recovery_point SET NOT NULL,
    ALTER COLUMN locked_at SET DEFAULT now(),
    ALTER COLUMN locked_at SET NOT NULL,
    ADD CONSTRAINT idempotency_keys_recovery_point
        CHECK (recovery_point IN ('CLAIMED', 'FINISHED', 'ABANDONED')),
    ADD CONSTRAINT idempotency_keys_finished_has_response
        CHECK ((recovery_point = 'FINISHED') = (response IS NOT NULL));

-- The reconciler looks a provider capture up by its key (is a checkout still working on it?) and by its charge
-- (does an order own it?). Not unique: a second index that rejects duplicates would make two concurrent claims of
-- one key fail on it instead of meeting in the primary key's ON CONFLICT (the key is unique by derivation).
CREATE INDEX idempotency_keys_provider_key ON idempotency_keys (provider_key);
CREATE UNIQUE INDEX payments_gateway_reference ON payments (gateway_reference);
