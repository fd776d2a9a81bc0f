package io.guildflow.testkit.model;

/**
 * A user known to the emulator. {@link #id()} is a String, as {@code io.guildflow.api.User#id()} is, so a test
 * compares what a handler stored with {@code bot.member().id()} directly; {@link #snowflake()} is the same id as the
 * number the emulator computes with (shards, id order).
 */
public record EmulatedUser(long snowflake, String username, boolean bot) {
    public EmulatedUser(long snowflake, String username) {
        this(snowflake, username, false);
    }

    /** The id as Discord sends it and {@code io.guildflow.api.User#id()} gives it: the snowflake in decimal. */
    public String id() {
        return Long.toUnsignedString(snowflake);
    }

    /** {@code <@id>}, as {@code io.guildflow.api.User#mention()}. */
    public String mention() {
        return "<@" + id() + ">";
    }
}
