package io.guildflow.devtools.demo;

import io.guildflow.common.DaemonThreads;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testsupport.load.LoadGenerator;
import io.guildflow.testsupport.load.LoadSummary;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Sends {@code /ping} through the emulator at a steady open-loop rate (the emulator's load
 * generator), reports each answer as the emulator sees it arrive, and summarises the run.
 */
public final class PingTraffic {
    private final DiscordEmulator emulator;

    public PingTraffic(DiscordEmulator emulator) {
        this.emulator = emulator;
    }

    /** A run's outcome, in Discord's terms (from the emulator's recording), and how long it took. */
    public record Run(LoadSummary summary, Duration elapsed) {
        public boolean everyInteractionAnsweredOnceInTime() {
            return summary.answered() == summary.sent() && summary.answeredWithin3s() == summary.sent()
                    && summary.late() == 0 && summary.duplicates() == 0;
        }

        public String describe() {
            return String.format(Locale.ROOT, "sent %d, answered %d, within 3 s %d, duplicates %d, latency p50 %s,"
                            + " p99 %s, max %s, %.1f interactions/s", summary.sent(), summary.answered(),
                    summary.answeredWithin3s(), summary.duplicates(), millis(summary.p50()), millis(summary.p99()),
                    millis(summary.max()), summary.sent() / Math.max(0.001, elapsed.toNanos() / 1e9));
        }

        private static String millis(Duration duration) {
            return duration == null ? "-" : String.format(Locale.ROOT, "%.1f ms", duration.toNanos() / 1e6);
        }
    }

    /**
     * @param onAnswer called once per answered interaction, from a reporting thread
     * @param settle   how long to wait for the last answers after the last dispatch
     */
    public Run run(int count, double perSecond, Duration settle, Consumer<InteractionRecord> onAnswer)
            throws InterruptedException {
        Queue<String> dispatched = new ConcurrentLinkedQueue<>();
        Set<String> pending = new LinkedHashSet<>(); // reporter thread only
        AtomicInteger reported = new AtomicInteger();
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("gf-demo-reporter"));
        reporter.scheduleWithFixedDelay(() -> report(dispatched, pending, reported, onAnswer), 10, 10,
                TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        List<String> ids;
        try {
            ids = new LoadGenerator(emulator).run("ping", count, perSecond, index -> Map.of(),
                    sent -> dispatched.add(sent.id())).stream().map(DispatchedInteraction::id).toList();
            long deadline = System.nanoTime() + settle.toNanos();
            while (reported.get() < ids.size() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            reporter.shutdown();
            reporter.awaitTermination(1, TimeUnit.SECONDS);
        }
        return new Run(LoadSummary.of(emulator, ids), Duration.ofNanos(System.nanoTime() - start));
    }

    private void report(Queue<String> dispatched, Set<String> pending, AtomicInteger reported,
                        Consumer<InteractionRecord> onAnswer) {
        for (String id = dispatched.poll(); id != null; id = dispatched.poll()) {
            pending.add(id);
        }
        pending.removeIf(id -> {
            InteractionRecord record = emulator.interaction(id);
            if (record.respondedAt() == null) {
                return false;
            }
            onAnswer.accept(record);
            reported.incrementAndGet();
            return true;
        });
    }
}
