package io.guildflow.testkit.model;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Generates unique Discord snowflakes (timestamp in the high 42 bits) and helps with shard arithmetic. */
public final class Snowflakes {
    /** First second of 2015, Discord's epoch. */
    public static final long DISCORD_EPOCH = 1420070400000L;

    private final AtomicLong last = new AtomicLong();

    /** A new id, strictly greater than every id this generator returned before, stamped with the wall clock. */
    public long next() {
        long base = (System.currentTimeMillis() - DISCORD_EPOCH) << 22;
        return last.updateAndGet(prev -> Math.max(prev + 1, base));
    }

    /** An id whose timestamp is {@code epochMillis}, with the given low bits. */
    public static long at(long epochMillis, int lowBits) {
        return ((epochMillis - DISCORD_EPOCH) << 22) | (lowBits & 0x3FFFFF);
    }

    public static Instant timestamp(long snowflake) {
        return Instant.ofEpochMilli((snowflake >>> 22) + DISCORD_EPOCH);
    }

    /**
     * The snowflake an id a test passes in stands for: ids are Strings in the testkit's API, as in
     * {@code io.guildflow.api}; the emulator computes with the number. IllegalArgumentException if it is none.
     */
    public static long parse(String id) {
        if (id == null) {
            throw new IllegalArgumentException("an id is required");
        }
        try {
            return Long.parseUnsignedLong(id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an id: '" + id + "'");
        }
    }

    /** Discord's shard formula: {@code (guild_id >> 22) % num_shards}. */
    public static int shardOf(long guildId, int shards) {
        return (int) ((guildId >>> 22) % Math.max(1, shards));
    }
}
