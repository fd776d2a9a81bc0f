package io.guildflow.common.discord;

/**
 * Base of everything {@link DiscordRestClient} throws. Messages name the route template
 * ({@code interactions/{id}/{token}/callback}), never a real token, so they are safe to log.
 */
public abstract class DiscordException extends RuntimeException {

    private final String method;
    private final String route;

    protected DiscordException(String method, String route, String message) {
        super(message);
        this.method = method;
        this.route = route;
    }

    public String method() {
        return method;
    }

    /** Route template, e.g. {@code webhooks/{application}/{token}/messages/@original}. */
    public String route() {
        return route;
    }
}
