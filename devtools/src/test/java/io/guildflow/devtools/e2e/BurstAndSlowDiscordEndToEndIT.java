package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.testsupport.load.AnsweredOnce;
import io.guildflow.testsupport.load.LoadGenerator;
import io.guildflow.testsupport.load.LoadSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Issue 21's "bursts and slow Discord", with the packaged jar (one gateway, one worker at the default
 * {@code WORKER_CONCURRENCY}) against the emulator: a burst of about ten times what the pair sustains, after a
 * warm-up, and a Discord whose every REST answer takes a second. Either way every interaction is acknowledged within
 * Discord's 3 s (by the worker, or by the gateway's guard while the worker's intake keeps fewer in hand), answered
 * once, and none is lost. Each prints what it measured (acknowledgement percentiles, how many the guard deferred,
 * the worker's intake limit); {@code -Dguildflow.burst.count=}, {@code .burst.rate}, {@code .slow.count} and
 * {@code .slow.rate} measure other loads by hand.
 */
class BurstAndSlowDiscordEndToEndIT {
    private static final Duration DISCORD_WINDOW = Duration.ofSeconds(3);
    private static final Predicate<InteractionRecord> PONG = AnsweredOnce.contentStartingWith("pong");
    /** What warms the JVMs, the connections and the guard's budget before the load: a steady, easy rate. */
    private static final int WARM_UP = 100;
    private static final double WARM_UP_RATE = 50;
    /**
     * The burst: about ten times the ~100/s the pair sustains on a busy 2-core machine (gateway, worker, NATS,
     * PostgreSQL and the emulator on the same cores), sent as fast as the emulator dispatches.
     */
    private static final int BURST = Integer.getInteger("guildflow.burst.count", 600);
    private static final double BURST_RATE = Integer.getInteger("guildflow.burst.rate", 1_000);
    /** A slow Discord: every REST call (the worker's answers and the guard's deferrals alike) waits this long. */
    private static final Duration SLOW_DISCORD = Duration.ofSeconds(1);
    private static final int SLOW = Integer.getInteger("guildflow.slow.count", 60);
    private static final double SLOW_RATE = Integer.getInteger("guildflow.slow.rate", 20);

    @Test
    void aBurstAfterWarmUpIsAcknowledgedInTimeAndAnsweredOnce() throws Exception {
        afterWarmUp("burst", "burst", emulator -> { }, BURST, BURST_RATE);
    }

    @Test
    void aSlowDiscordStillGetsEveryInteractionAcknowledgedInTimeAndAnsweredOnce() throws Exception {
        afterWarmUp("slowdc", "slow Discord", emulator -> emulator.restLatency(SLOW_DISCORD), SLOW, SLOW_RATE);
    }

    /** Fresh processes, warmed up; then {@code change} to the emulator and {@code count} interactions at {@code rate}. */
    private static void afterWarmUp(String environmentPrefix, String what, Consumer<DiscordEmulator> change, int count,
                                    double rate) throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment(environmentPrefix);
             DiscordEmulator emulator = BotCommands.emulator().guilds(2).commands("ping").build().start()) {
            long begun = System.nanoTime();
            try (Pair pair = Pair.start(emulator, environment)) {
                LoadGenerator load = new LoadGenerator(emulator);
                int warmUp = warmUp(emulator, load, pair, begun);
                change.accept(emulator);
                List<DispatchedInteraction> sent = load.run("ping", count, rate, i -> Map.of());
                check(what, emulator, sent, environment, pair, warmUp + count);
            }
        }
    }

    /**
     * The warm-up is answered before the load starts, and goes on (a few at a time) until the guard waits for the
     * worker again: a cold start's first answers are slow, and a guard that still acknowledges everything at receipt
     * would spare the load the hard part, the guard's timers racing the worker.
     *
     * @return how many interactions the warm-up sent
     */
    private static int warmUp(DiscordEmulator emulator, LoadGenerator load, Pair pair, long begun) throws Exception {
        List<DispatchedInteraction> warmUp = new ArrayList<>(load.run("ping", WARM_UP, WARM_UP_RATE, i -> Map.of()));
        pair.explainFailure(() -> AnsweredOnce.await(emulator, warmUp, Duration.ofSeconds(30), PONG));
        long giveUp = System.nanoTime() + Duration.ofSeconds(15).toNanos(); // a machine too busy: the load meets it so
        while (pair.guardBehind() && System.nanoTime() < giveUp) {
            List<DispatchedInteraction> more = load.run("ping", 10, WARM_UP_RATE, i -> Map.of());
            pair.explainFailure(() -> AnsweredOnce.await(emulator, more, Duration.ofSeconds(30), PONG));
            warmUp.addAll(more);
        }
        System.out.printf("processes ready and warmed up %d ms after the test began (of which ready: %d ms), %d"
                + " interactions%n", millisSince(begun), pair.readyAfterMillis(), warmUp.size());
        return warmUp.size();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static void check(String what, DiscordEmulator emulator, List<DispatchedInteraction> sent,
                              IsolatedEnvironment environment, Pair pair, int total) throws Exception {
        long loadSent = System.nanoTime();
        List<InteractionRecord> records = pair.explainFailure(() -> {
            List<InteractionRecord> answered = AnsweredOnce.await(emulator, sent, Duration.ofSeconds(60), PONG);
            for (InteractionRecord record : answered) {
                assertTrue(record.acknowledgementLatency().compareTo(DISCORD_WINDOW) < 0,
                        "acknowledged after " + record.acknowledgementLatency() + ": " + record);
            }
            return answered;
        });
        long answeredAfter = millisSince(loadSent);
        Thread.sleep(1_000); // room for a wrong second answer to show up
        AnsweredOnce.recheck(emulator, sent, PONG);
        assertEquals(total, environment.count("SELECT count(DISTINCT interaction_id) FROM handled_interactions"),
                "every interaction handled, none lost");
        records.stream().sorted(java.util.Comparator.comparing(InteractionRecord::acknowledgementLatency).reversed())
                .limit(3).forEach(record -> System.out.println(what + ", among the slowest: "
                        + LoadSummary.callbackTimes(record)));
        long deferred = records.stream().filter(record -> record.acknowledgementType() == 5).count();
        LoadSummary summary = LoadSummary.of(records);
        System.out.printf("%s: %d interactions, acknowledgement p50 %d ms, p99 %d ms, max %d ms; %d deferred by the"
                        + " guard; all answered %d ms after the last was sent; worker intake limit now %s;"
                        + " load average %.2f%n", what, sent.size(),
                summary.p50().toMillis(), summary.p99().toMillis(), summary.max().toMillis(), deferred,
                answeredAfter, pair.intakeLimit(), java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
    }

    /** One gateway and one worker, each the packaged jar in a process of its own. */
    private record Pair(JarProcess gateway, JarProcess worker, long readyAfterMillis) implements AutoCloseable {
        static Pair start(DiscordEmulator emulator, IsolatedEnvironment environment) throws Exception {
            long begun = System.nanoTime();
            JarProcess worker = JarProcess.run(JarProcess.workerSettings(emulator, environment));
            JarProcess gateway = JarProcess.run(JarProcess.gatewaySettings(emulator, environment));
            try {
                worker.awaitReady(Duration.ofSeconds(90));
                gateway.awaitReady(Duration.ofSeconds(90));
            } catch (Throwable e) {
                new Pair(gateway, worker, 0).close();
                throw e;
            }
            return new Pair(gateway, worker, millisSince(begun));
        }

        /** Whether the gateway's guard acknowledges at receipt because the pipeline answered late. */
        boolean guardBehind() throws Exception {
            return MetricsScrape.parse(gateway.get("/metrics")).sum("guildflow_gateway_guard_behind") > 0;
        }

        String intakeLimit() throws Exception {
            return MetricsScrape.parse(worker.get("/metrics")).samples().stream()
                    .filter(sample -> sample.name().equals("guildflow_worker_intake_limit"))
                    .map(sample -> Integer.toString((int) sample.value())).findFirst().orElse("missing");
        }

        interface Check<T> {
            T run() throws Exception;
        }

        /** A failed check keeps both processes' output under target/ and says where. */
        <T> T explainFailure(Check<T> check) throws Exception {
            try {
                return check.run();
            } catch (AssertionError e) {
                Path gatewayLog = Path.of("target", "burst-gateway.log");
                Path workerLog = Path.of("target", "burst-worker.log");
                Files.writeString(gatewayLog, gateway.output());
                Files.writeString(workerLog, worker.output());
                throw new AssertionError(e.getMessage() + "\n(output in " + gatewayLog.toAbsolutePath() + " and "
                        + workerLog.toAbsolutePath() + ")", e);
            }
        }

        @Override
        public void close() throws Exception {
            try {
                gateway.close();
            } finally {
                worker.close();
            }
        }
    }
}
