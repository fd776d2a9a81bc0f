package io.guildflow.worker.outbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The outbox's way to Discord (a port; {@link RestChannelMessages} is the adapter). */
public interface ChannelMessages {

    /**
     * {@code POST channels/{id}/messages} with {@code nonce} and {@code enforce_nonce}: a repeat with the
     * same nonce returns the first message instead of posting again.
     *
     * @return the message id
     */
    String create(String channelId, ObjectNode body, String nonce) throws Exception;

    /** {@code PATCH channels/{id}/messages/{message}}. */
    void edit(String channelId, String messageId, ObjectNode body) throws Exception;
}
