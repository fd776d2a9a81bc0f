package io.guildflow.common.discord.governor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GlobalLimiterTest {

    @Test
    void neverMoreThanTheShareInAnySlidingSecond() {
        GlobalLimiter limiter = new GlobalLimiter(3);
        for (long t : new long[] {0, 400, 900}) {
            assertEquals(0, limiter.delay(t));
            limiter.take(t);
        }
        assertEquals(100, limiter.delay(900), "the request at 0 ages out at 1000");
        assertEquals(0, limiter.delay(1000));
        limiter.take(1000);
        assertEquals(400, limiter.delay(1000), "then the one at 400 must age out");
        assertEquals(3, limiter.used(1000));
    }

    @Test
    void aSmallerShareWaitsUntilEnoughHaveAgedOut() {
        GlobalLimiter limiter = new GlobalLimiter(4);
        for (long t = 0; t < 4; t++) {
            limiter.take(t * 100);
        }
        limiter.share(2);
        assertEquals(1200 - 300, limiter.delay(300), "three must age out: the one at 200 is the last of them");
    }

    @Test
    void aGlobal429BlocksUntilItsReset() {
        GlobalLimiter limiter = new GlobalLimiter(50);
        limiter.blockUntil(5_000);
        assertEquals(4_000, limiter.delay(1_000));
        assertEquals(0, limiter.delay(5_000));
    }
}
