package io.guildflow.api;

import java.util.Optional;

/**
 * Discord messages a handler (or a scheduled job) sends besides its answer: a post in a channel, an
 * edit of a message. They are written to an outbox in the handler's transaction and delivered after
 * it commits, so they happen exactly when the handler's database writes happen:
 *
 * <ul>
 *   <li>rolled back (the handler threw, the worker died) → nothing is sent;</li>
 *   <li>committed → sent once, even when the worker dies while sending: a new message carries a
 *       {@code nonce} with {@code enforce_nonce}, so Discord returns the first message instead of
 *       posting a second; an edit is repeatable by nature;</li>
 *   <li>several queued edits of one message that are still pending are merged into the latest
 *       (Discord allows about five edits per channel every five seconds).</li>
 * </ul>
 *
 * Delivery happens a few milliseconds after the commit, not inside the handler: the Discord message
 * id of a post is known later, through {@link #postedMessageId(String)}.
 */
public interface DiscordActions {

    /**
     * Queues a new message in a channel.
     *
     * @return the post's key: store it with your data to edit the message later with {@link #editPosted}
     */
    String postMessage(String channelId, Message message);

    /** Queues an edit of a message whose Discord id you know. */
    void editMessage(String channelId, String messageId, Message message);

    /**
     * Queues an edit of the message posted earlier under {@code key} (from {@link #postMessage}),
     * whether or not that post has been delivered yet: the edit waits for it.
     */
    void editPosted(String key, Message message);

    /** The Discord message id of a post once it was delivered; empty before, or for an unknown key. */
    Optional<String> postedMessageId(String key);
}
