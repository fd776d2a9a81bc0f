package io.guildflow.worker.dispatch.badcommands;

import io.guildflow.worker.handler.CommandContext;
import io.guildflow.worker.handler.CommandHandler;
import io.guildflow.worker.handler.CommandSpec;
import io.guildflow.worker.handler.Reply;

/** A handler discovery cannot instantiate: it has no no-arg constructor. */
public final class NeedsArgument implements CommandHandler {
    private final String greeting;

    public NeedsArgument(String greeting) {
        this.greeting = greeting;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.of("needs", "needs an argument");
    }

    @Override
    public Reply handle(CommandContext ctx) {
        return Reply.message(greeting);
    }
}
