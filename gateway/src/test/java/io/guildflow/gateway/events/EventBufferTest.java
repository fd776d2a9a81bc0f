package io.guildflow.gateway.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventBufferTest {
    private static ReceivedEvent event(int bodyBytes, String id) {
        return new ReceivedEvent("MESSAGE_CREATE", 0, Instant.EPOCH, new byte[bodyBytes], id);
    }

    @Test
    void theHeadStaysUntilRemovedSoARetryNeverLetsALaterEventOvertakeIt() throws Exception {
        EventBuffer buffer = new EventBuffer(10_000);
        ReceivedEvent first = event(10, "1");
        ReceivedEvent second = event(10, "2");
        buffer.offer(first);
        buffer.offer(second);
        assertSame(first, buffer.awaitHead(Duration.ZERO));
        assertSame(first, buffer.awaitHead(Duration.ZERO), "a failed publish leaves it at the head");
        buffer.removeHead(second); // not the head: ignored
        assertSame(first, buffer.awaitHead(Duration.ZERO));
        buffer.removeHead(first);
        assertSame(second, buffer.awaitHead(Duration.ZERO));
    }

    @Test
    void beyondItsBytesTheNewestIsRefusedAndRoomComesBackAsItDrains() {
        long size = event(340, "x").size();
        EventBuffer buffer = new EventBuffer(2 * size);
        ReceivedEvent first = event(340, "1");
        assertTrue(buffer.offer(first));
        assertTrue(buffer.offer(event(340, "2")));
        assertFalse(buffer.offer(event(340, "3")), "full: the newest is the one dropped");
        assertEquals(2 * size, buffer.bytes());
        buffer.removeHead(first);
        assertTrue(buffer.offer(event(340, "4")));
        assertEquals(2, buffer.size());
    }

    @Test
    void anEmptyBufferAnswersNullAfterTheWaitAndFlushedAtOnce() throws Exception {
        EventBuffer buffer = new EventBuffer(1_000);
        assertNull(buffer.awaitHead(Duration.ofMillis(5)));
        assertTrue(buffer.awaitEmpty(Duration.ZERO));
        buffer.offer(event(1, "1"));
        assertFalse(buffer.awaitEmpty(Duration.ofMillis(5)));
    }
}
