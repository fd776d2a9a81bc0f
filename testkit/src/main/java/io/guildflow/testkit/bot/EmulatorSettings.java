package io.guildflow.testkit.bot;

import io.guildflow.testkit.DiscordEmulator;
import java.util.Map;

/** The settings that point a Guildflow runtime at an emulator instead of Discord. */
public final class EmulatorSettings {
    private EmulatorSettings() {
    }

    public static Map<String, String> of(DiscordEmulator emulator) {
        return Map.of(
                "DISCORD_TOKEN", emulator.token(),
                "DISCORD_APPLICATION_ID", Long.toUnsignedString(emulator.applicationId()),
                "DISCORD_API_URL", emulator.apiUrl(),
                "DISCORD_GATEWAY_URL", emulator.gatewayUrl());
    }
}
