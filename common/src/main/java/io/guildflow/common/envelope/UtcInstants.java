package io.guildflow.common.envelope;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Reads the instants envelopes carry ({@code received_at}, written by {@link Instant#toString()}:
 * {@code 2026-11-22T22:44:30.123456Z}) without {@code DateTimeFormatter}, which cost a worker more CPU than
 * the rest of decoding an envelope. Anything else ISO-8601 accepts goes to {@link Instant#parse}, so the
 * result and the errors are the same.
 */
final class UtcInstants {
    private static final int[] SCALE = {100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private UtcInstants() {
    }

    /** @throws DateTimeParseException as {@link Instant#parse} does */
    static Instant parse(String text) {
        Instant fast = fastOrNull(text);
        return fast != null ? fast : Instant.parse(text);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} with a four-digit year and 1 to 9 fraction digits; null for the rest. */
    private static Instant fastOrNull(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return null; // includes the leap second 60, which Instant.parse handles
        }
        int nanos = 0;
        if (length > 20) {
            int fraction = length - 21;
            if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            int value = digits(text, 20, length - 1);
            if (value < 0) {
                return null;
            }
            nanos = value * SCALE[fraction - 1];
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null; // Instant.parse gives the proper error
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number in {@code [from, to)}, or -1 when a character is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
