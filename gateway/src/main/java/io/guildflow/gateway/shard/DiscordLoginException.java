package io.guildflow.gateway.shard;

/** The gateway could not log in to Discord; the message names the setting to look at and never the token. */
public final class DiscordLoginException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DiscordLoginException(String message, Throwable cause) {
        super(message, cause);
    }
}
