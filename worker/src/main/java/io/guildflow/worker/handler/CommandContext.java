package io.guildflow.worker.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.common.envelope.InteractionEnvelope;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a handler may use for one interaction. {@link #sql()} is the connection of the
 * transaction that also records the interaction as handled: what the handler writes there commits
 * together with that record, or not at all.
 */
public final class CommandContext {
    private final InteractionEnvelope envelope;
    private final Connection transaction;
    private final Clock clock;
    private final List<String> subcommandPath;
    private final Map<String, OptionValue> options;

    public CommandContext(InteractionEnvelope envelope, Connection transaction, Clock clock) {
        this.envelope = Objects.requireNonNull(envelope, "envelope");
        this.transaction = Objects.requireNonNull(transaction, "transaction");
        this.clock = Objects.requireNonNull(clock, "clock");
        List<String> path = new ArrayList<>();
        Map<String, OptionValue> values = new LinkedHashMap<>();
        collect(envelope.raw().path("data").path("options"), path, values);
        this.subcommandPath = List.copyOf(path);
        this.options = Map.copyOf(values);
    }

    /** Walks down subcommand groups and subcommands; Discord sends at most one branch. */
    private static void collect(JsonNode options, List<String> path, Map<String, OptionValue> values) {
        for (JsonNode option : options) {
            OptionType type = OptionType.ofDiscordValue(option.path("type").asInt());
            String name = option.path("name").asText();
            if (type.isSubcommandLike()) {
                path.add(name);
                collect(option.path("options"), path, values);
            } else {
                values.put(name, new OptionValue(name, type, option.path("value")));
            }
        }
    }

    public InteractionEnvelope envelope() {
        return envelope;
    }

    public String interactionId() {
        return envelope.interactionId();
    }

    public String commandName() {
        return envelope.raw().path("data").path("name").asText();
    }

    /** e.g. {@code ["config", "set"]} for {@code /settings config set}; empty without subcommands. */
    public List<String> subcommandPath() {
        return subcommandPath;
    }

    public Optional<String> guildId() {
        return envelope.guildId();
    }

    public String channelId() {
        return envelope.channelId();
    }

    public String userId() {
        return envelope.userId();
    }

    public String applicationId() {
        return envelope.applicationId();
    }

    public Optional<OptionValue> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    public Optional<String> optionString(String name) {
        return option(name).map(OptionValue::asString);
    }

    public Optional<Long> optionLong(String name) {
        return option(name).map(OptionValue::asLong);
    }

    public Optional<Boolean> optionBoolean(String name) {
        return option(name).map(OptionValue::asBoolean);
    }

    /** When the gateway received the interaction from Discord. */
    public Instant receivedAt() {
        return envelope.receivedAt();
    }

    public Clock clock() {
        return clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * The transaction's connection. Commit, rollback, close and auto-commit belong to Guildflow
     * and are refused; savepoints are fine.
     */
    public Connection sql() {
        return transaction;
    }
}
