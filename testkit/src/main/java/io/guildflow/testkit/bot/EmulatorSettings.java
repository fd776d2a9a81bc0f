package io.guildflow.testkit.bot;

import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.gateway.Intents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The settings that point a Guildflow runtime at an emulator instead of Discord. */
public final class EmulatorSettings {
    private EmulatorSettings() {
    }

    /**
     * Token, application id, REST and gateway URLs; and, when the emulated application may use privileged intents,
     * {@code DISCORD_PRIVILEGED_INTENTS} naming them, as an operator enables what the Developer Portal allows.
     */
    public static Map<String, String> of(DiscordEmulator emulator) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "DISCORD_TOKEN", emulator.token(),
                "DISCORD_APPLICATION_ID", emulator.applicationId(),
                "DISCORD_API_URL", emulator.apiUrl(),
                "DISCORD_GATEWAY_URL", emulator.gatewayUrl()));
        List<String> privileged = new ArrayList<>();
        long allowed = emulator.privilegedIntents();
        if ((allowed & Intents.GUILD_MEMBERS) != 0) {
            privileged.add("GUILD_MEMBERS");
        }
        if ((allowed & Intents.GUILD_PRESENCES) != 0) {
            privileged.add("GUILD_PRESENCES");
        }
        if ((allowed & Intents.MESSAGE_CONTENT) != 0) {
            privileged.add("MESSAGE_CONTENT");
        }
        if (!privileged.isEmpty()) {
            settings.put("DISCORD_PRIVILEGED_INTENTS", String.join(",", privileged));
        }
        return Map.copyOf(settings);
    }
}
