package io.guildflow.common.discord;

import java.time.Duration;
import java.util.Optional;

/**
 * Discord answered with an error status. {@link #code()} is Discord's JSON error code (0 when the
 * body had none, e.g. a Cloudflare 502 page).
 */
public final class DiscordApiException extends DiscordException {

    private final int status;
    private final int code;
    private final String discordMessage;
    private final Duration retryAfter;
    private final boolean afterRetry;

    /** Public so callers' tests can simulate Discord errors; {@code route} must be a template, never a real path. */
    public DiscordApiException(String method, String route, int status, int code, String discordMessage,
                        Duration retryAfter, boolean afterRetry) {
        super(method, route, "Discord API " + method + " " + route + " failed: HTTP " + status
                + (code != 0 ? " code " + code : "") + (discordMessage.isEmpty() ? "" : ": " + discordMessage)
                + (afterRetry ? " (after retry)" : ""));
        this.status = status;
        this.code = code;
        this.discordMessage = discordMessage;
        this.retryAfter = retryAfter;
        this.afterRetry = afterRetry;
    }

    public int status() {
        return status;
    }

    public int code() {
        return code;
    }

    /** The code as a name; {@link DiscordError#OTHER} for codes Guildflow does not act on. */
    public DiscordError error() {
        return DiscordError.of(code);
    }

    public String discordMessage() {
        return discordMessage;
    }

    /** For 429s we gave up on: how long Discord asked us to wait. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * True when this error came from a retry of a request whose first attempt had no clear outcome.
     * A 40060 then most likely means our own first attempt was accepted.
     */
    public boolean afterRetry() {
        return afterRetry;
    }

    /** 10062: token expired (3 s / 15 min) or interaction unknown; answering is no longer possible. */
    public boolean isUnknownInteraction() {
        return error() == DiscordError.UNKNOWN_INTERACTION;
    }

    /** 40060: someone (possibly our own earlier attempt or a redelivery) already answered. */
    public boolean isAlreadyAcknowledged() {
        return error() == DiscordError.INTERACTION_ALREADY_ACKNOWLEDGED;
    }

    /** 50027: the interaction token is no longer valid for webhook calls (older than 15 minutes). */
    public boolean isInvalidWebhookToken() {
        return error() == DiscordError.INVALID_WEBHOOK_TOKEN;
    }

    /** 10008: the message (e.g. {@code @original}, deleted) does not exist. */
    public boolean isUnknownMessage() {
        return error() == DiscordError.UNKNOWN_MESSAGE;
    }

    public boolean isRateLimited() {
        return status == 429;
    }
}
