package io.guildflow.devtools.e2e;

import io.guildflow.api.CommandContext;
import io.guildflow.api.CommandDefinition;
import io.guildflow.api.Response;
import io.guildflow.api.SlashCommand;

/**
 * A handler that always throws, for the poison test only: the worker processes get it on their class path
 * next to the bot jar ({@link JarProcess#runWithTestHandlers}); the shipped example bot has no such command.
 */
public final class ExplodingCommand implements SlashCommand {
    static final String FAILURE = "this handler always fails";

    @Override
    public CommandDefinition definition() {
        return CommandDefinition.of("explode", "Always fails (test only)");
    }

    @Override
    public Response handle(CommandContext context) {
        throw new IllegalStateException(FAILURE);
    }
}
