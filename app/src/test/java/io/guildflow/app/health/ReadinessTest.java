package io.guildflow.app.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    @Test
    void startingUntilFirstReadyThenDegraded() {
        AtomicBoolean nats = new AtomicBoolean(false);
        try (Readiness readiness = new Readiness()) {
            readiness.add("nats", () -> nats.get() ? CheckResult.ok("connected") : CheckResult.failing("disconnected"));

            assertEquals(ReadinessStatus.STARTING, readiness.evaluate().status());
            nats.set(true);
            ReadinessReport ready = readiness.evaluate();
            assertEquals(ReadinessStatus.READY, ready.status());
            assertEquals(CheckResult.ok("connected"), ready.checks().get("nats"));
            nats.set(false);
            assertEquals(ReadinessStatus.DEGRADED, readiness.evaluate().status());
        }
    }

    @Test
    void keepsRegistrationOrder() {
        try (Readiness readiness = new Readiness()) {
            readiness.add("shards", () -> CheckResult.ok("2/2"))
                    .add("nats", () -> CheckResult.ok("connected"))
                    .add("stream", () -> CheckResult.ok("present"));
            assertEquals(List.of("shards", "nats", "stream"), List.copyOf(readiness.evaluate().checks().keySet()));
        }
    }

    @Test
    void exceptionBecomesFailingWithClassNameOnly() {
        try (Readiness readiness = new Readiness()) {
            readiness.add("db", () -> {
                throw new IllegalStateException("jdbc:postgresql://u:hunter2@db/x");
            });
            CheckResult r = readiness.evaluate().checks().get("db");
            assertFalse(r.ok());
            assertTrue(r.detail().contains("IllegalStateException"), r.detail());
            assertFalse(r.detail().contains("hunter2"), r.detail());
        }
    }

    @Test
    void hangingCheckTimesOut() throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        try (Readiness readiness = new Readiness(Duration.ofMillis(50))) {
            readiness.add("db", () -> {
                never.await();
                return CheckResult.ok("reachable");
            });
            readiness.add("nats", () -> CheckResult.ok("connected"));
            ReadinessReport report = readiness.evaluate();
            assertEquals(ReadinessStatus.STARTING, report.status());
            assertEquals(CheckResult.failing("timed out"), report.checks().get("db"));
            assertTrue(report.checks().get("nats").ok());
        }
    }

    @Test
    void nullResultIsFailing() {
        try (Readiness readiness = new Readiness()) {
            readiness.add("x", () -> null);
            assertFalse(readiness.evaluate().checks().get("x").ok());
        }
    }

    @Test
    void noChecksMeansReady() {
        try (Readiness readiness = new Readiness()) {
            assertTrue(readiness.evaluate().ready());
        }
    }

    @Test
    void duplicateNameRejected() {
        try (Readiness readiness = new Readiness()) {
            readiness.add("nats", () -> CheckResult.ok("a"));
            assertThrows(IllegalArgumentException.class, () -> readiness.add("nats", () -> CheckResult.ok("b")));
        }
    }

    @Test
    void closedReadinessReportsNotReadyInsteadOfThrowing() {
        Readiness readiness = new Readiness().add("nats", () -> CheckResult.ok("connected"));
        readiness.close();
        ReadinessReport report = readiness.evaluate();
        assertFalse(report.ready());
        assertEquals(CheckResult.failing("shutting down"), report.checks().get("nats"));
    }
}
