package io.guildflow.worker.outbox;

import static io.guildflow.worker.TestEnvironment.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.guildflow.api.CommandContext;
import io.guildflow.api.CommandDefinition;
import io.guildflow.api.Message;
import io.guildflow.api.Response;
import io.guildflow.api.SlashCommand;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.worker.RecordingResponder;
import io.guildflow.worker.TestEnvironment;
import io.guildflow.worker.Worker;
import io.guildflow.worker.database.Database;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.guildflow.worker.dispatch.TransactionLimits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueStatus;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The posts bucket on the shared NATS and PostgreSQL: a worker's outbox records where Discord put each post, a
 * replay gives a replayed post that message id back, and without the bucket the outbox sends all the same.
 */
class DeliveredPostsIT {
    @AutoClose
    private final TestEnvironment env = new TestEnvironment();

    @Test
    void aSentPostIsKeptInTheBucketAndAReplayedPostGetsItsMessageIdBack() throws Exception {
        RecordingResponder discord = new RecordingResponder("a");
        InteractionEnvelope envelope = TestEnvironment.command("post");
        String postKey = envelope.interactionId() + ":0";
        String messageId;
        try (Worker worker = new Worker(env.connect("a"), env.topology(), env.database("a"),
                HandlerCatalog.of(new Post()), discord, discord, new SimpleMeterRegistry(), TestEnvironment.tracing(),
                Clock.systemUTC(), "a",
                TestEnvironment.settings(TestEnvironment.fastSettings(), TransactionLimits.DEFAULT),
                TestEnvironment.SHUTDOWN)) {
            worker.start();
            KeyValueStatus bucket = env.admin().keyValueManagement().getBucketInfo(env.topology().postsBucket());
            assertEquals(Duration.ofHours(48), bucket.getTtl(), "as long as the streams keep an event");
            assertEquals(StorageType.File, bucket.getStorageType());
            assertEquals(1, bucket.getMaxHistoryPerKey());

            env.publish(envelope, envelope.interactionId());
            await("the post sent", () -> "sent".equals(outcomeOf(postKey)));
            messageId = messageIdOf(postKey);
            assertEquals(discord.posts().get(0).messageId(), messageId);
            await("its entry written", () -> entry(postKey) != null);
            assertEquals("777 " + messageId, new String(entry(postKey).getValue(), StandardCharsets.UTF_8));
        }

        // The restore lost the row; the replay queues the post again and records it as delivered.
        env.execute("DELETE FROM " + env.schema() + ".discord_outbox");
        Database database = env.database("replay");
        try (Connection tx = database.connection()) {
            tx.setAutoCommit(false);
            OutboxWriter.forInteraction(tx, envelope.interactionId()).postMessage("777", Message.text("hello"));
            OutboxWriter.forInteraction(tx, "never-sent").postMessage("777", Message.text("lost"));
            DeliveredPosts delivered = DeliveredPosts.in(env.connect("replay"), env.topology());
            assertEquals(1, OutboxWriter.recordReplayed(tx, envelope.interactionId(), delivered));
            assertEquals(1, OutboxWriter.recordReplayed(tx, "never-sent", delivered));
            tx.commit();
        }
        assertEquals(messageId, messageIdOf(postKey));
        assertEquals("replayed", env.text("SELECT outcome FROM " + env.schema() + ".discord_outbox"
                + " WHERE action_key = '" + postKey + "'"));
        assertNull(messageIdOf("never-sent:0"), "a post the bucket has no entry of keeps no message id");
    }

    @Test
    void withoutTheBucketTheOutboxSendsAllTheSame() throws Exception {
        RecordingResponder discord = new RecordingResponder("a");
        env.worker("a", env.connect("a"), HandlerCatalog.of(new Post()), discord, TestEnvironment.fastSettings());
        env.admin().keyValueManagement().delete(env.topology().postsBucket());

        InteractionEnvelope envelope = TestEnvironment.command("post");
        env.publish(envelope, envelope.interactionId());
        await("the post sent and recorded as sent", () -> "sent".equals(outcomeOf(envelope.interactionId() + ":0")));
        assertEquals(discord.posts().get(0).messageId(), messageIdOf(envelope.interactionId() + ":0"));
    }

    private String messageIdOf(String actionKey) throws SQLException {
        return env.text("SELECT message_id FROM " + env.schema() + ".discord_outbox WHERE action_key = '"
                + actionKey + "'");
    }

    /** Null while there is none (or PostgreSQL does not answer: the caller waits). */
    private String outcomeOf(String actionKey) {
        try {
            return env.text("SELECT outcome FROM " + env.schema() + ".discord_outbox WHERE action_key = '"
                    + actionKey + "'");
        } catch (SQLException e) {
            return null;
        }
    }

    /** Null while there is none (or NATS does not answer: the caller waits). */
    private KeyValueEntry entry(String actionKey) {
        try {
            return env.admin().keyValue(env.topology().postsBucket()).get(DeliveredPosts.key(actionKey));
        } catch (IOException | JetStreamApiException e) {
            return null;
        }
    }

    /** Posts once in channel 777. */
    private static final class Post implements SlashCommand {
        @Override
        public CommandDefinition definition() {
            return CommandDefinition.of("post", "Posts a message");
        }

        @Override
        public Response handle(CommandContext context) {
            context.discord().postMessage("777", Message.text("hello"));
            return Response.reply("posted");
        }
    }
}
