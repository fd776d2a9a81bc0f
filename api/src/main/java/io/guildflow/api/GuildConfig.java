package io.guildflow.api;

import java.util.Map;
import java.util.Optional;

/** A guild's configuration as key/value pairs, read-only for handlers. */
public record GuildConfig(Map<String, String> values) {
    public static final GuildConfig EMPTY = new GuildConfig(Map.of());

    public GuildConfig {
        values = Map.copyOf(values);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }
}
