package io.guildflow.example;

import io.guildflow.api.Acknowledgement;
import io.guildflow.api.ModalContext;
import io.guildflow.api.ModalHandler;
import io.guildflow.api.Response;

/** The submitted {@code /feedback} form: thanks the user privately. */
public final class FeedbackForm implements ModalHandler {
    static final String PREFIX = "feedback";

    /** The thanks is for the user alone. */
    @Override
    public Acknowledgement acknowledgement() {
        return Acknowledgement.ephemeralReply();
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public Response handle(ModalContext context) {
        return Response.ephemeral("Thanks, " + context.value("name").orElse("friend") + "!");
    }
}
