package io.guildflow.worker.handler;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * One option of a slash command; subcommands and groups carry their own options.
 *
 * @param options only for {@link OptionType#SUB_COMMAND} and {@link OptionType#SUB_COMMAND_GROUP}
 */
public record OptionSpec(OptionType type, String name, String description, boolean required, List<OptionSpec> options) {

    public OptionSpec {
        Objects.requireNonNull(type, "type");
        CommandSpec.checkName(name);
        CommandSpec.checkDescription(name, description);
        options = List.copyOf(options);
        if (!type.isSubcommandLike() && !options.isEmpty()) {
            throw new IllegalArgumentException("option '" + name + "' of type " + type + " cannot have nested options");
        }
        if (type.isSubcommandLike() && required) {
            throw new IllegalArgumentException("subcommand '" + name + "' cannot be required");
        }
    }

    public static OptionSpec string(String name, String description, boolean required) {
        return new OptionSpec(OptionType.STRING, name, description, required, List.of());
    }

    public static OptionSpec integer(String name, String description, boolean required) {
        return new OptionSpec(OptionType.INTEGER, name, description, required, List.of());
    }

    public static OptionSpec bool(String name, String description, boolean required) {
        return new OptionSpec(OptionType.BOOLEAN, name, description, required, List.of());
    }

    public static OptionSpec user(String name, String description, boolean required) {
        return new OptionSpec(OptionType.USER, name, description, required, List.of());
    }

    public static OptionSpec subcommand(String name, String description, OptionSpec... options) {
        return new OptionSpec(OptionType.SUB_COMMAND, name, description, false, List.of(options));
    }

    public static OptionSpec group(String name, String description, OptionSpec... subcommands) {
        return new OptionSpec(OptionType.SUB_COMMAND_GROUP, name, description, false, List.of(subcommands));
    }

    ObjectNode toDiscordJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("type", type.discordValue());
        json.put("name", name);
        json.put("description", description);
        if (!type.isSubcommandLike()) {
            json.put("required", required);
        }
        if (!options.isEmpty()) {
            ArrayNode nested = json.putArray("options");
            options.forEach(o -> nested.add(o.toDiscordJson()));
        }
        return json;
    }
}
