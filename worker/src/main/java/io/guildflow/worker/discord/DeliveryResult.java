package io.guildflow.worker.discord;

/** What became of an answer sent through {@link DiscordResponder}. */
public enum DeliveryResult {
    /** The callback was accepted: the interaction is answered. */
    ANSWERED,
    /** Someone had acknowledged it already (40060); {@code @original} now shows our content. */
    EDITED,
    /** The token is dead (10062, 50027): nobody can answer it any more; logged and given up. */
    EXPIRED
}
