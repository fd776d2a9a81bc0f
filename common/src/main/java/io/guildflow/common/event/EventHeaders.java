package io.guildflow.common.event;

/**
 * The headers a gateway event travels with on the event stream; its body is Discord's {@code d} object exactly as
 * the gateway received it. {@code Nats-Msg-Id} carries the event's key too, so JetStream drops a second gateway's
 * copy of a keyed event within the stream's duplicate window.
 */
public final class EventHeaders {
    /** Discord's dispatch name, upper case as Discord sends it ({@code MESSAGE_CREATE}). */
    public static final String TYPE = "Gf-Event-Type";
    /**
     * The de-duplication key taken from the event itself ({@link EventKeys}); absent for an event without a
     * natural key, which the worker then de-duplicates by stream sequence only (at-least-once across gateways).
     */
    public static final String KEY = "Gf-Event-Key";
    /** When the gateway received the dispatch, ISO-8601 UTC: the start of the event's lag. */
    public static final String RECEIVED_AT = "Gf-Received-At";
    /** The shard that received it. */
    public static final String SHARD = "Gf-Shard";

    private EventHeaders() {
    }
}
