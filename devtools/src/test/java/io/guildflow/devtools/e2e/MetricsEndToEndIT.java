package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.telemetry.MetricNames;
import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.testsupport.observability.QueriedMetrics;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * What an operator's Prometheus sees after known traffic, from the packaged jar as separate gateway
 * and worker processes: 3 interactions while no worker runs (the guard defers them), 20 with a
 * worker, 1 unreadable event (a dead letter). Every count on {@code /metrics} matches what was sent.
 */
class MetricsEndToEndIT {
    private static final int WHILE_NO_WORKER = 3;
    private static final int WITH_WORKER = 20;
    private static final int TOTAL = WHILE_NO_WORKER + WITH_WORKER;
    /** Every /ping answer is a message of the bot's, which Discord dispatches as MESSAGE_CREATE too; plus one member's. */
    private static final int MESSAGES = TOTAL + 1;
    private static final int IDENTIFY_BUDGET = 777;
    private static final String CALLBACK = "interactions/{id}/{token}/callback";
    /** Where operators read metric names. */
    private static final List<Path> DOCS = List.of(Path.of("..", "README.md"), Path.of("..", "docs", "operations.md"),
            Path.of("..", "docs", "performance.md"), Path.of("..", "docs", "security.md"), Path.of("..", "docs", "emulator.md"));
    /** Registered when first counted, which this test's traffic never causes (docs/operations.md, "Metrics"). */
    private static final Set<String> FIRST_USE = Set.of("guildflow_worker_retries_total",
            "guildflow_worker_deliveries_refused_total", "guildflow_discord_rate_limited_total",
            // a second gateway's copy of an event, and an event's dead letter: this test's traffic has neither
            // (EventMetersTest and EventMetricsTest register them as the code does and check these names)
            "guildflow_gateway_events_duplicates_total", "guildflow_worker_event_dead_letters_total");
    /** Look like metric names in the docs but are not: the bench's database schema. */
    private static final Set<String> NOT_METRICS = Set.of("guildflow_bench");

    @Test
    void gatewayAndWorkerMetricsCountWhatWasSent() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("metrics");
             DiscordEmulator emulator = BotCommands.emulator().guilds(2).commands("ping")
                     .sessionStartsRemaining(IDENTIFY_BUDGET).build().start();
             Connection nats = Nats.connect(IsolatedEnvironment.NATS_URL)) {
            Map<String, String> workerEnv = JarProcess.workerSettings(emulator, environment);
            Map<String, String> gatewayEnv = JarProcess.gatewaySettings(emulator, environment);
            try (JarProcess gateway = JarProcess.run(gatewayEnv)) {
                gateway.awaitReady(Duration.ofSeconds(90));
                List<DispatchedInteraction> early = send(emulator, WHILE_NO_WORKER);
                for (DispatchedInteraction interaction : early) {
                    emulator.awaitAcknowledged(interaction.id(), Duration.ofSeconds(10));
                }
                try (JarProcess worker = JarProcess.run(workerEnv)) {
                    worker.awaitReady(Duration.ofSeconds(90));
                    List<DispatchedInteraction> sent = new ArrayList<>(early);
                    sent.addAll(send(emulator, WITH_WORKER));
                    for (DispatchedInteraction interaction : sent) {
                        emulator.awaitResponse(interaction.id(), Duration.ofSeconds(30));
                    }
                    EmulatedGuild guild = emulator.guild(0);
                    // one gateway event, so the per-type event meters the dashboard's event panels query exist
                    emulator.userMessage(guild, guild.members().get(0), "counted");
                    Headers headers = new Headers().add("Nats-Msg-Id", "unreadable-" + System.nanoTime());
                    nats.jetStream().publish("gf." + environment.name() + ".guild." + guild.id() + ".command",
                            headers, "not an envelope".getBytes(StandardCharsets.UTF_8));

                    MetricsScrape workerMetrics = awaitScrape(worker, scrape ->
                            scrape.has("guildflow_worker_dead_letters_total")
                                    && scrape.sum("guildflow_worker_interactions_total") == TOTAL
                                    && scrape.sum("guildflow_worker_consumer_pending") == 0
                                    && scrape.sum("guildflow_worker_consumer_ack_pending") == 0
                                    && scrape.sum("guildflow_worker_in_flight") == 0
                                    && scrape.sum("guildflow_worker_events_total", "outcome", "handled") == MESSAGES);
                    MetricsScrape gatewayMetrics = MetricsScrape.parse(gateway.get("/metrics"));
                    assertGateway(gatewayMetrics);
                    assertWorker(workerMetrics, gatewayMetrics, emulator);
                    assertQueriedMetricsExist(gatewayMetrics, workerMetrics);
                    assertDocumentedMetricsExist(gatewayMetrics, workerMetrics);
                }
            }
        }
    }

    private static void assertGateway(MetricsScrape metrics) {
        for (String name : MetricNames.GATEWAY_PROMETHEUS) {
            assertTrue(metrics.has(name), name + " on the gateway:\n" + metrics.text());
        }
        assertEquals(1, metrics.sum("discordbot_connected", "shard", "0"));
        assertEquals(2, metrics.sum("discordbot_guilds_total"), "guilds over all shards");
        assertEquals(IDENTIFY_BUDGET - 1, metrics.sum("discordbot_identify_remaining"),
                "read again from GET /gateway/bot after the shard's IDENTIFY spent one");
        double age = metrics.sum("discordbot_last_dispatch_age_seconds", "shard", "0");
        assertTrue(age >= 0 && age < 60, "last dispatch " + age + " s ago");
        assertEquals(TOTAL, metrics.sum("guildflow_gateway_interactions_received_total", "kind", "command"));
        assertEquals(TOTAL, metrics.sum("guildflow_gateway_interactions_received_total"));
        assertEquals(MESSAGES, metrics.sum("guildflow_gateway_events_received_total", "type", "message_create"));
        assertEquals(MESSAGES, metrics.sum("guildflow_gateway_events_published_total", "type", "message_create"));
        assertEquals(TOTAL, metrics.sum("guildflow_gateway_interactions_published_total"));
        assertEquals(0, metrics.sum("guildflow_gateway_publish_failures_total"));
        assertEquals(TOTAL, metrics.sum("guildflow_gateway_publish_seconds_count"));
        assertEquals(TOTAL, metrics.sum("guildflow_gateway_receipt_lag_seconds_count"));
        // Those sent while no worker ran are the guard's; on a loaded machine a cold worker may miss
        // ACK_DEADLINE for a few more, then the guard defers or loses the race: the counts must agree.
        double deferrals = metrics.sum("guildflow_gateway_guard_deferrals_total");
        assertTrue(deferrals >= WHILE_NO_WORKER, "deferrals " + deferrals);
        assertEquals(deferrals, metrics.sum("guildflow_discord_requests_seconds_count",
                "route", CALLBACK, "status", "204"), "the guard's accepted deferrals");
        assertEquals(metrics.sum("guildflow_gateway_guard_races_lost_total"),
                metrics.sum("guildflow_discord_requests_seconds_count", "route", CALLBACK, "status", "400"),
                "the guard's deferrals refused because a worker was first");
        assertEquals(1, metrics.sum("guildflow_nats_connected", "connection", "gateway"));
        assertTrue(metrics.has("jvm_memory_used_bytes"));
    }

    private static void assertWorker(MetricsScrape metrics, MetricsScrape gateway, DiscordEmulator emulator) {
        for (String name : MetricNames.WORKER_PROMETHEUS) {
            assertTrue(metrics.has(name), name + " on the worker:\n" + metrics.text());
        }
        assertEquals(TOTAL, metrics.sum("guildflow_worker_interactions_total", "kind", "command"));
        assertEquals(TOTAL, metrics.sum("guildflow_worker_handle_seconds_count", "kind", "command"));
        assertEquals(TOTAL, metrics.sum("guildflow_worker_answer_latency_seconds_count"));
        assertEquals(0, metrics.sum("guildflow_worker_redeliveries_total"));
        assertEquals(1, metrics.sum("guildflow_worker_dead_letters_total", "reason", "malformed"));
        assertEquals(1, metrics.sum("guildflow_nats_connected", "connection", "worker"));
        double guardDeferrals = gateway.sum("guildflow_gateway_guard_deferrals_total");
        double guardRacesLost = gateway.sum("guildflow_gateway_guard_races_lost_total");
        long callbacks = emulator.restCalls("POST", "/interactions/{interaction.id}/{interaction.token}/callback").size();
        assertEquals(TOTAL + guardDeferrals + guardRacesLost, callbacks, "the guard's and the worker's callbacks");
        assertEquals(TOTAL - guardDeferrals, metrics.sum("guildflow_discord_requests_seconds_count", "route", CALLBACK,
                "status", "204"), "the worker's accepted callbacks");
        assertEquals(guardDeferrals, metrics.sum("guildflow_discord_requests_seconds_count", "route", CALLBACK,
                "status", "400"), "refused: the guard had deferred them");
        assertEquals(10, metrics.sum("hikaricp_connections_max"), "DB_POOL_MAX default");
        assertEquals(0, metrics.sum("guildflow_worker_outbox_backlog"), "/ping sends no channel messages");
        assertEquals(MESSAGES, metrics.sum("guildflow_worker_events_total", "type", "MESSAGE_CREATE"));
        assertEquals(MESSAGES, metrics.sum("guildflow_worker_event_lag_seconds_count"));
        assertTrue(metrics.has("guildflow_worker_event_lag_seconds_bucket"), "the lag's quantiles need buckets");
    }

    /** Every metric the dashboard and the alert rules query is one the processes expose. */
    private static void assertQueriedMetricsExist(MetricsScrape gateway, MetricsScrape worker) {
        Set<String> queried = QueriedMetrics.all();
        assertTrue(queried.size() >= 21, "dashboard and alerts " + queried);
        for (String name : queried) {
            assertTrue(gateway.has(name) || worker.has(name) || FIRST_USE.contains(name),
                    name + " is queried but neither process exposes it");
        }
    }

    /**
     * Every metric name the docs give is one the processes expose: as written, or as a timer's base name
     * (whose samples are {@code _count}, {@code _sum}, {@code _max}), so a name without its unit or
     * {@code _total} suffix, or of a meter that does not exist, fails here.
     */
    private static void assertDocumentedMetricsExist(MetricsScrape gateway, MetricsScrape worker) throws Exception {
        Set<String> documented = new TreeSet<>();
        for (Path doc : DOCS) {
            documented.addAll(QueriedMetrics.names(Files.readString(doc)));
        }
        documented.removeAll(NOT_METRICS);
        assertTrue(documented.size() >= 40, "documented " + documented);
        List<String> unknown = new ArrayList<>();
        for (String name : documented) {
            boolean exposed = gateway.has(name) || worker.has(name) || gateway.has(name + "_count")
                    || worker.has(name + "_count") || FIRST_USE.contains(name);
            if (!exposed) {
                unknown.add(name);
            }
        }
        assertTrue(unknown.isEmpty(), "documented but exposed by neither process: " + unknown);
    }

    private static List<DispatchedInteraction> send(DiscordEmulator emulator, int count) throws Exception {
        List<DispatchedInteraction> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            EmulatedGuild guild = emulator.guild(i % 2);
            sent.add(emulator.slashCommand(guild, guild.members().get(i % guild.members().size()), "ping", Map.of()));
            Thread.sleep(20);
        }
        return sent;
    }

    /** The lag gauges are polled by the worker, so the scrape settles a moment after the traffic. */
    private static MetricsScrape awaitScrape(JarProcess process, Predicate<MetricsScrape> settled) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        MetricsScrape scrape = MetricsScrape.parse(process.get("/metrics"));
        while (!isSettled(settled, scrape) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            scrape = MetricsScrape.parse(process.get("/metrics"));
        }
        return scrape;
    }

    private static boolean isSettled(Predicate<MetricsScrape> settled, MetricsScrape scrape) {
        try {
            return settled.test(scrape);
        } catch (AssertionError notYetRegistered) {
            return false;
        }
    }
}
