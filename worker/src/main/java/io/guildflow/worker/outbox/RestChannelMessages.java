package io.guildflow.worker.outbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.common.discord.DiscordRestClient;

/** Channel messages over Discord's REST API. */
public final class RestChannelMessages implements ChannelMessages {
    private final DiscordRestClient rest;

    public RestChannelMessages(DiscordRestClient rest) {
        this.rest = rest;
    }

    @Override
    public String create(String channelId, ObjectNode body, String nonce) {
        ObjectNode withNonce = body.deepCopy();
        withNonce.put("nonce", nonce);
        withNonce.put("enforce_nonce", true);
        return rest.post("channels/" + channelId + "/messages", withNonce).path("id").asText();
    }

    @Override
    public void edit(String channelId, String messageId, ObjectNode body) {
        rest.patch("channels/" + channelId + "/messages/" + messageId, body);
    }
}
