package io.guildflow.gateway.guard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.common.discord.DiscordRestClient;

/** The Discord calls the guard makes; a {@code DiscordRestClient} in production. */
public interface DiscordCalls {
    /** @param callback the callback body, {@code {"type":…,"data":{…}}} */
    void acknowledge(String interactionId, String token, ObjectNode callback);

    void editOriginal(String applicationId, String token, ObjectNode message);

    void followUp(String applicationId, String token, ObjectNode message);

    /** Opens the connection the first acknowledgement will use; a failure here is not fatal. */
    default void warmUp() {
    }

    static DiscordCalls over(DiscordRestClient rest) {
        return new DiscordCalls() {
            @Override
            public void warmUp() {
                rest.get("gateway");
            }

            @Override
            public void acknowledge(String interactionId, String token, ObjectNode callback) {
                rest.respond(interactionId, token, callback);
            }

            @Override
            public void editOriginal(String applicationId, String token, ObjectNode message) {
                rest.editOriginal(applicationId, token, message);
            }

            @Override
            public void followUp(String applicationId, String token, ObjectNode message) {
                rest.followUp(applicationId, token, message);
            }
        };
    }
}
