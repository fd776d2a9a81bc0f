package io.guildflow.gateway.guard;


import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the guard's tests share: a guard whose Discord calls are recorded (acknowledgements, edits, follow-ups), what
 * it told the other gateways, its meters, and envelopes dated as a test needs them.
 */
abstract class GuardTestBase {
    static final Duration DEADLINE = Duration.ofMillis(150);
    // Discord's callback types and the ephemeral flag, as its documentation numbers them
    /** For tests about the watch rather than the timer: a busy machine never reaches it by accident. */
    static final Duration LONG_DEADLINE = Duration.ofSeconds(30);
    static final int MESSAGE = 4;
    static final int DEFERRED_MESSAGE = 5;
    static final int DEFERRED_UPDATE = 6;
    static final int AUTOCOMPLETE_RESULT = 8;
    static final int EPHEMERAL = 64;

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    StandInPolicy policy = StandInPolicy.standard();
    final Map<String, ObjectNode> sent = new ConcurrentHashMap<>();
    final Map<String, Instant> sentAt = new ConcurrentHashMap<>();
    final Map<String, ObjectNode> edits = new ConcurrentHashMap<>();
    final Map<String, ObjectNode> followUps = new ConcurrentHashMap<>();
    /** What the guard told the other gateways it acknowledged. */
    final List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    AckGuard guard = guard(10, (id, token, response) -> record(id, response));


    /**
     * Tests date an envelope at {@code Instant.now()} before building it; the first JSON parse of a JVM takes
     * about a second on a busy machine, which would put that envelope past its deadline on arrival.
     */
    @BeforeAll
    static void loadTheJsonClasses() throws Exception {
        envelope("0", 2, Instant.now());
    }

    @AfterEach
    void close() {
        guard.close();
    }

    interface Acknowledge {
        void acknowledge(String interactionId, String token, ObjectNode callback);
    }

    AckGuard guard(int capacity, Acknowledge acknowledge) {
        return guard(capacity, DEADLINE, acknowledge);
    }

    AckGuard guard(int capacity, Duration deadline, Acknowledge acknowledge) {
        DiscordCalls discord = new DiscordCalls() {
            @Override
            public void acknowledge(String interactionId, String token, ObjectNode response) {
                acknowledge.acknowledge(interactionId, token, response);
            }

            @Override
            public void editOriginal(String applicationId, String token, ObjectNode message) {
                edits.put(token, message);
            }

            @Override
            public void followUp(String applicationId, String token, ObjectNode message) {
                followUps.put(token, message);
            }
        };
        return new AckGuard(new GuardSettings(deadline, capacity, 2), policy, Clock.systemUTC(), discord,
                told::add, registry);
    }

    void record(String id, ObjectNode response) {
        sentAt.put(id, Instant.now());
        sent.put(id, response);
    }

    double count(String name) {
        return registry.counter("guildflow.gateway.guard." + name).count();
    }

    static InteractionEnvelope envelope(String id, int type, Instant received) throws Exception {
        return envelope(id, type, received, "\"name\":\"ping\"");
    }

    static InteractionEnvelope envelope(String id, int type, Instant received, String data) throws Exception {
        String json = """
                {"id":"%s","application_id":"9","type":%d,"token":"tok-%s","guild_id":"42","channel_id":"7",
                 "member":{"user":{"id":"5"}},"data":{%s}}""".formatted(id, type, id, data);
        return InteractionEnvelope.fromDiscord(new ObjectMapper().readTree(json), received, 0);
    }
}
