package ${package};

import io.guildflow.api.CommandContext;
import io.guildflow.api.CommandDefinition;
import io.guildflow.api.OptionDefinition;
import io.guildflow.api.Response;
import io.guildflow.api.SlashCommand;

/** {@code /hello [name]}: a slash command, listed in META-INF/services/io.guildflow.api.InteractionHandler. */
public final class HelloCommand implements SlashCommand {
    private static final CommandDefinition DEFINITION = CommandDefinition.of("hello", "Say hello",
            OptionDefinition.string("name", "who to greet", false));

    @Override
    public CommandDefinition definition() {
        return DEFINITION;
    }

    @Override
    public Response handle(CommandContext context) {
        return Response.reply("Hello, " + context.options().string("name").orElse("world") + "!");
    }
}
