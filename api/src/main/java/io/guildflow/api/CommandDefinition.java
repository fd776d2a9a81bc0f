package io.guildflow.api;

import java.util.List;

/**
 * A slash command as Discord registers it. Checked here, because Discord refuses the whole bulk
 * registration when one name is invalid, and that is better found by a unit test.
 */
public record CommandDefinition(String name, String description, List<OptionDefinition> options) {

    public CommandDefinition {
        DiscordLimits.requireSlashName("command name", name);
        DiscordLimits.requireText("description of /" + name, description, DiscordLimits.COMMAND_DESCRIPTION);
        options = List.copyOf(options);
        checkOptions("/" + name, options);
    }

    public static CommandDefinition of(String name, String description, OptionDefinition... options) {
        return new CommandDefinition(name, description, List.of(options));
    }

    static void checkOptions(String owner, List<OptionDefinition> options) {
        DiscordLimits.requireCount(owner + " options", options, 0, DiscordLimits.COMMAND_OPTIONS);
        boolean seenOptional = false;
        for (OptionDefinition option : options) {
            // Discord requires required options before optional ones.
            DiscordLimits.require(!option.required() || !seenOptional,
                    owner + ": required option '" + option.name() + "' must come before optional ones");
            seenOptional |= !option.required();
        }
        DiscordLimits.require(options.stream().map(OptionDefinition::name).distinct().count() == options.size(),
                owner + ": option names must be unique");
    }
}
