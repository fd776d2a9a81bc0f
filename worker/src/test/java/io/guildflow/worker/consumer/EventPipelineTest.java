package io.guildflow.worker.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventPipelineTest {

    @Test
    void retriesBackOffExponentiallyUpToThirtySeconds() {
        assertEquals(Duration.ofSeconds(1), EventPipeline.retryDelay(1));
        assertEquals(Duration.ofSeconds(2), EventPipeline.retryDelay(2));
        assertEquals(Duration.ofSeconds(16), EventPipeline.retryDelay(5));
        assertEquals(Duration.ofSeconds(30), EventPipeline.retryDelay(6));
        assertEquals(Duration.ofSeconds(30), EventPipeline.retryDelay(50));
    }

    @Test
    void heartbeatIsAtMostThreeSecondsAndAThirdOfAckWait() {
        assertEquals(Duration.ofSeconds(3), ConsumerSettings.heartbeat(Duration.ofSeconds(10)));
        assertEquals(Duration.ofMillis(2000).dividedBy(3), ConsumerSettings.heartbeat(Duration.ofSeconds(2)));
    }
}
