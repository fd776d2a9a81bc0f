package io.guildflow.api;

import java.util.List;

/** A button click or a select menu choice. */
public interface ComponentContext extends InteractionContext {

    enum Kind {
        BUTTON, STRING_SELECT, USER_SELECT, ROLE_SELECT, MENTIONABLE_SELECT, CHANNEL_SELECT, OTHER
    }

    String customId();

    /** The custom_id after the prefix and ':' (empty without state). */
    String state();

    Kind kind();

    /** The chosen values of a select menu; empty for a button. */
    List<String> values();

    /** The message the component sits on. */
    String messageId();
}
