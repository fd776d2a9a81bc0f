package io.guildflow.api;

/** Discord's application command option types. */
public enum OptionType {
    SUB_COMMAND(1),
    SUB_COMMAND_GROUP(2),
    STRING(3),
    INTEGER(4),
    BOOLEAN(5),
    USER(6),
    CHANNEL(7),
    ROLE(8),
    MENTIONABLE(9),
    NUMBER(10),
    ATTACHMENT(11);

    private final int discordValue;

    OptionType(int discordValue) {
        this.discordValue = discordValue;
    }

    public int discordValue() {
        return discordValue;
    }

    public boolean isSubcommandLike() {
        return this == SUB_COMMAND || this == SUB_COMMAND_GROUP;
    }

    public static OptionType ofDiscordValue(int value) {
        for (OptionType type : values()) {
            if (type.discordValue == value) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown Discord option type " + value);
    }
}
