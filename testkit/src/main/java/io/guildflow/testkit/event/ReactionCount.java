package io.guildflow.testkit.event;

import io.guildflow.testkit.model.Emoji;

/**
 * The reactions with one emoji on one message after a reaction was added or removed.
 *
 * @param changed false when nothing happened and no event was sent (the user had already reacted, or had not)
 */
public record ReactionCount(String messageId, Emoji emoji, int count, boolean changed) {}
