package io.guildflow.api;

import java.util.List;

/**
 * One option of a slash command; subcommands and groups carry their own options.
 *
 * @param autocomplete ask the command's {@link SlashCommand#autocomplete} while the user types
 * @param options      only for {@link OptionType#SUB_COMMAND} and {@link OptionType#SUB_COMMAND_GROUP}
 */
public record OptionDefinition(OptionType type, String name, String description, boolean required,
                               boolean autocomplete, List<OptionDefinition> options) {

    public OptionDefinition {
        DiscordLimits.require(type != null, "option type must be set");
        DiscordLimits.requireSlashName("option name", name);
        DiscordLimits.requireText("description of option '" + name + "'", description, DiscordLimits.COMMAND_DESCRIPTION);
        options = List.copyOf(options);
        DiscordLimits.require(type.isSubcommandLike() || options.isEmpty(),
                "option '" + name + "' of type " + type + " cannot have nested options");
        DiscordLimits.require(!type.isSubcommandLike() || !required, "subcommand '" + name + "' cannot be required");
        DiscordLimits.require(!autocomplete || type == OptionType.STRING || type == OptionType.INTEGER
                || type == OptionType.NUMBER, "option '" + name + "': only STRING, INTEGER and NUMBER autocomplete");
        CommandDefinition.checkOptions("option '" + name + "'", options);
    }

    public static OptionDefinition string(String name, String description, boolean required) {
        return new OptionDefinition(OptionType.STRING, name, description, required, false, List.of());
    }

    public static OptionDefinition integer(String name, String description, boolean required) {
        return new OptionDefinition(OptionType.INTEGER, name, description, required, false, List.of());
    }

    public static OptionDefinition number(String name, String description, boolean required) {
        return new OptionDefinition(OptionType.NUMBER, name, description, required, false, List.of());
    }

    public static OptionDefinition bool(String name, String description, boolean required) {
        return new OptionDefinition(OptionType.BOOLEAN, name, description, required, false, List.of());
    }

    public static OptionDefinition user(String name, String description, boolean required) {
        return new OptionDefinition(OptionType.USER, name, description, required, false, List.of());
    }

    public static OptionDefinition channel(String name, String description, boolean required) {
        return new OptionDefinition(OptionType.CHANNEL, name, description, required, false, List.of());
    }

    public static OptionDefinition role(String name, String description, boolean required) {
        return new OptionDefinition(OptionType.ROLE, name, description, required, false, List.of());
    }

    public static OptionDefinition subcommand(String name, String description, OptionDefinition... options) {
        return new OptionDefinition(OptionType.SUB_COMMAND, name, description, false, false, List.of(options));
    }

    public static OptionDefinition group(String name, String description, OptionDefinition... subcommands) {
        return new OptionDefinition(OptionType.SUB_COMMAND_GROUP, name, description, false, false,
                List.of(subcommands));
    }

    /** The same option, answered by {@link SlashCommand#autocomplete} while the user types. */
    public OptionDefinition withAutocomplete() {
        return new OptionDefinition(type, name, description, required, true, options);
    }
}
