-- The gateway-event ledger: one row per event a worker handled, inserted in the same transaction as the
-- handlers' effects, so a redelivered event (or a second gateway's copy of a keyed one) finds the row and is only
-- acknowledged. The key is the event's own (Gf-Event-Key, e.g. message_create:<message id>) or, for an event
-- without one, seq:<stream sequence> (that delivery only: at-least-once across gateways).
CREATE TABLE handled_events (
    event_key   text        PRIMARY KEY,
    type        text        NOT NULL,            -- Discord's dispatch name, MESSAGE_CREATE
    scope       text        NOT NULL,            -- guild:<id> or dm:<user id>
    handled_at  timestamptz NOT NULL DEFAULT now(),
    worker      text        NOT NULL
);

-- LedgerRetention deletes old rows by age.
CREATE INDEX handled_events_handled_at ON handled_events (handled_at);
