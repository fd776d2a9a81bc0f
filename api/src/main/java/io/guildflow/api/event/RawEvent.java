package io.guildflow.api.event;

/**
 * Any gateway dispatch as Discord sent it.
 *
 * @param type Discord's dispatch name ({@code GUILD_SCHEDULED_EVENT_CREATE})
 * @param data its {@code d} object
 */
public record RawEvent(String type, JsonView data) {
}
