package io.guildflow.worker.commands;

import io.guildflow.worker.handler.CommandContext;
import io.guildflow.worker.handler.CommandHandler;
import io.guildflow.worker.handler.CommandSpec;
import io.guildflow.worker.handler.Reply;
import java.time.Duration;

/** {@code /ping}: proves the whole path works and shows how long the event waited between gateway and worker. */
public final class PingCommand implements CommandHandler {
    private static final CommandSpec SPEC = CommandSpec.of("ping", "Check that the bot is alive and how fast it is");

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandContext ctx) {
        // Clamped: clocks of gateway and worker hosts may disagree by a few milliseconds.
        long millis = Math.max(0, Duration.between(ctx.receivedAt(), ctx.now()).toMillis());
        return Reply.message("pong (gateway → worker " + millis + " ms)");
    }
}
