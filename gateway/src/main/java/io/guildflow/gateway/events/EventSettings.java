package io.guildflow.gateway.events;

import io.guildflow.common.config.ConfigException;
import io.guildflow.common.config.EnvironmentValues;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The gateway-event settings of the gateway: how much it may hold while NATS is away, and which privileged intents
 * the operator enabled for the application in Discord's Developer Portal.
 *
 * @param bufferBytes       {@code EVENT_BUFFER_BYTES}: events received and not yet stored in JetStream, in bytes of
 *                          their payloads; beyond it the newest events are dropped (the only loss path, see
 *                          docs/operations.md)
 * @param privilegedIntents {@code DISCORD_PRIVILEGED_INTENTS}: a subset of {@link #PRIVILEGED}
 */
public record EventSettings(long bufferBytes, Set<String> privilegedIntents) {
    public static final long DEFAULT_BUFFER_BYTES = 64L << 20;
    /** Less than one large message's payload would drop events in normal operation. */
    public static final long MIN_BUFFER_BYTES = 1L << 20;
    public static final Set<String> PRIVILEGED = Set.of("GUILD_MEMBERS", "GUILD_PRESENCES", "MESSAGE_CONTENT");
    private static final String INTENTS_FORM = "a comma list of GUILD_MEMBERS, GUILD_PRESENCES, MESSAGE_CONTENT";

    public EventSettings {
        if (bufferBytes < MIN_BUFFER_BYTES) {
            throw ConfigException.invalid("EVENT_BUFFER_BYTES", String.valueOf(bufferBytes),
                    "at least 1048576 (1 MiB), e.g. 64MiB");
        }
        if (!PRIVILEGED.containsAll(privilegedIntents)) {
            throw ConfigException.invalid("DISCORD_PRIVILEGED_INTENTS", String.join(",", privilegedIntents),
                    INTENTS_FORM);
        }
        privilegedIntents = Set.copyOf(privilegedIntents);
    }

    public static EventSettings defaults() {
        return new EventSettings(DEFAULT_BUFFER_BYTES, Set.of());
    }

    public static EventSettings from(EnvironmentValues values) {
        long bytes = values.optional("EVENT_BUFFER_BYTES")
                .map(v -> EnvironmentValues.parseBytes("EVENT_BUFFER_BYTES", v)).orElse(DEFAULT_BUFFER_BYTES);
        return new EventSettings(bytes, values.optional("DISCORD_PRIVILEGED_INTENTS")
                .map(EventSettings::parseIntents).orElse(Set.of()));
    }

    static Set<String> parseIntents(String value) {
        Set<String> intents = new LinkedHashSet<>();
        for (String part : value.split(",", -1)) {
            String name = part.trim().toUpperCase(Locale.ROOT);
            if (name.isEmpty() && value.isBlank()) {
                continue;
            }
            if (!PRIVILEGED.contains(name)) {
                throw ConfigException.invalid("DISCORD_PRIVILEGED_INTENTS", value, INTENTS_FORM);
            }
            intents.add(name);
        }
        return intents;
    }

    /** For messages: the enabled intents in a stable order. */
    public String describeIntents() {
        return privilegedIntents.isEmpty() ? "none"
                : String.join(",", Arrays.stream(privilegedIntents.toArray(String[]::new)).sorted().toList());
    }
}
