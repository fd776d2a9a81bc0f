-- The signup bot's schema (bot migrations live in db/bot, with their own history table).
CREATE TABLE signups (
    guild_id    text        NOT NULL,
    id          bigserial   NOT NULL,
    channel_id  text        NOT NULL,
    title       text        NOT NULL,
    slots       integer     NOT NULL CHECK (slots > 0),
    joined      integer     NOT NULL DEFAULT 0 CHECK (joined >= 0 AND joined <= slots),
    closes_at   timestamptz NOT NULL,
    closed      boolean     NOT NULL DEFAULT false,
    post_key    text,                                  -- outbox key of the signup message
    created_by  text        NOT NULL,
    PRIMARY KEY (guild_id, id)
);
-- /signup list and autocomplete: a guild's open signups by closing time.
CREATE INDEX signups_open_by_guild ON signups (guild_id, closes_at) WHERE NOT closed;
-- The closing job: expired open signups across guilds.
CREATE INDEX signups_expiring ON signups (closes_at) WHERE NOT closed;

-- One row per (signup, user): whether the user is in, and the snowflake of the click that decided it.
-- A click older than last_interaction is ignored, so the later click wins whatever the order of handling.
CREATE TABLE signup_members (
    guild_id          text    NOT NULL,
    signup_id         bigint  NOT NULL,
    user_id           text    NOT NULL,
    joined            boolean NOT NULL,
    last_interaction  bigint  NOT NULL,
    PRIMARY KEY (guild_id, signup_id, user_id),
    FOREIGN KEY (guild_id, signup_id) REFERENCES signups (guild_id, id)
);
