package io.guildflow.testkit.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.recording.GatewayFrame.Direction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One WebSocket connection; frames go to the hub, which binds the connection to a session. Enforces what Discord
 * enforces per connection: 4,096-byte payloads (4002), 120 payloads per 60 s (4008), and records heartbeats and
 * RECONNECT for the hub's watchdog.
 */
public final class GatewayConnection implements Session.Listener.AutoDemanding {
    /** Path of the {@code resume_gateway_url}: only RESUME is accepted there. */
    public static final String RESUME_PATH = "/gateway-resume";

    private final GatewayHub hub;
    private final boolean resumeOnly;
    private final ArrayDeque<Long> recentSends = new ArrayDeque<>();
    private volatile Session socket;
    private volatile GatewaySession session;
    private volatile long lastHeartbeatNanos;
    private volatile long reconnectRequestedNanos;
    private volatile boolean closedByServer;

    GatewayConnection(GatewayHub hub, boolean resumeOnly) {
        this.hub = hub;
        this.resumeOnly = resumeOnly;
    }

    void bind(GatewaySession session) {
        this.session = session;
    }

    GatewaySession session() {
        return session;
    }

    boolean resumeOnly() {
        return resumeOnly;
    }

    boolean closedByServer() {
        return closedByServer;
    }

    @Override
    public void onWebSocketOpen(Session socket) {
        this.socket = socket;
        lastHeartbeatNanos = System.nanoTime();
        hub.opened(this);
        send("{\"op\":10,\"d\":{\"heartbeat_interval\":" + hub.rules().heartbeatInterval().toMillis() + "}}", 10,
                null, null);
    }

    @Override
    public void onWebSocketText(String text) {
        long now = System.nanoTime();
        if (tooLarge(text)) {
            record(Direction.RECEIVED, -1, null, text.substring(0, 200) + "…");
            close(4002, "Error while decoding payload.");
            return;
        }
        JsonNode frame;
        try {
            frame = Json.parse(text);
        } catch (IllegalArgumentException e) {
            close(4002, "Error while decoding payload.");
            return;
        }
        int op = frame.path("op").asInt(-1);
        record(Direction.RECEIVED, op, null, text);
        if (overSendLimit(now)) {
            close(4008, "Rate limited.");
            return;
        }
        if (op == 1) {
            lastHeartbeatNanos = now;
        }
        hub.onFrame(this, op, frame.path("d"));
    }

    /** Gateway docs, "Sending Events": a payload over 4,096 bytes closes the connection with 4002. */
    private static boolean tooLarge(String text) {
        return text.length() > GatewayRules.MAX_PAYLOAD_BYTES || (text.length() * 3 > GatewayRules.MAX_PAYLOAD_BYTES
                && text.getBytes(StandardCharsets.UTF_8).length > GatewayRules.MAX_PAYLOAD_BYTES);
    }

    /** Gateway docs, "Rate Limiting": 120 events per connection per 60 s, a sliding window here. */
    private synchronized boolean overSendLimit(long now) {
        while (!recentSends.isEmpty() && now - recentSends.peekFirst() >= GatewayRules.SEND_WINDOW_NANOS) {
            recentSends.removeFirst();
        }
        if (recentSends.size() >= GatewayRules.SENDS_PER_WINDOW) {
            return true;
        }
        recentSends.addLast(now);
        return false;
    }

    boolean heartbeatOverdue(long now, long deadlineNanos) {
        return isOpen() && now - lastHeartbeatNanos > deadlineNanos;
    }

    void reconnectRequested(long now) {
        reconnectRequestedNanos = now;
    }

    boolean reconnectIgnored(long now, long graceNanos) {
        long asked = reconnectRequestedNanos;
        return asked != 0 && isOpen() && now - asked > graceNanos;
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        record(Direction.RECEIVED, -1, "CLOSE " + statusCode, reason);
        hub.onClose(this, statusCode);
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        // a dropped connection also arrives as onWebSocketClose; nothing else to do
    }

    private void record(Direction direction, int op, String t, String payload) {
        GatewaySession gs = session;
        hub.recorder().frame(hub.clock().instant(), direction, gs == null ? null : gs.id(),
                gs == null ? -1 : gs.shard(), op, t, null, payload);
    }

    /** Sends a frame; failures (connection already gone) are ignored, the session buffer keeps dispatches. */
    void send(String text, int op, String t, Long seq) {
        Session s = socket;
        GatewaySession gs = session;
        hub.recorder().frame(hub.clock().instant(), Direction.SENT, gs == null ? null : gs.id(),
                gs == null ? -1 : gs.shard(), op, t, seq, text);
        if (s != null && s.isOpen()) {
            s.sendText(text, Callback.NOOP);
        }
    }

    void close(int code, String reason) {
        Session s = socket;
        if (s != null && s.isOpen()) {
            closedByServer = true;
            record(Direction.SENT, -1, "CLOSE " + code, reason);
            s.close(code, reason, Callback.NOOP);
        }
    }

    /** Drops the TCP connection without a close frame. */
    void disconnect() {
        Session s = socket;
        if (s != null) {
            record(Direction.SENT, -1, "DROP", null);
            s.disconnect();
        }
    }

    boolean isOpen() {
        Session s = socket;
        return s != null && s.isOpen();
    }
}
