package io.guildflow.example;

import io.guildflow.api.CommandContext;
import io.guildflow.api.CommandDefinition;
import io.guildflow.api.Response;
import io.guildflow.api.SlashCommand;
import java.time.Duration;

/** {@code /ping}: proves the whole path works and shows how long the event waited between gateway and worker. */
public final class PingCommand implements SlashCommand {
    private static final CommandDefinition DEFINITION =
            CommandDefinition.of("ping", "Check that the bot is alive and how fast it is");

    @Override
    public CommandDefinition definition() {
        return DEFINITION;
    }

    @Override
    public Response handle(CommandContext context) {
        // Clamped: clocks of gateway and worker hosts may disagree by a few milliseconds.
        long millis = Math.max(0, Duration.between(context.receivedAt(), context.now()).toMillis());
        return Response.reply("pong (gateway → worker " + millis + " ms)");
    }
}
