package io.guildflow.gateway.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guildflow.common.discord.DiscordRestClient;
import io.guildflow.common.telemetry.MetricNames;
import io.guildflow.testkit.DiscordEmulator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The budget is asked for again periodically, so spending elsewhere (another process) shows too. */
class IdentifyBudgetIT {

    @Test
    void periodicRefreshFollowsTheBudgetDiscordReports() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ShardMetrics metrics = new ShardMetrics(registry, Clock.systemUTC());
        try (DiscordEmulator emulator = DiscordEmulator.builder().guilds(1).sessionStartsRemaining(40).build().start();
             DiscordRestClient rest = new DiscordRestClient(URI.create(emulator.apiUrl()), emulator.token(), registry);
             IdentifyBudget budget = new IdentifyBudget(rest, metrics, Duration.ofMillis(200), Duration.ofSeconds(2))) {
            assertEquals(-1, remaining(registry), "unknown before the first answer");
            budget.refresh();
            assertEquals(40, remaining(registry));
            emulator.exhaustSessionStarts(); // as if other gateways of the bot had identified all day
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (remaining(registry) != 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, remaining(registry), "read again without any identify of ours");
        }
    }

    private static double remaining(SimpleMeterRegistry registry) {
        return registry.get(MetricNames.DISCORD_IDENTIFY_REMAINING).gauge().value();
    }
}
