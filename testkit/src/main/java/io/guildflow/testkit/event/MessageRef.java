package io.guildflow.testkit.event;

/**
 * A message an emulated user wrote (or the bot posted): what a test needs to edit, delete or react to it.
 *
 * @param guildId null in a DM
 */
public record MessageRef(String id, String channelId, String guildId, String authorId) {}
