package io.guildflow.testkit.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.TestClock;
import io.guildflow.testkit.recording.IdentifyRecord;
import io.guildflow.testkit.recording.IdentifyRecord.Outcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** IDENTIFY is limited per max_concurrency bucket and by the daily session start budget, as Discord documents. */
class SessionStartTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final TestClock clock = TestClock.frozen(Instant.now());
    private final HttpClient http = HttpClient.newHttpClient();
    private DiscordEmulator emu;

    @AfterEach
    void stop() {
        if (emu != null) {
            emu.close();
        }
    }

    private JsonNode get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(emu.apiUrl() + path))
                .header("Authorization", "Bot " + emu.token()).build();
        return new ObjectMapper().readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Identifies and returns the first answer after HELLO: READY (op 0) or Invalid Session (op 9). */
    private JsonNode identify(int shard, int total) throws Exception {
        RawGatewayClient c = new RawGatewayClient(emu.gatewayUrl());
        c.identify(emu.token(), shard, total, Intents.GUILDS);
        JsonNode f = c.next(WAIT);
        while (f.path("op").asInt() == 10) {
            f = c.next(WAIT);
        }
        return f;
    }

    private static void assertInvalidSession(JsonNode frame) {
        assertEquals(9, frame.path("op").asInt(), frame.toString());
        assertFalse(frame.path("d").asBoolean(true));
    }

    @Test
    void oneIdentifyPerBucketPerFiveSeconds() throws Exception {
        emu = DiscordEmulator.builder().clock(clock).guilds(4).shards(4).maxConcurrency(2).build().start();
        assertEquals("READY", identify(0, 4).path("t").asText());
        assertEquals("READY", identify(1, 4).path("t").asText(), "bucket 1 is not limited by bucket 0");
        assertInvalidSession(identify(2, 4));
        clock.advance(Duration.ofMillis(4999));
        assertInvalidSession(identify(2, 4));
        clock.advance(Duration.ofMillis(1));
        assertEquals("READY", identify(2, 4).path("t").asText());

        List<Outcome> outcomes = emu.identifies().stream().map(IdentifyRecord::outcome).toList();
        assertEquals(List.of(Outcome.ACCEPTED, Outcome.ACCEPTED, Outcome.CONCURRENCY_LIMITED,
                Outcome.CONCURRENCY_LIMITED, Outcome.ACCEPTED), outcomes);
        assertEquals(List.of(0, 1, 0, 0, 0), emu.identifies().stream().map(IdentifyRecord::bucket).toList());
        assertEquals(3, emu.connectedSessions().size());
    }

    @Test
    void sessionStartsCountDownInGatewayBotAndRefuseWhenExhausted() throws Exception {
        emu = DiscordEmulator.builder().clock(clock).sessionStartLimit(2).build().start();
        JsonNode limit = get("/gateway/bot").path("session_start_limit");
        assertEquals(2, limit.path("total").asInt());
        assertEquals(2, limit.path("remaining").asInt());
        assertEquals(Duration.ofDays(1).toMillis(), limit.path("reset_after").asLong());
        assertEquals(1, limit.path("max_concurrency").asInt());

        assertEquals("READY", identify(0, 1).path("t").asText());
        clock.advance(Duration.ofSeconds(5));
        assertEquals("READY", identify(0, 1).path("t").asText());
        limit = get("/gateway/bot").path("session_start_limit");
        assertEquals(0, limit.path("remaining").asInt());
        assertEquals(Duration.ofDays(1).minusSeconds(5).toMillis(), limit.path("reset_after").asLong());

        clock.advance(Duration.ofSeconds(5));
        assertInvalidSession(identify(0, 1));
        assertEquals(Outcome.SESSION_START_LIMIT_EXHAUSTED, emu.identifies().get(2).outcome());

        clock.advance(Duration.ofDays(1));
        assertEquals(2, get("/gateway/bot").path("session_start_limit").path("remaining").asInt());
        assertEquals("READY", identify(0, 1).path("t").asText());
    }

    @Test
    void anExhaustedBudgetFromTheBuilderOrTheControlRouteRefusesIdentify() throws Exception {
        emu = DiscordEmulator.builder().clock(clock).sessionStartsRemaining(0).build().start();
        assertEquals(0, get("/gateway/bot").path("session_start_limit").path("remaining").asInt());
        assertInvalidSession(identify(0, 1));
        emu.close();

        emu = DiscordEmulator.builder().clock(clock).build().start();
        HttpRequest exhaust = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + emu.port()
                + "/_emulator/session-start-limit/exhaust")).POST(HttpRequest.BodyPublishers.noBody()).build();
        assertEquals(200, http.send(exhaust, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(0, emu.sessionStartLimit().remaining());
        assertInvalidSession(identify(0, 1));
        assertEquals(0, emu.sessions().size());
    }
}
