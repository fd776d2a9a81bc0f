package io.guildflow.api;

/** A user context-menu command ("Apps → name" on a user). */
public non-sealed interface UserCommand extends InteractionHandler {

    /** 1-32 characters; capitals and spaces allowed. */
    String name();

    Response handle(UserCommandContext context) throws Exception;
}
