-- The moderation message log: what members wrote, edited and deleted, one row per handled event. Events of a guild
-- are handled one at a time, so the id order of a message's rows is the order its events were handled in.
-- MESSAGE_CREATE, a real edit (one with an edit time) and MESSAGE_DELETE are exactly once, so a row per event is safe.
CREATE TABLE message_log (
    id          bigserial   PRIMARY KEY,
    guild_id    text        NOT NULL,
    channel_id  text        NOT NULL,
    message_id  text        NOT NULL,
    author_id   text,                                   -- unknown for a delete of a message never logged
    action      text        NOT NULL CHECK (action IN ('create', 'edit', 'delete')),
    content     text        NOT NULL DEFAULT '',        -- empty without the MESSAGE_CONTENT intent
    logged_at   timestamptz NOT NULL DEFAULT now()
);
-- A delete's line names the author and quotes the last text: the message's latest row.
CREATE INDEX message_log_by_message ON message_log (guild_id, message_id, id DESC);
