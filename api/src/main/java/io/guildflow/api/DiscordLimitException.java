package io.guildflow.api;

/** A response, definition or component breaks one of Discord's documented limits; the message says which. */
public final class DiscordLimitException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public DiscordLimitException(String message) {
        super(message);
    }
}
