package io.guildflow.common.discord;

/**
 * No HTTP answer: connect/read failure, timeout or interruption. The original IOException is not
 * attached as cause because some carry the request URL, and our URLs contain interaction
 * tokens; its class name is in the message instead.
 */
public final class DiscordTransportException extends DiscordException {

    private final String failure;

    DiscordTransportException(String method, String route, String failure) {
        super(method, route, "Discord API " + method + " " + route + " failed without response: " + failure);
        this.failure = failure;
    }

    /** Short description of the failure, e.g. {@code SocketTimeoutException}. */
    public String failure() {
        return failure;
    }
}
