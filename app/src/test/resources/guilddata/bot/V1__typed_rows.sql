-- GuildDataIT's bot: a table with every type an export must keep exactly, a child table with a foreign key, and a
-- table without a guild column (left out of exports).
CREATE TABLE typed_rows (
    guild_id   text        NOT NULL,
    id         bigserial   PRIMARY KEY,
    big        bigint,
    amount     numeric(20, 6),
    flag       boolean,
    label      text,
    at         timestamptz,
    document   jsonb,
    blob       bytea,
    tags       text[]
);
CREATE TABLE typed_children (
    guild_id  text    NOT NULL,
    parent    bigint  NOT NULL REFERENCES typed_rows (id),
    note      text,
    PRIMARY KEY (parent, note)
);
CREATE TABLE bot_counters (
    name   text   PRIMARY KEY,
    value  bigint NOT NULL
);
