package io.guildflow.testkit.interaction;

/**
 * An explicitly typed command option value, for types that cannot be inferred from a Java value: 7 channel
 * (value = channel id), 8 role (value = role id), 9 mentionable, 11 attachment. Plain Java values are inferred:
 * String 3, Integer/Long 4, Boolean 5, EmulatedUser 6, Double/Float 10.
 */
public record CommandOption(int type, Object value) {
    public static CommandOption channel(String channelId) {
        return new CommandOption(7, channelId);
    }

    public static CommandOption role(String roleId) {
        return new CommandOption(8, roleId);
    }

    public static CommandOption integer(long value) {
        return new CommandOption(4, value);
    }

    public static CommandOption number(double value) {
        return new CommandOption(10, value);
    }
}
