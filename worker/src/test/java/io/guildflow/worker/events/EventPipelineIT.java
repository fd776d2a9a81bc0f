package io.guildflow.worker.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.api.event.EventContext;
import io.guildflow.api.event.EventHandler;
import io.guildflow.api.event.EventType;
import io.guildflow.api.event.MessageEvent;
import io.guildflow.common.event.EventHeaders;
import io.guildflow.common.event.EventKeys;
import io.guildflow.common.event.EventScope;
import io.guildflow.common.nats.EventStreamSettings;
import io.guildflow.common.nats.Topology;
import io.guildflow.worker.RecordingResponder;
import io.guildflow.worker.TestEnvironment;
import io.guildflow.worker.consumer.ConsumerSettings;
import io.guildflow.worker.dispatch.HandlerCatalog;
import io.guildflow.worker.dispatch.TransactionLimits;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Gateway events through real NATS and PostgreSQL, published as the gateway publishes them (common's contract):
 * exactly once, in a guild's order across two workers, poison events dead-lettered without stopping a partition.
 */
class EventPipelineIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Two partitions: few consumers to create, still more than one for the two workers to share. */
    private static final EventStreamSettings EVENTS = new EventStreamSettings(Duration.ofHours(1), 1L << 24, 2);

    @AutoClose
    private final TestEnvironment env = new TestEnvironment();

    /** Records each message it handles in the bot's table, in the event's transaction; fails where told. */
    static final class Recorder implements EventHandler<MessageEvent> {
        /** Message ids whose first delivery fails (a handler failing once). */
        private final Set<String> failOnce = ConcurrentHashMap.newKeySet();

        @Override
        public EventType<MessageEvent> type() {
            return EventType.MESSAGE_CREATE;
        }

        @Override
        public void handle(MessageEvent event, EventContext context) throws Exception {
            if (event.content().equals("poison")) {
                throw new IllegalStateException("poison message " + event.messageId());
            }
            try (PreparedStatement insert = context.sql().prepareStatement(
                    "INSERT INTO seen (message_id, guild_id, content, exactly_once) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, event.messageId());
                insert.setString(2, event.guildId().orElse("dm"));
                insert.setString(3, event.content());
                insert.setBoolean(4, context.exactlyOnce());
                insert.executeUpdate();
            }
            if (failOnce.remove(event.messageId())) {
                throw new IllegalStateException("failing once after writing, so the write must roll back");
            }
        }
    }

    private void startWorkers(Recorder recorder, int count, int maxDeliver) throws Exception {
        HandlerCatalog catalog = HandlerCatalog.of().withEvents(EventCatalog.of(List.of(recorder), List.of()));
        ConsumerSettings consumer = new ConsumerSettings(2, Duration.ofSeconds(2), maxDeliver, 2);
        for (int i = 0; i < count; i++) {
            String id = "events-" + i;
            env.worker(id, env.connect(id), EVENTS, env.database(id), catalog, new RecordingResponder(id),
                    TestEnvironment.settings(consumer, TransactionLimits.DEFAULT), TestEnvironment.SHUTDOWN);
            if (i == 0) {
                env.execute("CREATE TABLE " + env.schema() + ".seen (n bigserial PRIMARY KEY, message_id text NOT NULL,"
                        + " guild_id text NOT NULL, content text NOT NULL, exactly_once boolean NOT NULL)");
            }
        }
    }

    private static ObjectNode message(String id, String guild, String content) {
        ObjectNode d = JSON.createObjectNode().put("id", id).put("channel_id", "77").put("guild_id", guild)
                .put("content", content).put("type", 0);
        d.putObject("author").put("id", "5").put("username", "someone");
        d.putArray("mentions");
        return d;
    }

    /** As the gateway does: subject by scope and partition, the contract's headers, Msg-Id = the event's key. */
    private void publish(String type, JsonNode d, String msgId) throws Exception {
        Topology topology = env.topology();
        EventScope scope = EventScope.of(d);
        Headers headers = new Headers().put(EventHeaders.TYPE, type)
                .put(EventHeaders.RECEIVED_AT, Instant.now().toString()).put(EventHeaders.SHARD, "0");
        EventKeys.of(type, d).ifPresent(key -> headers.put(EventHeaders.KEY, key));
        headers.put(Topology.HEADER_MESSAGE_ID, msgId != null ? msgId
                : EventKeys.of(type, d).orElse(UUID.randomUUID().toString()));
        env.admin().jetStream().publish(NatsMessage.builder()
                .subject(topology.eventSubject(scope, type, scope.partition(EVENTS.partitions())))
                .headers(headers).data(JSON.writeValueAsBytes(d)).build());
    }

    private List<String> contentsOf(String guild) throws Exception {
        List<String> contents = new ArrayList<>();
        try (java.sql.Connection sql = env.sql();
             PreparedStatement select = sql.prepareStatement("SELECT content FROM seen WHERE guild_id = ? ORDER BY n")) {
            select.setString(1, guild);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    contents.add(rows.getString(1));
                }
            }
        }
        return contents;
    }

    @Test
    void eachEventOnceAndEveryGuildInOrderWhileTwoWorkersShareThePartitions() throws Exception {
        Recorder recorder = new Recorder();
        recorder.failOnce.add("100005");
        startWorkers(recorder, 2, 5);
        List<String> guilds = List.of("4001", "4002", "4003", "4004");
        int perGuild = 15;
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < perGuild; i++) {
            expected.add("m" + i);
            for (int g = 0; g < guilds.size(); g++) {
                String id = Long.toString(100_000 + g * 1000L + i);
                ObjectNode d = message(id, guilds.get(g), "m" + i);
                publish("MESSAGE_CREATE", d, null);
                if (i == 3) {
                    publish("MESSAGE_CREATE", d, null); // same Msg-Id: JetStream drops it
                    publish("MESSAGE_CREATE", d, "second-gateway-" + id); // a copy past the window: the ledger
                }
            }
        }

        TestEnvironment.await("every message handled", () -> count("SELECT count(*) FROM " + env.schema()
                + ".handled_events") == (long) perGuild * guilds.size());
        Thread.sleep(300); // a duplicate, if any, would be handled right after its original
        assertEquals((long) perGuild * guilds.size(), count("SELECT count(*) FROM " + env.schema() + ".seen"));
        for (String guild : guilds) {
            assertEquals(expected, contentsOf(guild), "guild " + guild + " in Discord's order, each once");
        }
        assertEquals(0, count("SELECT count(*) FROM " + env.schema() + ".seen WHERE NOT exactly_once"));
        assertTrue(recorder.failOnce.isEmpty(), "the failing delivery happened and was retried");
        ConsumerConfiguration partition = env.admin().jetStreamManagement()
                .getConsumerInfo(env.topology().eventStreamName(), env.topology().eventConsumerName("guild", 1))
                .getConsumerConfiguration();
        assertEquals(1, partition.getMaxAckPending());
        assertEquals(env.topology().eventPartitionSubjects("guild", 1), partition.getFilterSubject());
    }

    @Test
    void poisonAndUnreadableEventsAreDeadLetteredAndThePartitionMovesOn() throws Exception {
        startWorkers(new Recorder(), 1, 2);
        String guild = "5001";
        publish("MESSAGE_CREATE", message("200001", guild, "before"), null);
        publish("MESSAGE_CREATE", message("200002", guild, "poison"), null);
        EventScope scope = EventScope.guild(guild);
        env.admin().jetStream().publish(NatsMessage.builder()
                .subject(env.topology().eventSubject(scope, "MESSAGE_CREATE", scope.partition(EVENTS.partitions())))
                .headers(new Headers().put(EventHeaders.TYPE, "MESSAGE_CREATE"))
                .data("not json".getBytes(StandardCharsets.UTF_8)).build());
        publish("TYPING_START", JSON.createObjectNode().put("guild_id", guild).put("user_id", "5"), null);
        publish("MESSAGE_CREATE", message("200003", guild, "after"), null);

        TestEnvironment.await("the partition moved past the poison event", () -> {
            try {
                return contentsOf(guild).equals(List.of("before", "after"));
            } catch (Exception e) {
                return false;
            }
        });
        JetStreamSubscription dlq = env.admin().jetStream().subscribe(env.topology().eventDeadLetterSubjects(),
                PullSubscribeOptions.builder().stream(env.topology().eventDeadLetterStreamName()).build());
        List<Message> letters = dlq.fetch(10, Duration.ofSeconds(2));
        assertEquals(2, letters.size(), "the poison and the unreadable event");
        for (Message letter : letters) {
            assertEquals(env.topology().eventDeadLetterSubject("MESSAGE_CREATE"), letter.getSubject());
            letter.ack();
        }
        String poisonReason = letters.get(0).getHeaders().getFirst(Topology.HEADER_DLQ_REASON);
        assertTrue(poisonReason.contains("poison message 200002"), poisonReason);
        String unreadable = letters.get(1).getHeaders().getFirst(Topology.HEADER_DLQ_REASON);
        assertTrue(unreadable.contains("not a JSON object"), unreadable);
    }

    private long count(String sql) {
        try {
            return env.count(sql);
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }
}
