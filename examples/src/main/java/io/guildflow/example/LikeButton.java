package io.guildflow.example;

import io.guildflow.api.ComponentContext;
import io.guildflow.api.ComponentHandler;
import io.guildflow.api.Message;
import io.guildflow.api.Response;

/** The "Like" button under {@code /color show}: its custom_id is {@code like:<color>}; the message is updated in place. */
public final class LikeButton implements ComponentHandler {
    static final String PREFIX = "like";

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public Response handle(ComponentContext context) {
        return Response.update(Message.text(context.user().mention() + " likes " + context.state()));
    }
}
