package io.guildflow.worker.handler;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A chat-input (slash) command as Discord registers it. Validated here, because Discord rejects the
 * whole bulk registration when one name is invalid, and that is better found by a unit test.
 */
public record CommandSpec(String name, String description, List<OptionSpec> options) {
    /** Discord: lowercase, 1-32 characters, letters, digits, '-' and '_'. */
    private static final Pattern NAME = Pattern.compile("[-_\\p{Ll}\\p{Lo}\\p{N}]{1,32}");
    /** Discord's type 1: CHAT_INPUT. */
    public static final int CHAT_INPUT = 1;

    public CommandSpec {
        checkName(name);
        checkDescription(name, description);
        options = List.copyOf(options);
        if (options.size() > 25) {
            throw new IllegalArgumentException("command '" + name + "' has more than 25 options");
        }
        boolean seenOptional = false;
        for (OptionSpec option : options) {
            // Discord requires required options to come first.
            if (option.required() && seenOptional) {
                throw new IllegalArgumentException("command '" + name + "': required option '" + option.name()
                        + "' must come before optional ones");
            }
            seenOptional |= !option.required();
        }
    }

    public static CommandSpec of(String name, String description, OptionSpec... options) {
        return new CommandSpec(name, description, List.of(options));
    }

    /** One element of the array sent to {@code PUT /applications/{id}/commands}. */
    public ObjectNode toDiscordJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("name", name);
        json.put("description", description);
        json.put("type", CHAT_INPUT);
        ArrayNode array = json.putArray("options");
        options.forEach(o -> array.add(o.toDiscordJson()));
        return json;
    }

    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid command/option name '" + name
                    + "': Discord wants 1-32 lowercase letters, digits, '-' or '_'");
        }
    }

    static void checkDescription(String name, String description) {
        if (description == null || description.isBlank() || description.length() > 100) {
            throw new IllegalArgumentException("'" + name + "' needs a description of 1-100 characters");
        }
    }
}
