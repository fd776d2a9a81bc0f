package io.guildflow.testkit;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * An interaction made but not yet dispatched: its snowflake (and Discord's 3 s window) date from when
 * it was made, so a test can dispatch several in another order than they were made, as clicks made
 * close together may reach a bot. Dispatch it within the window, once.
 */
public final class PreparedInteraction {
    private final String id;
    private final Supplier<DispatchedInteraction> dispatcher;
    private final AtomicBoolean dispatched = new AtomicBoolean();

    PreparedInteraction(String id, Supplier<DispatchedInteraction> dispatcher) {
        this.id = id;
        this.dispatcher = dispatcher;
    }

    /** The interaction's id: a snowflake, so ids (as numbers) order interactions by when they were made. */
    public String id() {
        return id;
    }

    /** Sends its INTERACTION_CREATE now. */
    public DispatchedInteraction dispatch() {
        if (!dispatched.compareAndSet(false, true)) {
            throw new IllegalStateException("interaction " + id + " was already dispatched");
        }
        return dispatcher.get();
    }
}
