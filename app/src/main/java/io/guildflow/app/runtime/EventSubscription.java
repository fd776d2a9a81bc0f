package io.guildflow.app.runtime;

import io.guildflow.api.event.EventHandler;
import io.guildflow.api.event.Intent;
import io.guildflow.api.event.RawEventHandler;
import io.guildflow.common.StartupException;
import io.guildflow.worker.events.EventCatalog;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the gateway subscribes to, derived from the bot's event handlers alone: the dispatch types it forwards to
 * the event stream and the intents it asks Discord for. A handler needing a privileged intent the operator has not
 * allowed ({@code DISCORD_PRIVILEGED_INTENTS}) stops start-up here, before Discord would refuse the session with
 * close code 4014.
 *
 * <p>The intents are only those the event handlers need; the gateway adds its own (e.g. {@link Intent#GUILDS} for
 * guild joins and leaves).
 */
public final class EventSubscription {
    private final Set<String> dispatchTypes;
    /** Each intent with the first handler that needs it, to name it when the intent is refused. */
    private final Map<Intent, String> neededBy;

    private EventSubscription(Set<String> dispatchTypes, Map<Intent, String> neededBy) {
        this.dispatchTypes = Set.copyOf(dispatchTypes);
        this.neededBy = neededBy;
    }

    public static EventSubscription of(EventCatalog catalog) {
        Map<Intent, String> neededBy = new LinkedHashMap<>();
        for (EventHandler<?> handler : catalog.typed()) {
            String name = handler.getClass().getName();
            handler.type().intents().forEach(intent -> neededBy.putIfAbsent(intent, name));
            handler.needs().forEach(intent -> neededBy.putIfAbsent(intent, name));
        }
        for (RawEventHandler handler : catalog.raw()) {
            String name = handler.getClass().getName();
            handler.intents().forEach(intent -> neededBy.putIfAbsent(intent, name));
        }
        return new EventSubscription(catalog.dispatchTypes(), neededBy);
    }

    /** The handlers the class loader's service files list (see {@link EventCatalog#discover}). */
    public static EventSubscription discover(ClassLoader loader) {
        return of(EventCatalog.discover(loader));
    }

    /** Dispatch names the gateway forwards ({@code MESSAGE_CREATE}, …); empty when the bot has no event handler. */
    public Set<String> dispatchTypes() {
        return dispatchTypes;
    }

    /** Every intent the event handlers need, privileged ones included. */
    public Set<Intent> intents() {
        return neededBy.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(neededBy.keySet()));
    }

    /** {@link #intents()} as IDENTIFY's bit field. */
    public long intentBits() {
        return Intent.bits(neededBy.keySet());
    }

    /**
     * Fails with one line (exit code 2) naming the first handler that needs a privileged intent not in
     * {@code allowedPrivileged}.
     *
     * @param allowedPrivileged {@code DISCORD_PRIVILEGED_INTENTS}: the privileged intents the operator enabled
     */
    public void requireAllowed(Set<Intent> allowedPrivileged) {
        for (Map.Entry<Intent, String> needed : neededBy.entrySet()) {
            Intent intent = needed.getKey();
            if (intent.privileged() && !allowedPrivileged.contains(intent)) {
                throw new StartupException("event handler " + needed.getValue() + " needs the privileged intent "
                        + intent + ", which DISCORD_PRIVILEGED_INTENTS does not allow: add " + intent
                        + " to it (and enable it for the application on Discord's developer portal), or remove the"
                        + " handler", null);
            }
        }
    }
}
