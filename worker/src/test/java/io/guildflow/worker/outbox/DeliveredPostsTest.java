package io.guildflow.worker.outbox;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.worker.outbox.OutboxStore.Posted;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DeliveredPostsTest {
    private static final DeliveredPosts.Reads NOTHING = key -> Optional.empty();

    @Test
    void anActionKeyBecomesThirtyTwoHexDigitsABucketKeyAllows() {
        String key = DeliveredPosts.key("1234567890:0");
        assertTrue(key.matches("[0-9a-f]{32}"), key);
        assertEquals(key, DeliveredPosts.key("1234567890:0"));
        assertNotEquals(key, DeliveredPosts.key("1234567890:1"));
        // the nonce is the same digest, shorter: one helper for both
        assertTrue(key.startsWith(OutboxSender.nonce("1234567890:0")));
    }

    @Test
    void aRecordedPostIsFoundUnderItsActionKey() {
        Map<String, byte[]> bucket = new HashMap<>();
        DeliveredPosts posts = new DeliveredPosts("gf_test_posts", (key, value) -> {
            bucket.put(key, value);
            return CompletableFuture.completedFuture(null);
        }, key -> Optional.ofNullable(bucket.get(key)));

        posts.record("event:abc:0", "777", "888");

        assertEquals("777 888", new String(bucket.get(DeliveredPosts.key("event:abc:0")), StandardCharsets.UTF_8));
        assertEquals(Optional.of(new Posted("777", "888")), posts.find("event:abc:0"));
        assertEquals(Optional.empty(), posts.find("event:abc:1"));
    }

    @Test
    void aValueIsAChannelIdASpaceAndAMessageIdOrNothing() {
        assertEquals(Optional.of(new Posted("1", "2")), DeliveredPosts.parse(bytes("1 2")));
        for (String broken : new String[] {"", "12", " 2", "1 ", "1 2 3"}) {
            assertEquals(Optional.empty(), DeliveredPosts.parse(bytes(broken)), "'" + broken + "'");
        }
    }

    @Test
    void aWriteThatFailsAtOnceOrLaterNeverReachesTheSender() {
        DeliveredPosts refusedAtOnce = new DeliveredPosts("gf_test_posts", (key, value) -> {
            throw new IllegalStateException("Connection is Closed");
        }, NOTHING);
        DeliveredPosts unreachable = new DeliveredPosts("gf_test_posts", (key, value) -> {
            throw new IOException("NATS unreachable");
        }, NOTHING);
        DeliveredPosts refusedLater = new DeliveredPosts("gf_test_posts",
                (key, value) -> CompletableFuture.failedFuture(new IOException("503 No Responders")), NOTHING);

        for (DeliveredPosts posts : new DeliveredPosts[] {refusedAtOnce, unreachable, refusedLater}) {
            assertDoesNotThrow(() -> posts.record("1:0", "777", "888"));
            assertDoesNotThrow(() -> posts.record("1:1", "777", "889"), "again, while it keeps failing");
        }
    }

    @Test
    void aBucketThatCannotBeReadHasNoEntry() {
        DeliveredPosts posts = new DeliveredPosts("gf_test_posts",
                (key, value) -> CompletableFuture.completedFuture(null), key -> {
                    throw new IOException("Timeout or no response waiting for NATS JetStream server");
                });

        assertEquals(Optional.empty(), posts.find("1:0"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
