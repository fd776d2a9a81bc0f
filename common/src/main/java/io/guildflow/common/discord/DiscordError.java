package io.guildflow.common.discord;

/** Discord's JSON error codes that Guildflow acts on (see Discord's "JSON Error Codes" table). */
public enum DiscordError {
    UNKNOWN_APPLICATION(10002),
    UNKNOWN_CHANNEL(10003),
    UNKNOWN_GUILD(10004),
    UNKNOWN_MESSAGE(10008),
    UNKNOWN_WEBHOOK(10015),
    /** The token expired (3 s / 15 min) or the interaction is unknown: answering is no longer possible. */
    UNKNOWN_INTERACTION(10062),
    /** Someone (possibly our own earlier attempt, or the gateway's guard) already answered. */
    INTERACTION_ALREADY_ACKNOWLEDGED(40060),
    /** The bot is not in the guild, or cannot see the channel. */
    MISSING_ACCESS(50001),
    MISSING_PERMISSIONS(50013),
    /** The interaction token is no longer valid for webhook calls (older than 15 minutes). */
    INVALID_WEBHOOK_TOKEN(50027),
    INVALID_FORM_BODY(50035),
    /** No code in the body, or one not listed here: see {@link DiscordApiException#code()}. */
    OTHER(0);

    private final int code;

    DiscordError(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static DiscordError of(int code) {
        for (DiscordError error : values()) {
            if (error.code == code && error != OTHER) {
                return error;
            }
        }
        return OTHER;
    }
}
