package io.guildflow.app.registration;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.common.discord.DiscordRestClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a scope's commands on Discord to the wanted list: one GET, and one bulk overwrite (PUT)
 * only when they differ, so a restart or a repeated setup costs one read and no write.
 */
public final class CommandSync {
    private final DiscordRestClient rest;
    private final String applicationId;

    /** What a sync found and did. */
    public record Result(boolean changed, List<String> names) {
        public Result {
            names = List.copyOf(names);
        }
    }

    public CommandSync(DiscordRestClient rest, String applicationId) {
        this.rest = rest;
        this.applicationId = applicationId;
    }

    /** Whether Discord already holds exactly {@code wanted} in the scope (one GET). */
    private boolean upToDate(CommandScope scope, JsonNode wanted) {
        return CommandComparison.same(rest.get(scope.route(applicationId)), wanted);
    }

    /** Overwrites the scope when it differs; with {@code dryRun} only says whether it would. */
    public Result sync(CommandScope scope, JsonNode wanted, boolean dryRun) {
        if (upToDate(scope, wanted)) {
            return new Result(false, names(wanted));
        }
        if (!dryRun) {
            rest.put(scope.route(applicationId), wanted);
        }
        return new Result(true, names(wanted));
    }

    private static List<String> names(JsonNode commands) {
        List<String> names = new ArrayList<>();
        commands.forEach(command -> names.add(command.path("type").asInt(1) == 1
                ? "/" + command.path("name").asText() : command.path("name").asText()));
        return names;
    }
}
