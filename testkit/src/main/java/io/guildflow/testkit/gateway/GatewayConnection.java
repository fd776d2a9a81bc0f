package io.guildflow.testkit.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.recording.GatewayFrame.Direction;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** One WebSocket connection; frames go to the hub, which binds the connection to a session. */
public final class GatewayConnection implements Session.Listener.AutoDemanding {
    private final GatewayHub hub;
    private volatile Session socket;
    private volatile GatewaySession session;

    GatewayConnection(GatewayHub hub) {
        this.hub = hub;
    }

    void bind(GatewaySession session) {
        this.session = session;
    }

    GatewaySession session() {
        return session;
    }

    @Override
    public void onWebSocketOpen(Session socket) {
        this.socket = socket;
        send("{\"op\":10,\"d\":{\"heartbeat_interval\":41250}}", 10, null, null);
    }

    @Override
    public void onWebSocketText(String text) {
        JsonNode frame;
        try {
            frame = Json.parse(text);
        } catch (IllegalArgumentException e) {
            close(4002, "Error while decoding payload.");
            return;
        }
        int op = frame.path("op").asInt(-1);
        GatewaySession s = session;
        hub.recorder().frame(hub.clock().instant(), Direction.RECEIVED, s == null ? null : s.id(),
                s == null ? -1 : s.shard(), op, null, null, text);
        hub.onFrame(this, op, frame.path("d"));
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        GatewaySession s = session;
        hub.recorder().frame(hub.clock().instant(), Direction.RECEIVED, s == null ? null : s.id(),
                s == null ? -1 : s.shard(), -1, "CLOSE " + statusCode, null, reason);
        hub.onClose(this, statusCode);
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        // a dropped connection also arrives as onWebSocketClose; nothing else to do
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
        if (s != null) {
            GatewaySession gs = session;
            hub.recorder().frame(hub.clock().instant(), Direction.SENT, gs == null ? null : gs.id(),
                    gs == null ? -1 : gs.shard(), -1, "CLOSE " + code, null, reason);
            s.close(code, reason, Callback.NOOP);
        }
    }

    /** Drops the TCP connection without a close frame. */
    void disconnect() {
        Session s = socket;
        if (s != null) {
            GatewaySession gs = session;
            hub.recorder().frame(hub.clock().instant(), Direction.SENT, gs == null ? null : gs.id(),
                    gs == null ? -1 : gs.shard(), -1, "DROP", null, null);
            s.disconnect();
        }
    }

    boolean isOpen() {
        Session s = socket;
        return s != null && s.isOpen();
    }
}
