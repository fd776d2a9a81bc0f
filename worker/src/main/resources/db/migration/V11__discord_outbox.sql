-- Discord actions handlers and jobs requested, written in their transaction and delivered after it
-- commits (see io.guildflow.api.DiscordActions). One row per action.
CREATE TABLE discord_outbox (
    id            bigserial   PRIMARY KEY,
    action_key    text        NOT NULL UNIQUE,   -- <interaction id or job run>:<n>; a post's key is its handle
    kind          text        NOT NULL,          -- post | edit
    channel_id    text,                          -- null for an edit of a post by key until resolved
    message_id    text,                          -- post: Discord's id once delivered; edit: the target
    target_key    text,                          -- edit of a post: the post's action_key
    body          jsonb       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    delivered_at  timestamptz,
    outcome       text,                          -- sent | superseded | refused
    attempts      integer     NOT NULL DEFAULT 0,
    last_error    text
);

-- The delivery loop reads pending actions in order.
CREATE INDEX discord_outbox_pending ON discord_outbox (id) WHERE delivered_at IS NULL;
-- Edits wait for their post; retention deletes by age.
CREATE INDEX discord_outbox_target ON discord_outbox (target_key) WHERE target_key IS NOT NULL;
CREATE INDEX discord_outbox_created ON discord_outbox (created_at);
