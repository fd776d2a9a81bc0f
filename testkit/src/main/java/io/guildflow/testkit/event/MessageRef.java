package io.guildflow.testkit.event;

/** A message an emulated user wrote (or the bot posted): what a test needs to edit, delete or react to it. */
public record MessageRef(long id, long channelId, Long guildId, long authorId) {
    public String idString() {
        return Long.toUnsignedString(id);
    }

    public String channelIdString() {
        return Long.toUnsignedString(channelId);
    }
}
