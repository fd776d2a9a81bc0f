package io.guildflow.example;

import io.guildflow.api.CommandContext;
import io.guildflow.api.CommandDefinition;
import io.guildflow.api.OptionDefinition;
import io.guildflow.api.Response;
import io.guildflow.api.SlashCommand;

/** Exists only in the test sources, with its own service file: the runtime must find and serve it all the same. */
public final class TestOnlyEchoCommand implements SlashCommand {

    @Override
    public CommandDefinition definition() {
        return CommandDefinition.of("echo", "Say it back", OptionDefinition.string("text", "what to say", true));
    }

    @Override
    public Response handle(CommandContext context) {
        return Response.ephemeral(context.options().string("text").orElseThrow());
    }
}
