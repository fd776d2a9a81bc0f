package io.guildflow.api;

/** A message context-menu command. */
public interface MessageCommandContext extends InteractionContext {

    String commandName();

    /** The message the command was used on. */
    TargetMessage target();

    /** A message as the interaction carries it. */
    record TargetMessage(String id, String authorId, String content) {
    }
}
