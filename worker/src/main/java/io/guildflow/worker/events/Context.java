package io.guildflow.worker.events;

import io.guildflow.api.DiscordActions;
import io.guildflow.api.GuildConfig;
import io.guildflow.api.event.EventContext;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** One event's {@link EventContext}, on its transaction. */
record Context(String eventType, boolean exactlyOnce, Optional<String> guildId, GuildConfig guildConfig,
               Connection sql, DiscordActions discord, Instant receivedAt, Clock clock) implements EventContext {

    @Override
    public Instant now() {
        return clock.instant();
    }
}
