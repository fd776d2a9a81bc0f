package io.guildflow.example;

import io.guildflow.api.CommandContext;
import io.guildflow.api.CommandDefinition;
import io.guildflow.api.CustomId;
import io.guildflow.api.Modal;
import io.guildflow.api.Response;
import io.guildflow.api.SlashCommand;
import io.guildflow.api.TextInput;

/** {@code /feedback}: opens a form; {@link FeedbackForm} receives it. */
public final class FeedbackCommand implements SlashCommand {
    private static final CommandDefinition DEFINITION = CommandDefinition.of("feedback", "Tell us what you think");

    @Override
    public CommandDefinition definition() {
        return DEFINITION;
    }

    @Override
    public Response handle(CommandContext context) {
        return Response.modal(Modal.of(CustomId.of(FeedbackForm.PREFIX, context.channelId()), "Feedback",
                TextInput.shortText("name", "Your name"), TextInput.paragraph("text", "Your feedback").optional()));
    }
}
