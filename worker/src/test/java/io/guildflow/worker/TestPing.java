package io.guildflow.worker;

import io.guildflow.api.CommandContext;
import io.guildflow.api.CommandDefinition;
import io.guildflow.api.Response;
import io.guildflow.api.SlashCommand;
import java.time.Duration;

/** The runtime's own test double for a command: answers "pong" with the gateway-to-worker delay. */
public final class TestPing implements SlashCommand {
    private static final CommandDefinition DEFINITION = CommandDefinition.of("ping", "Check that the bot is alive");

    @Override
    public CommandDefinition definition() {
        return DEFINITION;
    }

    @Override
    public Response handle(CommandContext context) {
        long millis = Math.max(0, Duration.between(context.receivedAt(), context.now()).toMillis());
        return Response.reply("pong (gateway → worker " + millis + " ms)");
    }
}
