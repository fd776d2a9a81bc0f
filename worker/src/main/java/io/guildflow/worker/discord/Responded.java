package io.guildflow.worker.discord;

/** How {@link DiscordResponder} got an answer to Discord, or that nobody can any more. */
public enum Responded {
    /** The interaction callback was accepted. */
    CALLBACK,
    /** Someone had acknowledged it already (40060); {@code @original} now shows our content. */
    EDIT,
    /**
     * Someone had deferred an update of the component's message (40060, the gateway's guard): that
     * message is not the answer's to overwrite, so the answer went out as a follow-up.
     */
    FOLLOW_UP,
    /**
     * A redelivery found the answer on Discord already (an earlier delivery sent it and died before recording it):
     * nothing was sent again but the follow-ups, which are recorded before they go out and so had not.
     */
    SHOWN_ALREADY,
    /** The token is dead (10062, 50027): nobody can answer it any more; logged and given up. */
    EXPIRED
}
