package io.guildflow.app.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.common.config.GuildflowConfig;
import io.guildflow.common.discord.DiscordRestClient;
import io.guildflow.worker.dispatch.CommandRegistrations;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers the bot's commands in one guild (bulk overwrite), for {@code setup <guild>} and for the
 * development guild ({@code DISCORD_GUILD_ID}) when a gateway starts.
 */
public final class CommandRegistrar {
    private CommandRegistrar() {
    }

    /**
     * @return the registered command names as Discord echoed them, e.g. {@code /ping}
     * @throws io.guildflow.common.discord.DiscordApiException when Discord refuses
     */
    public static List<String> register(GuildflowConfig config, HandlerCatalog catalog, String guildId,
                                        MeterRegistry meters) {
        try (DiscordRestClient rest = new DiscordRestClient(config.discordApiUrl(),
                config.requireDiscordToken().reveal(), meters)) {
            String applicationId = config.applicationId()
                    .orElseGet(() -> rest.get("applications/@me").path("id").asText());
            JsonNode registered = rest.put("applications/" + applicationId + "/guilds/" + guildId + "/commands",
                    CommandRegistrations.of(catalog));
            List<String> names = new ArrayList<>();
            registered.forEach(command -> names.add((command.path("type").asInt(1) == 1 ? "/" : "")
                    + command.path("name").asText()));
            return names;
        }
    }
}
