package io.guildflow.example;

import io.guildflow.api.ComponentContext;
import io.guildflow.api.ComponentHandler;
import io.guildflow.api.Message;
import io.guildflow.api.Response;

/** The select menu of {@code /color list}: acknowledges at once, then edits the message and follows up. */
public final class ColorMenu implements ComponentHandler {
    static final String PREFIX = "color-menu";

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public Response handle(ComponentContext context) {
        String chosen = String.join(", ", context.values());
        return Response.deferUpdate(Message.text("Chosen: " + chosen))
                .andFollowUp(Message.text("Good choice!").asEphemeral());
    }
}
