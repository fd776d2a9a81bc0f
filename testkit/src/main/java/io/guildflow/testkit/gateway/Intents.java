package io.guildflow.testkit.gateway;

/** Gateway intent bits the emulator looks at (gateway docs, "List of Intents"). */
public final class Intents {
    public static final long GUILDS = 1L;
    public static final long GUILD_MEMBERS = 1L << 1;
    public static final long GUILD_MODERATION = 1L << 2;
    public static final long GUILD_VOICE_STATES = 1L << 7;
    public static final long GUILD_PRESENCES = 1L << 8;
    public static final long GUILD_MESSAGES = 1L << 9;
    public static final long GUILD_MESSAGE_REACTIONS = 1L << 10;
    public static final long DIRECT_MESSAGES = 1L << 12;
    public static final long DIRECT_MESSAGE_REACTIONS = 1L << 13;
    public static final long MESSAGE_CONTENT = 1L << 15;
    public static final long AUTO_MODERATION_EXECUTION = 1L << 21;
    /** Every documented intent bit: 0 to 16, 20, 21, 24, 25. Anything else closes the connection with 4013. */
    public static final long ALL = (1L << 17) - 1 | 1L << 20 | 1L << 21 | 1L << 24 | 1L << 25;
    /** Intents an application must be allowed in its settings before it may identify with them. */
    public static final long PRIVILEGED = GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT;

    private Intents() {}
}
