package io.guildflow.worker;

import static io.guildflow.worker.TestEnvironment.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.testsupport.net.CuttableProxy;
import io.guildflow.worker.database.Database;
import io.guildflow.worker.discord.DiscordResponder;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.guildflow.worker.dispatch.TransactionLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away for 10 s under steady traffic (a proxy in front of the shared server is cut):
 * the worker stops pulling and reports not ready, events wait in the stream, and once the database is
 * back everything is answered exactly once, new traffic at normal speed at once.
 */
class DatabaseOutageIT {
    private static final Duration OUTAGE = Duration.ofSeconds(10);

    @AutoClose
    private final TestEnvironment env = new TestEnvironment();
    @AutoClose
    private final CuttableProxy proxy = IsolatedEnvironment.proxyToDatabase();

    DatabaseOutageIT() throws Exception {
    }

    @Test
    void aTenSecondOutageDelaysButLosesNothingAndTrafficAfterItFlowsAtOnce() throws Exception {
        RecordingResponder discord = new RecordingResponder("a");
        Map<String, Instant> answeredAt = new ConcurrentHashMap<>();
        DiscordResponder timed = (envelope, response) -> {
            answeredAt.putIfAbsent(envelope.interactionId(), Instant.now());
            return discord.respond(envelope, response);
        };
        Database database = env.database("a", proxy);
        Worker worker = env.worker("a", env.connect("a"), database, HandlerCatalog.of(new TestPing()), timed,
                TestEnvironment.fastSettings(), TransactionLimits.DEFAULT);

        Map<String, Instant> publishedAt = new ConcurrentHashMap<>();
        List<Boolean> readyDuringOutage = new CopyOnWriteArrayList<>();
        Instant start = Instant.now();
        Instant cutAt = start.plusSeconds(3);
        Instant restoreAt = cutAt.plus(OUTAGE);
        Instant end = restoreAt.plusSeconds(5);
        boolean cut = false;
        boolean restored = false;
        while (Instant.now().isBefore(end)) {
            Instant now = Instant.now();
            if (!cut && now.isAfter(cutAt)) {
                proxy.cut();
                cut = true;
            }
            if (cut && !restored && now.isAfter(restoreAt)) {
                proxy.restore();
                restored = true;
            }
            if (cut && !restored && now.isAfter(cutAt.plusSeconds(2))) {
                readyDuringOutage.add(worker.databaseReachable());
            }
            InteractionEnvelope envelope = TestEnvironment.command("ping");
            publishedAt.put(envelope.interactionId(), Instant.now());
            env.publish(envelope, envelope.interactionId());
            Thread.sleep(100);
        }

        await("every interaction answered", () -> answeredAt.size() == publishedAt.size());
        assertTrue(!readyDuringOutage.isEmpty() && !readyDuringOutage.contains(true),
                "the database check (/ready) failed throughout the outage: " + readyDuringOutage);
        assertTrue(worker.databaseReachable(), "ready again after the outage");
        for (String id : publishedAt.keySet()) {
            assertEquals(1, discord.sentFor(id).size(), "interaction " + id + " answered once");
        }
        assertEquals(publishedAt.size(), env.rows(null));
        // The probe reopens pulling within half a second; give it one more before judging latency.
        Instant settled = restoreAt.plusSeconds(1);
        long slowest = publishedAt.entrySet().stream().filter(e -> e.getValue().isAfter(settled))
                .mapToLong(e -> Duration.between(e.getValue(), answeredAt.get(e.getKey())).toMillis())
                .max().orElseThrow();
        // Within Discord's 3 s, without the guard: a backoff holding pending slots would take 4 s to 30 s.
        assertTrue(slowest < 3_000, "traffic after the outage answered at once, slowest took " + slowest + " ms");
    }

    @Test
    void anAnswerDiscordTookIsNotSentAgainWhenTheDatabaseGoesAwayBeforeItIsRecorded() throws Exception {
        RecordingResponder discord = new RecordingResponder("a");
        DiscordResponder cutRightAfterSending = (envelope, response) -> {
            var result = discord.respond(envelope, response);
            proxy.cut(); // Discord has the answer; recording that it does fails
            Thread restore = new Thread(() -> {
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                proxy.restore();
            }, "restore-database");
            restore.setDaemon(true);
            restore.start();
            return result;
        };
        Database database = env.database("a", proxy);
        Worker worker = env.worker("a", env.connect("a"), database, HandlerCatalog.of(new TestPing()),
                cutRightAfterSending, TestEnvironment.fastSettings(), TransactionLimits.DEFAULT);

        InteractionEnvelope envelope = TestEnvironment.command("ping");
        env.publish(envelope, envelope.interactionId());
        await("answered", () -> !discord.sentFor(envelope.interactionId()).isEmpty());
        await("the database is back", worker::databaseReachable);
        // A retry would come 1 s after the failure (or after ackWait, 2 s, without a nak): wait past both.
        Thread.sleep(4_000);
        assertEquals(1, discord.sentFor(envelope.interactionId()).size(),
                "acked once Discord took the answer, not retried: " + discord.sentFor(envelope.interactionId()));
    }
}
