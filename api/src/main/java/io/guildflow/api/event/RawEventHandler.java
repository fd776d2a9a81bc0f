package io.guildflow.api.event;

import java.util.Set;

/**
 * Handles dispatches by name, typed or not: for what Guildflow has no view of (yet), or to read a payload whole.
 * List the class in {@code META-INF/services/io.guildflow.api.event.RawEventHandler}. Same transaction, retries and
 * ordering as an {@link EventHandler}.
 */
public interface RawEventHandler {

    /** Discord's dispatch names, upper case ({@code GUILD_SCHEDULED_EVENT_CREATE}). */
    Set<String> dispatchTypes();

    /**
     * The intents under which Discord sends them (Guildflow cannot know them for a dispatch it has no type of): see
     * Discord's "List of Intents".
     */
    Set<Intent> intents();

    void handle(RawEvent event, EventContext context) throws Exception;
}
