package io.guildflow.api.event;

import java.util.Set;

/**
 * Handles one typed gateway event, e.g. {@code EventHandler<MessageEvent>} with {@link EventType#MESSAGE_CREATE}.
 * List the class (public, with a public no-argument constructor) in
 * {@code META-INF/services/io.guildflow.api.event.EventHandler}; Guildflow then asks Discord for the type's intents.
 *
 * <p>A handler runs inside the transaction that records the event as handled: what it writes through
 * {@link EventContext#sql()} commits with that record or not at all. Throwing rolls back and the event is retried
 * (with backoff) up to {@code MAX_DELIVER} times, then dead-lettered. Events of one guild reach handlers one at a
 * time, in the order Discord sent them.
 *
 * @param <E> the type's view
 */
public interface EventHandler<E> {

    EventType<E> type();

    void handle(E event, EventContext context) throws Exception;

    /**
     * Intents needed beyond the type's own, e.g. {@link Intent#MESSAGE_CONTENT} to read what messages say. A
     * privileged one the operator has not allowed ({@code DISCORD_PRIVILEGED_INTENTS}) stops start-up.
     */
    default Set<Intent> needs() {
        return Set.of();
    }
}
