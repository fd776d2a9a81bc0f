-- /greet's table: who greeted which name. README.md's "Write your own bot" walks through it, and the test there reads
-- it back; autocomplete suggests the names greeted before.
CREATE TABLE greetings (
    id          bigserial   PRIMARY KEY,
    user_id     text        NOT NULL,
    name        text        NOT NULL,
    greeted_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX greetings_by_name ON greetings (name);
