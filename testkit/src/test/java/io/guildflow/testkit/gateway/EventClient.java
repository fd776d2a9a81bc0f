package io.guildflow.testkit.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.TestClock;
import java.time.Duration;

/** A bare gateway session with chosen intents, READY and GUILD_CREATE (if asked for) already read. */
final class EventClient {
    static final Duration WAIT = Duration.ofSeconds(5);
    final RawGatewayClient raw;

    private EventClient(RawGatewayClient raw) {
        this.raw = raw;
    }

    /** Identifies in a fresh IDENTIFY window of {@code clock} (one accepted IDENTIFY per 5 s). */
    static EventClient identify(DiscordEmulator emu, TestClock clock, long intents) throws InterruptedException {
        clock.advance(Duration.ofSeconds(5));
        RawGatewayClient raw = new RawGatewayClient(emu.gatewayUrl());
        raw.identify(emu.token(), 0, 1, intents);
        raw.nextDispatch((intents & Intents.GUILDS) != 0 ? "GUILD_CREATE" : "READY", WAIT);
        return new EventClient(raw);
    }

    /** The next dispatch, whatever its type (heartbeat ACKs and other ops skipped). */
    JsonNode nextDispatch() throws InterruptedException {
        JsonNode f = raw.next(WAIT);
        while (f.path("op").asInt() != 0) {
            f = raw.next(WAIT);
        }
        return f;
    }

    /** The {@code d} of the next dispatch, which must be of type {@code t}. */
    JsonNode next(String t) throws InterruptedException {
        JsonNode f = nextDispatch();
        if (!t.equals(f.path("t").asText())) {
            throw new AssertionError("expected " + t + ", got " + f.path("t").asText() + ": " + f);
        }
        return f.path("d");
    }
}
