package io.guildflow.api;

/** @param globalName the display name, or null when the user has none */
public record User(String id, String username, String globalName) {
    /** {@code <@id>}: pings only if the message's allowed mentions permit it. */
    public String mention() {
        return "<@" + id + ">";
    }
}
