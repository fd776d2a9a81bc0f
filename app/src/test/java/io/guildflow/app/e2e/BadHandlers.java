package io.guildflow.app.e2e;

import io.guildflow.api.CommandContext;
import io.guildflow.api.CommandDefinition;
import io.guildflow.api.ComponentContext;
import io.guildflow.api.ComponentHandler;
import io.guildflow.api.Response;
import io.guildflow.api.SlashCommand;

/** Handlers a bot must not ship together: start-up refuses them (listed only by CommandLineIT's temporary service file). */
final class BadHandlers {
    private BadHandlers() {
    }

    public static final class PingA implements SlashCommand {
        @Override
        public CommandDefinition definition() {
            return CommandDefinition.of("ping", "one");
        }

        @Override
        public Response handle(CommandContext context) {
            return Response.reply("a");
        }
    }

    public static final class PingB implements SlashCommand {
        @Override
        public CommandDefinition definition() {
            return CommandDefinition.of("ping", "two");
        }

        @Override
        public Response handle(CommandContext context) {
            return Response.reply("b");
        }
    }

    public static final class BadPrefix implements ComponentHandler {
        @Override
        public String prefix() {
            return "vote:up";
        }

        @Override
        public Response handle(ComponentContext context) {
            return Response.deferUpdate();
        }
    }
}
