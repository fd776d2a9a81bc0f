package io.guildflow.api.event;

import java.util.Collection;

/**
 * Discord's gateway intents (gateway docs, "List of Intents"): which events Discord sends at all. Guildflow asks
 * for the intents the bot's event handlers need, nothing more; the privileged ones must also be enabled in the
 * application's settings on Discord and allowed by the operator ({@code DISCORD_PRIVILEGED_INTENTS}).
 */
public enum Intent {
    GUILDS(0),
    GUILD_MEMBERS(1),
    GUILD_MODERATION(2),
    GUILD_EXPRESSIONS(3),
    GUILD_INTEGRATIONS(4),
    GUILD_WEBHOOKS(5),
    GUILD_INVITES(6),
    GUILD_VOICE_STATES(7),
    GUILD_PRESENCES(8),
    GUILD_MESSAGES(9),
    GUILD_MESSAGE_REACTIONS(10),
    GUILD_MESSAGE_TYPING(11),
    DIRECT_MESSAGES(12),
    DIRECT_MESSAGE_REACTIONS(13),
    DIRECT_MESSAGE_TYPING(14),
    MESSAGE_CONTENT(15),
    GUILD_SCHEDULED_EVENTS(16),
    AUTO_MODERATION_CONFIGURATION(20),
    AUTO_MODERATION_EXECUTION(21),
    GUILD_MESSAGE_POLLS(24),
    DIRECT_MESSAGE_POLLS(25);

    private final int bit;

    Intent(int bit) {
        this.bit = bit;
    }

    /** This intent's bit in IDENTIFY's {@code intents} field. */
    public long mask() {
        return 1L << bit;
    }

    /** Whether Discord requires the application to be allowed this intent in its settings first. */
    public boolean privileged() {
        return this == GUILD_MEMBERS || this == GUILD_PRESENCES || this == MESSAGE_CONTENT;
    }

    /** The IDENTIFY bit field of these intents. */
    public static long bits(Collection<Intent> intents) {
        long bits = 0;
        for (Intent intent : intents) {
            bits |= intent.mask();
        }
        return bits;
    }
}
