package io.guildflow.worker.discord;

/** What became of an answer sent through {@link DiscordResponder}. */
public enum DeliveryResult {
    /** The callback was accepted: the interaction is answered. */
    ANSWERED,
    /** Someone had acknowledged it already (40060); {@code @original} now shows our content. */
    EDITED,
    /**
     * Someone had deferred an update of the component's message (40060, the gateway's guard): that
     * message is not the answer's to overwrite, so the answer went out as a follow-up.
     */
    FOLLOWED_UP,
    /** The token is dead (10062, 50027): nobody can answer it any more; logged and given up. */
    EXPIRED
}
