package io.guildflow.common.discord.governor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.nats.Topology;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two processes' governors (two connections, one JVM) on the shared NATS share one bot's budget. */
class NatsBudgetLinkIT {
    private static final String ROUTE = "POST channels/{id}/messages";
    private final Topology topology = new Topology("rest-" + UUID.randomUUID().toString().substring(0, 8), 1);
    private final GovernorSettings settings = new GovernorSettings(50, 3);

    @AfterEach
    void removeBucket() throws Exception {
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            if (nats.keyValueManagement().getBucketNames().contains(topology.restBucket())) {
                nats.keyValueManagement().delete(topology.restBucket());
            }
        }
    }

    @Test
    void twoProcessesSplitTheGlobalLimitAndShareWhatTheyLearn() throws Exception {
        try (Connection natsA = Nats.connect("nats://127.0.0.1:4222");
             Connection natsB = Nats.connect("nats://127.0.0.1:4222");
             RestGovernor a = settings.sharedOver(natsA, topology, "token-1");
             RestGovernor b = settings.sharedOver(natsB, topology, "token-1");
             RestGovernor otherBot = settings.sharedOver(natsB, topology, "token-2")) {
            await(() -> a.snapshot().processes() == 2 && b.snapshot().processes() == 2, "each hears the other");
            a.admit("GET applications/@me", "", Priority.SETUP); // the share is taken at admission
            assertEquals(NatsBudgetLink.IDLE_SHARE, a.snapshot().globalShare(),
                    "turning active, A keeps to the idle share until B has heard it and its last second is over");
            Thread.sleep(NatsBudgetLink.RAMP_MILLIS);
            a.admit("GET applications/@me", "", Priority.SETUP);
            assertEquals(49, a.snapshot().globalShare(), "the only active process: all but idle B's one a second");
            b.admit("GET applications/@me", "", Priority.SETUP);
            await(() -> {
                a.admit("GET applications/@me", "", Priority.SETUP);
                return a.snapshot().globalShare() == 25;
            }, "both active: 50/s split in two");
            assertEquals(1, otherBot.snapshot().processes(), "another token is another budget");

            RestGovernor.Permit permit = a.admit(ROUTE, "5", Priority.OUTBOX).permit();
            assertNotNull(permit);
            a.answered(permit, 200, Map.of("X-RateLimit-Bucket", "h1", "X-RateLimit-Limit", "5",
                    "X-RateLimit-Remaining", "0", "X-RateLimit-Reset-After", "30")::get, 0);
            await(() -> b.admit(ROUTE, "5", Priority.OUTBOX).waitMillis() > 20_000,
                    "B sends nothing on the bucket A saw empty before its reset");
            assertNotNull(otherBot.admit(ROUTE, "5", Priority.OUTBOX).permit());

            for (int i = 0; i < 3; i++) {
                RestGovernor.Permit p = a.admit("PATCH channels/{id}/messages/{id}", "6", Priority.OUTBOX).permit();
                a.answered(p, 403, Map.<String, String>of()::get, 0);
            }
            await(() -> b.snapshot().invalidInWindow() == 3, "B counts A's invalid requests");
            assertTrue(b.admit(ROUTE, "8", Priority.OUTBOX).shed(), "and its breaker sheds B's outbox too");
            assertEquals(0, otherBot.snapshot().invalidInWindow());
        }
    }

    @Test
    void aProcessThatFindsNoOtherActiveWaitsOnlyUntilConcurrentStartsWouldBeHeard() throws Exception {
        AtomicLong clock = new AtomicLong(1_000_000);
        try (Connection natsA = Nats.connect("nats://127.0.0.1:4222");
             Connection natsB = Nats.connect("nats://127.0.0.1:4222");
             RestGovernor idle = settings.sharedOver(natsB, topology, "token-4");
             RestGovernor a = NatsBudgetLink.open(natsA, topology, "token-4", settings, "a", clock::get)) {
            await(() -> a.snapshot().processes() == 2, "A hears idle B");
            clock.addAndGet(100);
            RestGovernor.Permit first = a.admit("GET applications/@me", "", Priority.SETUP).permit();
            assertNotNull(first, "the idle share's one");
            a.answered(first, 200, Map.<String, String>of()::get, 0); // the route's bucket is free again
            assertEquals(NatsBudgetLink.IDLE_SHARE, a.snapshot().globalShare(), "turning active");
            assertEquals(NatsBudgetLink.SETTLE_MILLIS, a.admit("GET applications/@me", "", Priority.SETUP).waitMillis(),
                    "the next asks again when the share may grow, not after the idle share's whole second");
            clock.addAndGet(NatsBudgetLink.SETTLE_MILLIS - 50); // opened 300 ms ago: the roll call is answered
            a.admit("GET applications/@me", "", Priority.SETUP);
            assertEquals(NatsBudgetLink.IDLE_SHARE, a.snapshot().globalShare(), "still settling");
            clock.addAndGet(50);
            assertNotNull(a.admit("GET applications/@me", "", Priority.SETUP).permit());
            assertEquals(49, a.snapshot().globalShare(),
                    "nobody else active: after the settle time, long before the ramp's " + NatsBudgetLink.RAMP_MILLIS
                            + " ms");
        }
    }

    @Test
    void aNewcomerThatHearsAnActiveProcessKeepsToTheIdleShareForTheWholeRamp() throws Exception {
        AtomicLong clock = new AtomicLong(1_000_000);
        try (Connection natsA = Nats.connect("nats://127.0.0.1:4222");
             Connection natsB = Nats.connect("nats://127.0.0.1:4222");
             RestGovernor busy = settings.sharedOver(natsB, topology, "token-5")) {
            busy.admit("GET applications/@me", "", Priority.SETUP); // B turns active before A exists
            try (RestGovernor a = NatsBudgetLink.open(natsA, topology, "token-5", settings, "a", clock::get)) {
                await(() -> a.snapshot().processes() == 2, "B answers A's roll call");
                busy.admit("GET applications/@me", "", Priority.SETUP); // B still wants to send
                clock.addAndGet(NatsBudgetLink.ROLL_CALL_MILLIS + NatsBudgetLink.SETTLE_MILLIS);
                a.admit("GET applications/@me", "", Priority.SETUP);
                clock.addAndGet(NatsBudgetLink.SETTLE_MILLIS);
                a.admit("GET applications/@me", "", Priority.SETUP);
                assertEquals(NatsBudgetLink.IDLE_SHARE, a.snapshot().globalShare(),
                        "B's last second may hold its whole share: A waits until B has heard it and that second is over");
                clock.addAndGet(NatsBudgetLink.RAMP_MILLIS);
                busy.admit("GET applications/@me", "", Priority.SETUP);
                a.admit("GET applications/@me", "", Priority.SETUP);
                assertEquals(25, a.snapshot().globalShare(), "both active: 50/s split in two");
            }
        }
    }

    @Test
    void withoutNatsAProcessFallsBackToAConservativeShare() throws Exception {
        Connection nats = Nats.connect("nats://127.0.0.1:4222");
        try (RestGovernor governor = settings.sharedOver(nats, topology, "token-3")) {
            await(() -> governor.snapshot().processes() == 1, "hears itself");
            nats.close();
            governor.admit("GET applications/@me", "", Priority.SETUP);
            int share = governor.snapshot().globalShare();
            assertEquals(25, share, "half the limit: one other process may be out there, unseen");
            assertNotEquals(50, share);
        }
    }

    @Test
    void theTokenNeverLeavesTheProcess() {
        String key = NatsBudgetLink.tokenKey("MTIz.secret.token");
        assertEquals(16, key.length());
        assertTrue(!key.contains("MTIz") && !key.contains("secret"), key);
        assertEquals(key, NatsBudgetLink.tokenKey("MTIz.secret.token"), "stable across processes");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
