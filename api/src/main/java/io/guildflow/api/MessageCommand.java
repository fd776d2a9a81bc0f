package io.guildflow.api;

/** A message context-menu command ("Apps → name" on a message). */
public non-sealed interface MessageCommand extends InteractionHandler {

    /** 1-32 characters; capitals and spaces allowed. */
    String name();

    Response handle(MessageCommandContext context) throws Exception;
}
