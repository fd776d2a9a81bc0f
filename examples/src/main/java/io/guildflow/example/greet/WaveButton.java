package io.guildflow.example.greet;

import io.guildflow.api.ComponentContext;
import io.guildflow.api.ComponentHandler;
import io.guildflow.api.Message;
import io.guildflow.api.Response;

/** "Wave back" under a greeting ({@code wave:<name>}): the greeting is updated in place. */
public final class WaveButton implements ComponentHandler {
    public String prefix() {
        return "wave";
    }

    public Response handle(ComponentContext context) {
        return Response.update(Message.text(context.user().mention() + " waves back at " + context.state()));
    }
}
