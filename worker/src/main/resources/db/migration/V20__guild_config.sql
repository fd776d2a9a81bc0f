-- One row per guild the bot serves: written by `guildflow setup`, by the lifecycle events (join:
-- default row, leave: inactive) and by /config. Workers read it at run time and cache it; whoever
-- changes a row publishes gf.<env>.config.<guildId> so every worker drops its cached copy.
CREATE TABLE guild_config (
    guild_id    text        PRIMARY KEY,
    active      boolean     NOT NULL DEFAULT true,
    settings    jsonb       NOT NULL DEFAULT '{}'::jsonb,   -- string keys and string values
    joined_at   timestamptz NOT NULL DEFAULT now(),
    left_at     timestamptz,                                -- set when the bot left; data kept
    updated_at  timestamptz NOT NULL DEFAULT now()
);
