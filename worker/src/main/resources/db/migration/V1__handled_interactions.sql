-- The idempotency ledger: one row per interaction a worker has handled. Inserted in the same
-- transaction as the handler's effects, so "handled" and the effects commit together; the stored
-- response is what every (re)delivery sends to Discord, so an interaction never gets two answers.
CREATE TABLE handled_interactions (
    interaction_id  text        PRIMARY KEY,
    kind            text        NOT NULL,              -- command, component, modal, autocomplete, lifecycle
    command         text,                              -- command name or component custom_id
    guild_id        text,                              -- null in direct messages
    channel_id      text,
    user_id         text,
    outcome         text        NOT NULL,              -- answered, unknown_command, unhandled, failed
    response        jsonb,                             -- Discord interaction callback body
    received_at     timestamptz NOT NULL,              -- when the gateway received it
    handled_at      timestamptz NOT NULL DEFAULT now(),
    worker_id       text        NOT NULL
);

-- Retention jobs delete old rows by age (tokens die after 15 minutes, the stream keeps events an hour).
CREATE INDEX handled_interactions_handled_at ON handled_interactions (handled_at);
