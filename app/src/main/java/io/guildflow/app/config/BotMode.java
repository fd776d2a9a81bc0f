package io.guildflow.app.config;

import io.guildflow.common.config.ConfigException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which roles one process plays. Standalone still goes through NATS, so it behaves like a split deployment. */
public enum BotMode {
    STANDALONE,
    GATEWAY,
    WORKER;

    public boolean runsGateway() {
        return this != WORKER;
    }

    public boolean runsWorker() {
        return this != GATEWAY;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BotMode parse(String variable, String value) {
        for (BotMode mode : values()) {
            if (mode.label().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw ConfigException.invalid(variable, value, "one of " + Arrays.stream(values())
                .map(BotMode::label).collect(Collectors.joining(", ")));
    }
}
