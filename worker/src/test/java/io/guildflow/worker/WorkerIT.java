package io.guildflow.worker;

import static io.guildflow.worker.TestEnvironment.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.worker.discord.Responded;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.guildflow.api.CommandContext;
import io.guildflow.api.SlashCommand;
import io.guildflow.api.CommandDefinition;
import io.guildflow.api.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Happy paths against real NATS JetStream and PostgreSQL: sharing, unknown commands, duplicates. */
class WorkerIT {
    @AutoClose
    private final TestEnvironment env = new TestEnvironment();

    /** Pings that take a moment, so one worker cannot drain the stream alone. */
    static final class SlowPing implements SlashCommand {
        private final TestPing ping = new TestPing();
        final AtomicInteger runs = new AtomicInteger();

        @Override
        public CommandDefinition definition() {
            return ping.definition();
        }

        @Override
        public Response handle(CommandContext ctx) throws Exception {
            runs.incrementAndGet();
            Thread.sleep(20);
            return ping.handle(ctx);
        }
    }

    @Test
    void twoWorkersShareTheStreamAndAnswerEveryInteractionExactlyOnce() throws Exception {
        RecordingResponder discord = new RecordingResponder("a");
        SlowPing pingA = new SlowPing();
        SlowPing pingB = new SlowPing();
        Worker a = env.worker("a", HandlerCatalog.of(pingA), discord, TestEnvironment.fastSettings());
        Worker b = env.worker("b", HandlerCatalog.of(pingB), discord.sibling("b"), TestEnvironment.fastSettings());
        assertTrue(a.consumerBound() && b.consumerBound() && a.natsConnected() && a.migrationsApplied()
                && a.databaseReachable());

        int n = 60;
        List<InteractionEnvelope> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            InteractionEnvelope envelope = TestEnvironment.command("ping");
            sent.add(envelope);
            env.publish(envelope, envelope.interactionId());
        }
        await("all " + n + " interactions answered", () -> discord.sent().size() >= n);
        await("all rows visible", () -> rows(null) == n);

        assertEquals(n, discord.sent().size(), "one answer per interaction");
        Set<String> answeredIds = discord.sent().stream().map(RecordingResponder.Sent::interactionId)
                .collect(Collectors.toSet());
        assertEquals(sent.stream().map(InteractionEnvelope::interactionId).collect(Collectors.toSet()), answeredIds);
        assertEquals(n, discord.answeredCount());
        assertEquals(n, pingA.runs.get() + pingB.runs.get(), "each handler ran once per interaction");
        assertTrue(pingA.runs.get() > 0 && pingB.runs.get() > 0,
                "both workers took part: a=" + pingA.runs.get() + " b=" + pingB.runs.get());
        assertEquals(n, rows("outcome = 'answered' AND response->'callback'->'data'->>'content' LIKE 'pong (gateway → worker % ms)'"));
        RecordingResponder.Sent first = discord.sent().get(0);
        assertEquals(4, first.callback().path("type").asInt());
        assertTrue(first.callback().path("data").path("content").asText().startsWith("pong (gateway → worker "));
    }

    @Test
    void unknownCommandGetsAnEphemeralReplyAndIsRecorded() throws Exception {
        RecordingResponder discord = new RecordingResponder("a");
        env.worker("a", HandlerCatalog.of(new TestPing()), discord, TestEnvironment.fastSettings());
        InteractionEnvelope unknown = TestEnvironment.command("nope");
        env.publish(unknown, unknown.interactionId());

        await("unknown command answered", () -> !discord.sentFor(unknown.interactionId()).isEmpty());
        var callback = discord.sentFor(unknown.interactionId()).get(0).callback();
        assertEquals("Unknown command /nope", callback.path("data").path("content").asText());
        assertEquals(64, callback.path("data").path("flags").asInt());
        assertEquals(1, rows("interaction_id = '" + unknown.interactionId() + "' AND outcome = 'unknown_command'"));
    }

    @Test
    void duplicateOfACommittedButUnrecordedSendReadsFirstAndSendsNothingDiscordShows() throws Exception {
        RecordingResponder discord = new RecordingResponder("a");
        SlowPing ping = new SlowPing();
        env.worker("a", HandlerCatalog.of(ping), discord, TestEnvironment.fastSettings());
        InteractionEnvelope envelope = TestEnvironment.command("ping");
        env.publish(envelope, "first-" + envelope.interactionId());
        await("first answer", () -> discord.sentFor(envelope.interactionId()).size() == 1);

        // The first worker died after Discord accepted the answer but before recording it...
        await("delivery recorded", () -> rows("delivered_at IS NOT NULL") == 1);
        env.execute("UPDATE " + env.schema() + ".handled_interactions SET delivered_at = NULL");
        // ...and a second gateway published the same interaction outside the dedup window: a new message id.
        env.publish(envelope, "second-" + envelope.interactionId());
        await("second delivery handled", () -> discord.sentFor(envelope.interactionId()).size() == 2);
        await("its delivery recorded again", () -> rows("delivered_at IS NOT NULL") == 1);

        List<RecordingResponder.Sent> answers = discord.sentFor(envelope.interactionId());
        assertEquals(1, ping.runs.get(), "handler ran once");
        assertEquals(answers.get(0).callback(), answers.get(1).callback(), "the stored answer both times");
        assertEquals(List.of(Responded.CALLBACK, Responded.SHOWN_ALREADY),
                answers.stream().map(RecordingResponder.Sent::result).toList(),
                "the redelivery read what Discord shows and sent nothing again");
        assertEquals(1, rows("interaction_id = '" + envelope.interactionId() + "'"));
    }

    @Test
    void failingHandlerRollsBackItsEffectsAndAnswersWithAnApology() throws Exception {
        RecordingResponder discord = new RecordingResponder("a");
        SlashCommand broken = new SlashCommand() {
            @Override
            public CommandDefinition definition() {
                return CommandDefinition.of("broken", "always fails");
            }

            @Override
            public Response handle(CommandContext ctx) throws Exception {
                try (var statement = ctx.sql().createStatement()) {
                    statement.execute("CREATE TABLE effect_of_broken (id int)");
                }
                throw new IllegalStateException("boom");
            }
        };
        env.worker("a", HandlerCatalog.of(broken), discord, TestEnvironment.fastSettings());
        InteractionEnvelope envelope = TestEnvironment.command("broken");
        env.publish(envelope, envelope.interactionId());

        await("apology sent", () -> !discord.sentFor(envelope.interactionId()).isEmpty());
        var callback = discord.sentFor(envelope.interactionId()).get(0).callback();
        assertTrue(callback.path("data").path("content").asText().startsWith("Something went wrong"));
        assertEquals(64, callback.path("data").path("flags").asInt());
        assertEquals(1, rows("interaction_id = '" + envelope.interactionId() + "' AND outcome = 'failed'"));
        assertEquals(0, env.count("SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                + env.schema() + "' AND table_name = 'effect_of_broken'"), "the handler's effect was rolled back");
    }

    private long rows(String where) {
        try {
            return env.rows(where);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
