package io.guildflow.testkit.gateway;

import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.TestClock;
import io.guildflow.testkit.model.EmulatedGuild;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** An emulator whose application may use every privileged intent, and one session that asked for every intent. */
abstract class AllIntentsSession {
    final TestClock clock = TestClock.ticking();
    DiscordEmulator emu;
    EventClient client;
    EmulatedGuild guild;

    @BeforeEach
    void start() throws InterruptedException {
        emu = DiscordEmulator.builder().clock(clock).privilegedIntents(Intents.PRIVILEGED).build().start();
        client = EventClient.identify(emu, clock, Intents.ALL);
        guild = emu.guild(0);
    }

    @AfterEach
    void stop() {
        emu.close();
    }
}
