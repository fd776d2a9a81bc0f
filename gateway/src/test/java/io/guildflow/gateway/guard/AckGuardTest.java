package io.guildflow.gateway.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.api.Acknowledgement;
import io.guildflow.common.discord.DiscordApiException;
import io.guildflow.common.discord.DiscordError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AckGuardTest extends GuardTestBase {
    @Test
    void unansweredInteractionsGetTheStandInOfTheirKindAfterTheDeadline() throws Exception {
        Instant received = Instant.now();
        guard.watch(envelope("1", 2, received));
        guard.watch(envelope("2", 3, received));
        guard.watch(envelope("3", 4, received));
        guard.watch(envelope("4", 5, received));
        assertTrue(guard.awaitIdle(Duration.ofSeconds(5)));

        assertEquals(DEFERRED_MESSAGE, sent.get("1").path("type").asInt());
        assertFalse(sent.get("1").has("data"), "deferred publicly: a command's visibility is not known here");
        assertEquals(DEFERRED_UPDATE, sent.get("2").path("type").asInt());
        assertEquals(AUTOCOMPLETE_RESULT, sent.get("3").path("type").asInt());
        assertEquals(0, sent.get("3").path("data").path("choices").size());
        assertTrue(sent.get("3").path("data").path("choices").isArray());
        assertEquals(DEFERRED_MESSAGE, sent.get("4").path("type").asInt());
        for (Instant at : sentAt.values()) {
            // Nothing was ever answered, so the guard acts once the oldest has waited half the deadline
            // (the pipeline is stalled); a few milliseconds' slack: the wall clock and the timers'
            // monotonic clock may differ that much.
            assertTrue(!at.isBefore(received.plus(DEADLINE.dividedBy(2)).minusMillis(5)),
                    "not before half the deadline: " + at);
        }
        assertEquals(4.0, count("deferrals"));
    }

    @Test
    void deadlineCountsFromReceiptNotFromWhenTheWatchStarted() throws Exception {
        guard.close();
        guard = guard(10, LONG_DEADLINE, (id, token, response) -> record(id, response));
        guard.watch(envelope("1", 2, Instant.now().minus(LONG_DEADLINE).minusSeconds(1)));
        assertTrue(guard.awaitIdle(LONG_DEADLINE.dividedBy(2)), "already past its deadline: acknowledged at once");
        assertEquals(1, sent.size());
    }

    @Test
    void onceThePipelineIsLateTheNextInteractionIsAcknowledgedAtReceiptUntilAnAnswerComesQuickly() throws Exception {
        guard.close();
        guard = guard(10, Duration.ofSeconds(1), (id, token, response) -> record(id, response));
        guard.watch(envelope("1", 2, Instant.now()));
        assertTrue(guard.awaitIdle(Duration.ofSeconds(10)), "no worker answered: deferred at the deadline");
        assertEquals(0.0, count("at_receipt"));

        guard.watch(envelope("2", 2, Instant.now()));
        assertEquals(1.0, count("at_receipt"), "the pipeline is behind: waiting would only use up Discord's window");
        assertTrue(guard.awaitIdle(Duration.ofSeconds(10)));
        assertEquals(2, sent.size());

        guard.standDown("2"); // the worker's answer to the deferred interaction, right away: caught up
        guard.watch(envelope("3", 2, Instant.now()));
        guard.standDown("3");
        assertEquals(1.0, count("at_receipt"), "a worker gets its chance again");
        assertEquals(2, sent.size());
    }

    @Test
    void beforeAnyWorkerHasAnsweredOnlyAFewInteractionsWaitForOne() throws Exception {
        guard.close();
        guard = guard(100, LONG_DEADLINE, (id, token, response) -> record(id, response));
        int burst = AckGuard.UNPROVEN_WAITING + 3;
        for (int i = 1; i <= burst; i++) {
            guard.watch(envelope(Integer.toString(i), 2, Instant.now()));
        }
        assertEquals(3.0, count("at_receipt"), "the burst beyond the first few is acknowledged on arrival");
        for (int i = 1; i <= AckGuard.UNPROVEN_WAITING; i++) {
            guard.standDown(Integer.toString(i));
        }
        assertTrue(guard.awaitIdle(Duration.ofSeconds(5)));
        assertEquals(3, sent.size(), "the first few were left to their workers");

        guard.watch(envelope("after", 2, Instant.now()));
        assertEquals(1, guard.watched(), "a worker has answered in time: interactions wait for workers again");
        guard.standDown("after");
    }

    @Test
    void aStalledPipelineIsNoticedBeforeTheDeadlineAndEveryWaitingInteractionAcknowledged() throws Exception {
        guard.close();
        guard = guard(10, Duration.ofSeconds(4), (id, token, response) -> record(id, response));
        guard.watch(envelope("1", 2, Instant.now()));
        guard.watch(envelope("2", 3, Instant.now()));
        assertTrue(guard.awaitIdle(Duration.ofSeconds(10)));
        assertEquals(2, sent.size());
        assertEquals(0, registry.timer("guildflow.gateway.guard.timer_lag").count(),
                "acknowledged by the stall check, not by a deadline timer");
    }

    @Test
    void aHandlersDeclarationDecidesTheStandIn() throws Exception {
        guard.close();
        policy = new StandInPolicy(Map.of("balance", Acknowledgement.ephemeralReply(),
                "run", Acknowledgement.publicReply().immediately()),
                Map.of("signup", Acknowledgement.ephemeralReply()), Map.of());
        guard = guard(10, LONG_DEADLINE, (id, token, response) -> record(id, response));
        Instant due = Instant.now().minus(LONG_DEADLINE); // already due: deferred at once
        guard.watch(envelope("1", 2, due, "\"name\":\"balance\""));
        guard.watch(envelope("2", 3, due, "\"custom_id\":\"signup:join:7\",\"component_type\":2"));
        guard.watch(envelope("3", 3, due, "\"custom_id\":\"other:1\",\"component_type\":2"));
        guard.watch(envelope("4", 2, Instant.now(), "\"name\":\"run\""));
        assertTrue(guard.awaitIdle(Duration.ofSeconds(5)), "'run' is deferred on receipt, long before its deadline");

        assertEquals(DEFERRED_MESSAGE, sent.get("1").path("type").asInt());
        assertEquals(EPHEMERAL, sent.get("1").path("data").path("flags").asInt(), "an ephemeral answer stays private");
        assertEquals(DEFERRED_MESSAGE, sent.get("2").path("type").asInt(), "a component that replies: thinking…");
        assertEquals(EPHEMERAL, sent.get("2").path("data").path("flags").asInt());
        assertEquals(DEFERRED_UPDATE, sent.get("3").path("type").asInt(), "undeclared: the clicked message is kept");
        assertEquals(DEFERRED_MESSAGE, sent.get("4").path("type").asInt());
        assertFalse(sent.get("4").has("data"), "public");
        assertEquals(1.0, count("at_receipt"));
    }

    @Test
    void answeredInteractionIsLeftAlone() throws Exception {
        guard.close();
        guard = guard(10, Duration.ofMillis(500), (id, token, response) -> record(id, response));
        guard.watch(envelope("1", 2, Instant.now()));
        guard.standDown("1");
        guard.standDown("unknown");
        Thread.sleep(1_500);
        assertTrue(sent.isEmpty());
        assertEquals(0, guard.watched());
        assertEquals(1.0, count("stood_down"));
        assertEquals(0.0, count("deferrals"));
    }

    @Test
    void refusalsAreCountedQuietlyByReason() throws Exception {
        guard.close();
        AtomicInteger calls = new AtomicInteger();
        guard = guard(10, (id, token, response) -> {
            calls.incrementAndGet();
            int code = switch (id) {
                case "1" -> DiscordError.INTERACTION_ALREADY_ACKNOWLEDGED.code();
                case "2" -> DiscordError.UNKNOWN_INTERACTION.code();
                default -> DiscordError.INVALID_FORM_BODY.code();
            };
            throw new DiscordApiException("POST", "interactions/{id}/{token}/callback", 400, code, "", null, false);
        });
        for (String id : List.of("1", "2", "3")) {
            guard.watch(envelope(id, 2, Instant.now()));
        }
        assertTrue(guard.awaitIdle(Duration.ofSeconds(5)));
        assertEquals(3, calls.get());
        assertEquals(1.0, count("races_lost"));
        assertEquals(1.0, count("late"));
        assertEquals(1.0, count("failures"));
        assertEquals(0.0, count("deferrals"));
    }

    @Test
    void stateIsBoundedAndOverflowIsCounted() throws Exception {
        guard.close();
        guard = guard(2, LONG_DEADLINE, (id, token, response) -> record(id, response));
        Instant received = Instant.now();
        guard.watch(envelope("1", 2, received));
        guard.watch(envelope("2", 2, received));
        guard.watch(envelope("3", 2, received));
        assertEquals(2, guard.watched());
        assertEquals(1.0, count("dropped"));
        guard.standDown("1");
        guard.watch(envelope("4", 2, received));
        assertEquals(2, guard.watched(), "room again once one was answered");
    }

    @Test
    void aReplayedDispatchIsWatchedOnce() throws Exception {
        guard.close();
        guard = guard(10, LONG_DEADLINE, (id, token, response) -> record(id, response));
        guard.watch(envelope("1", 2, Instant.now()));
        guard.watch(envelope("1", 2, Instant.now()));
        assertEquals(1, guard.watched());
        guard.standDown("1");
        assertEquals(0, guard.watched(), "one stand-down releases it");
        assertEquals(1.0, count("stood_down"));
    }

    @Test
    void anInteractionOfATypeThisCodeDoesNotKnowIsNeitherWatchedNorAcknowledged() throws Exception {
        Instant received = Instant.now().minus(LONG_DEADLINE); // already due: a watched one would be deferred at once
        guard.watch(envelope("99", 99, received));
        guard.tellUnavailable(envelope("99", 99, received));
        assertTrue(guard.awaitIdle(Duration.ofSeconds(5)));
        assertEquals(0, guard.watched());
        assertTrue(sent.isEmpty() && edits.isEmpty() && followUps.isEmpty(), "no promise nobody keeps: " + sent);
        assertEquals(0.0, count("deferrals"));
    }

    @Test
    void anInteractionThatWillNeverBeHandledIsToldSoWhereItsUserSeesIt() throws Exception {
        guard.close();
        guard = guard(10, LONG_DEADLINE, (id, token, response) -> record(id, response));
        Instant received = Instant.now().minus(LONG_DEADLINE); // already due: deferred at once
        guard.watch(envelope("1", 2, received));
        guard.watch(envelope("2", 3, received));
        guard.watch(envelope("3", 4, received));
        assertTrue(guard.awaitIdle(Duration.ofSeconds(5)), "deferred first");
        guard.tellUnavailable(envelope("1", 2, received));
        guard.tellUnavailable(envelope("2", 3, received));
        guard.tellUnavailable(envelope("3", 4, received));
        guard.watch(envelope("4", 2, Instant.now()));
        guard.tellUnavailable(envelope("4", 2, Instant.now())); // before the guard's deadline
        assertTrue(guard.awaitIdle(Duration.ofSeconds(5)));

        assertEquals(StandInResponses.UNAVAILABLE_TEXT, edits.get("tok-1").path("content").asText(),
                "the public deferral of a command says it");
        assertEquals(EPHEMERAL, followUps.get("tok-2").path("flags").asInt(),
                "a component's message is left alone; only its user sees the notice");
        assertEquals(2, edits.size() + followUps.size(), "autocomplete already had its empty choices");
        assertEquals(MESSAGE, sent.get("4").path("type").asInt());
        assertEquals(EPHEMERAL, sent.get("4").path("data").path("flags").asInt());
        assertEquals(0, guard.watched(), "nothing left to defer after the notice");
        assertEquals(3.0, count("deferrals"));
        assertEquals(4.0, count("unavailable"));
    }

    @Test
    void aWorkersSlowCallbackIsKeptInReserveForTheGuardsOwn() throws Exception {
        double before = registry.get("guildflow.gateway.guard.reserve").gauge().value();
        guard.workerCallbackTook(1_000);
        double after = registry.get("guildflow.gateway.guard.reserve").gauge().value();
        assertTrue(before < 1.0, "reserve before any slow call: " + before);
        assertTrue(after >= 1.0, "Discord took a second for a worker; the guard keeps only " + after);
    }
}
