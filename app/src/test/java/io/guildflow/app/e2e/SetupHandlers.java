package io.guildflow.app.e2e;

import io.guildflow.api.CommandContext;
import io.guildflow.api.CommandDefinition;
import io.guildflow.api.OptionDefinition;
import io.guildflow.api.Response;
import io.guildflow.api.SlashCommand;

/** A bot's commands as setup finds them on the class path (listed by the tests' temporary service file). */
public final class SetupHandlers {
    private SetupHandlers() {
    }

    public static final class Greet implements SlashCommand {
        @Override
        public CommandDefinition definition() {
            return CommandDefinition.of("greet", "Greets someone",
                    OptionDefinition.string("name", "who to greet", true));
        }

        @Override
        public Response handle(CommandContext context) {
            return Response.reply("hello");
        }
    }

    public static final class Roll implements SlashCommand {
        @Override
        public CommandDefinition definition() {
            return CommandDefinition.of("roll", "Rolls a die");
        }

        @Override
        public Response handle(CommandContext context) {
            return Response.reply("4");
        }
    }
}
