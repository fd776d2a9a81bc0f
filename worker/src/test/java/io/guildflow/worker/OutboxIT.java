package io.guildflow.worker;

import static io.guildflow.worker.TestEnvironment.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.api.CommandContext;
import io.guildflow.api.CommandDefinition;
import io.guildflow.api.Message;
import io.guildflow.api.Response;
import io.guildflow.api.SlashCommand;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.telemetry.MetricNames;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.guildflow.worker.dispatch.TransactionLimits;
import io.guildflow.worker.outbox.ChannelMessages;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Channel messages a handler requests are sent after its commit, exactly once, and never for a rollback. */
class OutboxIT {
    @AutoClose
    private final TestEnvironment env = new TestEnvironment();

    @Test
    void aPostAndItsLaterEditsAreDeliveredAfterTheCommitAndPendingEditsMerge() throws Exception {
        RecordingResponder discord = new RecordingResponder("a");
        env.worker("a", env.connect("a"), HandlerCatalog.of(new Announce(false)), discord,
                TestEnvironment.fastSettings());
        InteractionEnvelope envelope = TestEnvironment.command("announce");
        env.publish(envelope, envelope.interactionId());

        await("the post and its final edit arrive", () -> discord.posts().size() == 1
                && discord.posts().get(0).edits() >= 1);
        await("every action sent or merged", () -> sentActions() == 4 && pendingActions() == 0);
        RecordingResponder.Posted post = discord.posts().get(0);
        assertEquals("777", post.channelId());
        assertEquals("edit 3", post.body().path("content").asText());
        assertEquals(1, post.edits(), "three pending edits of one message are sent as the latest one");
        assertEquals(2, env.count("SELECT count(*) FROM " + env.schema()
                + ".discord_outbox WHERE outcome = 'superseded'"));
    }

    @Test
    void aHandlerThatFailsAfterQueueingSendsNothing() throws Exception {
        RecordingResponder discord = new RecordingResponder("a");
        env.worker("a", env.connect("a"), HandlerCatalog.of(new Announce(true)), discord, TestEnvironment.fastSettings());
        InteractionEnvelope envelope = TestEnvironment.command("announce");
        env.publish(envelope, envelope.interactionId());

        await("the apology is sent", () -> !discord.sentFor(envelope.interactionId()).isEmpty());
        Thread.sleep(1_500); // the outbox polls every second
        assertTrue(discord.posts().isEmpty(), "rolled back with the handler: " + discord.posts());
        assertEquals(0, env.count("SELECT count(*) FROM " + env.schema() + ".discord_outbox"));
    }

    @Test
    void aPostWhoseConfirmationWasLostIsRepeatedWithTheSameNonceAndAppearsOnce() throws Exception {
        RecordingResponder discord = new RecordingResponder("a");
        AtomicInteger creates = new AtomicInteger();
        ChannelMessages losesFirstConfirmation = new ChannelMessages() {
            @Override
            public String create(String channelId, ObjectNode body, String nonce) throws IOException {
                String id = discord.create(channelId, body, nonce);
                if (creates.incrementAndGet() == 1) {
                    throw new IOException("connection reset after Discord created the message");
                }
                return id;
            }

            @Override
            public void edit(String channelId, String messageId, ObjectNode body) {
                discord.edit(channelId, messageId, body);
            }
        };
        Worker worker = new Worker(env.connect("a"), env.topology(), env.database("a"),
                HandlerCatalog.of(new Announce(false)), discord, losesFirstConfirmation, new SimpleMeterRegistry(),
                TestEnvironment.tracing(), Clock.systemUTC(), "a",
                TestEnvironment.settings(TestEnvironment.fastSettings(), TransactionLimits.DEFAULT),
                TestEnvironment.SHUTDOWN);
        try (worker) {
            worker.start();
            InteractionEnvelope envelope = TestEnvironment.command("announce");
            env.publish(envelope, envelope.interactionId());
            await("sent after the retry", () -> creates.get() >= 2 && sentActions() == 4);
        }
        assertEquals(2, creates.get(), "the post was sent twice");
        assertEquals(1, discord.posts().size(), "and Discord kept one message (same nonce)");
        assertEquals("edit 3", discord.posts().get(0).body().path("content").asText());
    }

    @Test
    void theBacklogGaugeCountsUnsentRowsUntilDiscordTakesThem() throws Exception {
        RecordingResponder discord = new RecordingResponder("a");
        AtomicBoolean discordDown = new AtomicBoolean(true);
        ChannelMessages flaky = new ChannelMessages() {
            @Override
            public String create(String channelId, ObjectNode body, String nonce) throws IOException {
                if (discordDown.get()) {
                    throw new IOException("Discord unreachable");
                }
                return discord.create(channelId, body, nonce);
            }

            @Override
            public void edit(String channelId, String messageId, ObjectNode body) {
                discord.edit(channelId, messageId, body);
            }
        };
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Worker worker = new Worker(env.connect("a"), env.topology(), env.database("a"),
                HandlerCatalog.of(new Announce(false)), discord, flaky, meters, TestEnvironment.tracing(),
                Clock.systemUTC(), "a", TestEnvironment.settings(TestEnvironment.fastSettings(), TransactionLimits.DEFAULT),
                TestEnvironment.SHUTDOWN);
        try (worker) {
            worker.start();
            InteractionEnvelope envelope = TestEnvironment.command("announce");
            env.publish(envelope, envelope.interactionId());
            await("the post and its 3 edits counted as backlog", () -> backlogGauge(meters) == 4);
            assertEquals(4, pendingActions());
            discordDown.set(false);
            await("the backlog drained", () -> backlogGauge(meters) == 0);
            assertEquals(1, discord.posts().size());
        }
    }

    private static double backlogGauge(SimpleMeterRegistry meters) {
        return meters.get(MetricNames.WORKER_OUTBOX_BACKLOG).gauge().value();
    }

    private long sentActions() {
        try {
            return env.count("SELECT count(*) FROM " + env.schema() + ".discord_outbox WHERE delivered_at IS NOT NULL");
        } catch (SQLException e) {
            return -1;
        }
    }

    private long pendingActions() {
        try {
            return env.count("SELECT count(*) FROM " + env.schema() + ".discord_outbox WHERE delivered_at IS NULL");
        } catch (SQLException e) {
            return -1;
        }
    }

    /** Posts in channel 777 and edits that post three times, then answers (or fails). */
    static final class Announce implements SlashCommand {
        private final boolean failAfterwards;

        Announce(boolean failAfterwards) {
            this.failAfterwards = failAfterwards;
        }

        @Override
        public CommandDefinition definition() {
            return CommandDefinition.of("announce", "Posts an announcement");
        }

        @Override
        public Response handle(CommandContext context) {
            String key = context.discord().postMessage("777", Message.text("announcement"));
            for (int i = 1; i <= 3; i++) {
                context.discord().editPosted(key, Message.text("edit " + i));
            }
            if (failAfterwards) {
                throw new IllegalStateException("broken after queueing");
            }
            return Response.reply("announced");
        }
    }
}
