package io.guildflow.worker.context;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.api.AutocompleteContext;
import io.guildflow.api.CommandContext;
import io.guildflow.api.GuildConfig;
import io.guildflow.api.OptionType;
import io.guildflow.api.OptionValue;
import io.guildflow.api.Options;
import io.guildflow.common.envelope.InteractionEnvelope;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** A slash command or its autocomplete: the command name, the subcommand path and the options. */
final class CommandPayload extends Payload implements CommandContext, AutocompleteContext {
    private final List<String> subcommandPath;
    private final Options options;
    private final String focusedOption;
    private final String focusedValue;

    CommandPayload(InteractionEnvelope envelope, Connection transaction, Clock clock, GuildConfig config) {
        super(envelope, transaction, clock, config);
        List<String> path = new ArrayList<>();
        List<OptionValue> values = new ArrayList<>();
        String[] focused = {"", ""};
        collect(data().path("options"), path, values, focused);
        this.subcommandPath = List.copyOf(path);
        this.options = Options.of(values);
        this.focusedOption = focused[0];
        this.focusedValue = focused[1];
    }

    /** Walks down subcommand groups and subcommands; Discord sends at most one branch. */
    private static void collect(JsonNode options, List<String> path, List<OptionValue> values, String[] focused) {
        for (JsonNode option : options) {
            OptionType type = OptionType.ofDiscordValue(option.path("type").asInt());
            String name = option.path("name").asText();
            if (type.isSubcommandLike()) {
                path.add(name);
                collect(option.path("options"), path, values, focused);
                continue;
            }
            JsonNode value = option.path("value");
            values.add(new OptionValue(name, type, typed(type, value)));
            if (option.path("focused").asBoolean(false)) {
                focused[0] = name;
                focused[1] = value.asText("");
            }
        }
    }

    /** Typed where Discord sends the type; a partly typed autocomplete value stays text. */
    private static Object typed(OptionType type, JsonNode value) {
        return switch (type) {
            case INTEGER -> value.isIntegralNumber() ? (Object) value.asLong() : value.asText("");
            case NUMBER -> value.isNumber() ? (Object) value.asDouble() : value.asText("");
            case BOOLEAN -> value.isBoolean() ? (Object) value.booleanValue() : value.asText("");
            default -> value.asText("");
        };
    }

    @Override
    public String commandName() {
        return data().path("name").asText();
    }

    @Override
    public List<String> subcommandPath() {
        return subcommandPath;
    }

    @Override
    public Options options() {
        return options;
    }

    @Override
    public String focusedOption() {
        return focusedOption;
    }

    @Override
    public String focusedValue() {
        return focusedValue;
    }
}
