package io.guildflow.worker.guild;

import io.guildflow.api.Acknowledgement;
import io.guildflow.api.CommandContext;
import io.guildflow.api.CommandDefinition;
import io.guildflow.api.OptionDefinition;
import io.guildflow.api.Permission;
import io.guildflow.api.Response;
import io.guildflow.api.SlashCommand;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code /config show} and {@code /config set <key> <value>}: the guild's settings, for members with
 * Manage Server. Discord hides the command from others ({@link #DEFAULT_MEMBER_PERMISSIONS}), and a
 * server admin can change that, so the permission is checked here again. A change is committed and
 * announced at once (see {@link GuildConfigChanges}): setting a value is idempotent, so a redelivered
 * interaction changes nothing twice.
 */
public final class ConfigCommand implements SlashCommand {
    public static final String NAME = "config";
    /** Manage Server, as Discord's {@code default_member_permissions} string. */
    public static final String DEFAULT_MEMBER_PERMISSIONS = Long.toString(Permission.MANAGE_GUILD.mask());
    public static final CommandDefinition DEFINITION = CommandDefinition.of(NAME, "Show or change this server's bot settings",
            OptionDefinition.subcommand("show", "Show the settings"),
            OptionDefinition.subcommand("set", "Change a setting",
                    OptionDefinition.string("key", "the setting, e.g. greeting", true),
                    OptionDefinition.string("value", "its new value", true)));
    private static final Pattern KEY = Pattern.compile("[a-z0-9_.-]{1,64}");
    private static final int VALUE_MAX = 1000;
    private static final int SHOW_MAX = 1990;

    private final GuildConfigChanges changes;

    public ConfigCommand(GuildConfigChanges changes) {
        this.changes = changes;
    }

    /** A guild's settings are shown to the one who asked only, also when a worker is late. */
    @Override
    public Acknowledgement acknowledgement() {
        return Acknowledgement.ephemeralReply();
    }

    @Override
    public CommandDefinition definition() {
        return DEFINITION;
    }

    @Override
    public Response handle(CommandContext context) throws Exception {
        if (context.guildId().isEmpty()) {
            return Response.ephemeral("/config works in a server only.");
        }
        if (!context.memberPermissions().has(Permission.MANAGE_GUILD)
                && !context.memberPermissions().has(Permission.ADMINISTRATOR)) {
            return Response.ephemeral("You need the Manage Server permission to use /config.");
        }
        String guildId = context.guildId().get();
        if (context.subcommandPath().equals(java.util.List.of("set"))) {
            String key = context.options().string("key").orElse("");
            String value = context.options().string("value").orElse("");
            if (!KEY.matcher(key).matches()) {
                return Response.ephemeral("A key is 1 to 64 of a-z, 0-9, '_', '.', '-'.");
            }
            if (value.length() > VALUE_MAX) {
                return Response.ephemeral("A value has at most " + VALUE_MAX + " characters.");
            }
            boolean changed = changes.set(guildId, key, value);
            return Response.ephemeral(changed ? "Set " + key + " to \"" + value + "\"."
                    : key + " was already \"" + value + "\".");
        }
        Map<String, String> settings = new TreeMap<>(context.guildConfig().values());
        if (settings.isEmpty()) {
            return Response.ephemeral("No settings yet. Change one with /config set.");
        }
        StringBuilder text = new StringBuilder("Settings of this server:");
        settings.forEach((key, value) -> text.append("\n• ").append(key).append(" = ").append(value));
        // Discord's limit is 2,000 characters; a long list is cut rather than refused.
        return Response.ephemeral(text.length() <= SHOW_MAX ? text.toString() : text.substring(0, SHOW_MAX) + "…");
    }
}
