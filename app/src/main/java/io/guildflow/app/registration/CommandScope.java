package io.guildflow.app.registration;

import java.util.Optional;

/** Where commands are registered: in one guild (setup, development) or globally. */
public record CommandScope(Optional<String> guildId) {
    public static final CommandScope GLOBAL = new CommandScope(Optional.empty());

    public static CommandScope guild(String guildId) {
        return new CommandScope(Optional.of(guildId));
    }

    String route(String applicationId) {
        return "applications/" + applicationId + guildId.map(id -> "/guilds/" + id).orElse("") + "/commands";
    }

    /** For people and for the registration record's key. */
    public String describe() {
        return guildId.map(id -> "guild " + id).orElse("global");
    }
}
