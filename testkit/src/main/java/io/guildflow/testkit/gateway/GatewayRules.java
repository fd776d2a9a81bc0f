package io.guildflow.testkit.gateway;

import java.time.Duration;

/**
 * Connection-level gateway rules (gateway docs, "Sending Heartbeats", "Rate Limiting", "Sending Events",
 * "Privileged Intents", Reconnect event). Deadlines use real elapsed time because they race the client's real timers.
 *
 * @param heartbeatInterval announced in HELLO; a connection silent for 1.5 intervals is closed (4009)
 * @param reconnectGrace after RECONNECT (op 7), how long the client may keep the connection before it is closed
 * @param privilegedIntents privileged intents the application may use (the Developer Portal toggles)
 */
public record GatewayRules(Duration heartbeatInterval, Duration reconnectGrace, long privilegedIntents) {
    static final int MAX_PAYLOAD_BYTES = 4096;
    static final int SENDS_PER_WINDOW = 120;
    static final long SEND_WINDOW_NANOS = Duration.ofSeconds(60).toNanos();

    long heartbeatDeadlineNanos() {
        return heartbeatInterval.toNanos() * 3 / 2;
    }
}
