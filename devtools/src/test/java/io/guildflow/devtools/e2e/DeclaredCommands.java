package io.guildflow.devtools.e2e;

import io.guildflow.api.Acknowledgement;
import io.guildflow.api.CommandContext;
import io.guildflow.api.CommandDefinition;
import io.guildflow.api.Response;
import io.guildflow.api.SlashCommand;

/**
 * Test-only commands for {@link AcknowledgementDeclarationsEndToEndIT}, on the processes' class path next
 * to the bot jar ({@link JarProcess#runWithTestHandlers}): one per acknowledgement declaration.
 */
final class DeclaredCommands {
    static final String SECRET = "Only you can read this.";

    private DeclaredCommands() {
    }

    /** Ephemeral, and says so. */
    public static final class Secret implements SlashCommand {
        @Override
        public Acknowledgement acknowledgement() {
            return Acknowledgement.ephemeralReply();
        }

        @Override
        public CommandDefinition definition() {
            return CommandDefinition.of("secret", "An ephemeral answer, declared (test only)");
        }

        @Override
        public Response handle(CommandContext context) {
            return Response.ephemeral(SECRET);
        }
    }

    /** Ephemeral without saying so: the guard can only defer it publicly. */
    public static final class Whisper implements SlashCommand {
        @Override
        public CommandDefinition definition() {
            return CommandDefinition.of("whisper", "An ephemeral answer, undeclared (test only)");
        }

        @Override
        public Response handle(CommandContext context) {
            return Response.ephemeral(SECRET);
        }
    }

    /** Deferred by the gateway the moment it arrives. */
    public static final class Prompt implements SlashCommand {
        @Override
        public Acknowledgement acknowledgement() {
            return Acknowledgement.publicReply().immediately();
        }

        @Override
        public CommandDefinition definition() {
            return CommandDefinition.of("prompt", "Deferred at once (test only)");
        }

        @Override
        public Response handle(CommandContext context) {
            return Response.reply("answered after the deferral");
        }
    }
}
