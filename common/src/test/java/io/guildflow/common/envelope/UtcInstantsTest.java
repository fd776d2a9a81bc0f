package io.guildflow.common.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast path reads exactly what {@link Instant#parse} reads, and the rest still goes to it. */
class UtcInstantsTest {
    @Test
    void readsWhatInstantToStringWritesAtEveryPrecision() {
        Random random = new Random(12);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-62_135_596_800L, 253_402_300_799L); // years 0001 to 9999
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertEquals(instant, UtcInstants.parse(instant.toString()), instant.toString());
        }
    }

    @Test
    void agreesWithInstantParseOnOddButValidForms() {
        for (String text : List.of("2026-11-22T22:44:30.1Z", "2026-11-22T22:44:30.12345678Z", "2024-02-29T23:59:59Z",
                "2016-12-31T23:59:60Z", "2026-11-22t22:44:30z", "+12026-11-22T22:44:30Z", "0000-01-01T00:00:00Z",
                "2026-11-22T22:44:30.000000000Z", "2026-11-22T24:00:00Z",
                "2026-11-22T22:44:30.Z")) {
            assertEquals(Instant.parse(text), UtcInstants.parse(text), text);
        }
    }

    @Test
    void rejectsWhatInstantParseRejects() {
        for (String text : List.of("2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-22T25:00:00Z",
                "2026-11-22T22:44:30.1234567890Z", "2026-11-22 22:44:30Z", "2026-1x-22T22:44:30Z",
                "yesterday", "2026-11-22T22:44:30")) {
            assertThrows(DateTimeParseException.class, () -> Instant.parse(text), text);
            assertThrows(DateTimeParseException.class, () -> UtcInstants.parse(text), text);
        }
    }
}
