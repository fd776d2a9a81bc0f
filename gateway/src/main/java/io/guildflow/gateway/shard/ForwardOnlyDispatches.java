package io.guildflow.gateway.shard;

import java.util.Map;
import java.util.Set;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.RawGatewayEvent;
import net.dv8tion.jda.api.events.StatusChangeEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.internal.JDAImpl;
import net.dv8tion.jda.internal.handle.SocketHandler;
import net.dv8tion.jda.internal.requests.WebSocketClient;

/**
 * JDA turns every INTERACTION_CREATE into its own entities and events (member, channel, detached guild, options)
 * that the gateway never reads: it forwards the raw payload, which JDA hands out first as a
 * {@link RawGatewayEvent}. In a flight recording of the gateway at 100/s that parsing was a fifth of all CPU
 * samples, so each shard's INTERACTION_CREATE handler is replaced by one that does nothing. The message and reaction
 * dispatches go the same way: they are the floods of a large guild (hundreds a second), the event path forwards them
 * raw too, and with every cache off JDA's entities for them would be built only to be thrown away. Dispatches that
 * change what JDA keeps of a guild (the guild itself, channels, roles, members) keep their handlers.
 *
 * <p>Uses JDA internals ({@code JDAImpl#getClient().getHandlers()}, {@code SocketHandler}), checked against
 * JDA 6.5.0; if they change, nothing is replaced and JDA simply keeps parsing.
 */
final class ForwardOnlyDispatches implements EventListener {
    static final String INTERACTION_CREATE = "INTERACTION_CREATE";
    /** Forwarded raw, never read by the gateway through JDA. */
    static final Set<String> SKIPPED = Set.of(INTERACTION_CREATE, "MESSAGE_CREATE", "MESSAGE_UPDATE",
            "MESSAGE_DELETE", "MESSAGE_DELETE_BULK", "MESSAGE_REACTION_ADD", "MESSAGE_REACTION_REMOVE",
            "MESSAGE_REACTION_REMOVE_ALL", "MESSAGE_REACTION_REMOVE_EMOJI", "TYPING_START");

    @Override
    public void onEvent(GenericEvent event) {
        // The socket client exists once a shard is connecting; a replay after RESUME reuses it.
        if (event instanceof StatusChangeEvent || event instanceof RawGatewayEvent raw && "READY".equals(raw.getType())) {
            install(event.getJDA());
        }
    }

    /** @return whether the shard now skips JDA's own parsing of every {@link #SKIPPED} dispatch it knows */
    static boolean install(JDA jda) {
        if (!(jda instanceof JDAImpl impl)) {
            return false;
        }
        WebSocketClient client = impl.getClient();
        if (client == null) {
            return false;
        }
        Map<String, SocketHandler> handlers = client.getHandlers();
        for (String type : SKIPPED) {
            handlers.computeIfPresent(type, (name, handler) -> handler instanceof Skip ? handler : new Skip(impl));
        }
        return handlers.get(INTERACTION_CREATE) instanceof Skip;
    }

    /** Nothing to cache or fire: the raw event already went to the ingress or the event path. */
    private static final class Skip extends SocketHandler {
        Skip(JDAImpl api) {
            super(api);
        }

        @Override
        protected Long handleInternally(DataObject content) {
            return null;
        }
    }
}
