package io.guildflow.testkit.model;

/** A user known to the emulator. */
public record EmulatedUser(long id, String username, boolean bot) {
    public EmulatedUser(long id, String username) {
        this(id, username, false);
    }

    public String idString() {
        return Long.toUnsignedString(id);
    }
}
