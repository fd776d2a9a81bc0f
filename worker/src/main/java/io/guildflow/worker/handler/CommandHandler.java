package io.guildflow.worker.handler;

/**
 * What a bot author writes: one class per slash command in {@code io.guildflow.worker.commands},
 * with a public no-arg constructor. It is found on the classpath at start-up, so adding a command
 * needs no edit anywhere else.
 *
 * <p>Handlers may run more than once for the same interaction only if the first attempt did not
 * commit (a crash, a lost database connection); everything written through {@link CommandContext#sql()}
 * commits atomically with the "handled" record, so effects done there happen exactly once.
 * Side effects outside that transaction (HTTP calls, ...) must be idempotent.
 */
public interface CommandHandler {

    /** Name, description and options, as registered with Discord. */
    CommandSpec spec();

    /**
     * Runs the command. Throwing rolls back every database effect and answers the user with an
     * ephemeral apology; the interaction is still recorded (outcome {@code failed}) and never retried.
     */
    Reply handle(CommandContext ctx) throws Exception;
}
