package io.guildflow.app.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.guildflow.common.discord.DiscordRestClient;
import java.util.Locale;
import java.util.Optional;

/** The bot's own text channel and role in a guild: found by name, created only when absent. */
final class GuildResources {
    private static final int GUILD_TEXT = 0;

    private final DiscordRestClient rest;
    private final String guildId;

    GuildResources(DiscordRestClient rest, String guildId) {
        this.rest = rest;
        this.guildId = guildId;
    }

    /** Discord stores text channel names lower-cased with spaces as dashes; "Bot Logs" is "bot-logs". */
    static String channelName(String requested) {
        return requested.strip().toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    Optional<String> findTextChannel(String name) {
        return find(rest.get("guilds/" + guildId + "/channels"),
                channel -> channel.path("type").asInt(-1) == GUILD_TEXT && channel.path("name").asText().equals(name));
    }

    String createTextChannel(String name) {
        return rest.post("guilds/" + guildId + "/channels",
                JsonNodeFactory.instance.objectNode().put("name", name).put("type", GUILD_TEXT)).path("id").asText();
    }

    Optional<String> findRole(String name) {
        return find(rest.get("guilds/" + guildId + "/roles"), role -> role.path("name").asText().equals(name));
    }

    String createRole(String name) {
        return rest.post("guilds/" + guildId + "/roles",
                JsonNodeFactory.instance.objectNode().put("name", name)).path("id").asText();
    }

    private static Optional<String> find(JsonNode list, java.util.function.Predicate<JsonNode> matches) {
        for (JsonNode item : list) {
            if (matches.test(item)) {
                return Optional.of(item.path("id").asText());
            }
        }
        return Optional.empty();
    }
}
