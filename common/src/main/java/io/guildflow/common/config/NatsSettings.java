package io.guildflow.common.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where NATS is and how to authenticate: {@code NATS_URL}, {@code NATS_CREDS}. */
public record NatsSettings(List<String> urls, Optional<Path> credentials) {
    public NatsSettings {
        urls = List.copyOf(urls);
    }

    /** The servers, as NATS_URL lists them: safe for "where I looked" messages. */
    public String describe() {
        return String.join(",", urls);
    }
}
