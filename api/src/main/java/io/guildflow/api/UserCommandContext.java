package io.guildflow.api;

/** A user context-menu command. */
public interface UserCommandContext extends InteractionContext {

    String commandName();

    /** The user the command was used on. */
    User target();
}
