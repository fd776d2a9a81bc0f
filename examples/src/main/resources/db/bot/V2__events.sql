-- The event handlers' schema: state, never counts of arrivals, wherever an event may come twice.

-- /rank: messages per member per guild. MESSAGE_CREATE is exactly once (keyed by the message id), so a counter is
-- safe here; the index serves the rank query (members with more messages than you).
CREATE TABLE message_counts (
    guild_id  text   NOT NULL,
    user_id   text   NOT NULL,
    messages  bigint NOT NULL CHECK (messages > 0),
    PRIMARY KEY (guild_id, user_id)
);
CREATE INDEX message_counts_by_guild ON message_counts (guild_id, messages DESC);

-- The starboard: who starred which message. Reactions have no natural key and may arrive twice (two gateways on
-- one shard), so a star is a row that is there or not; a message's stars are the count of its rows.
CREATE TABLE starboard_stars (
    guild_id    text NOT NULL,
    message_id  text NOT NULL,
    user_id     text NOT NULL,
    PRIMARY KEY (guild_id, message_id, user_id)
);

-- A message's starboard post, made once (the row exists from then on) and edited as its stars change.
CREATE TABLE starboard_posts (
    guild_id    text    NOT NULL,
    message_id  text    NOT NULL,
    channel_id  text    NOT NULL,              -- where the starred message is
    author_id   text,                          -- who wrote it (Discord sends it on adds only)
    post_key    text    NOT NULL,              -- outbox key of the starboard post: edited through it
    stars       integer NOT NULL,              -- what the post shows now: an edit only when this changes
    PRIMARY KEY (guild_id, message_id)
);
