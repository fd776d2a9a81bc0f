package io.guildflow.api;

import java.sql.Connection;
import java.time.Instant;

/** What a {@link ScheduledJob}'s batch may use. */
public interface JobContext {

    /** The batch's transaction: it commits when {@link ScheduledJob#runBatch} returns and rolls back when it throws. */
    Connection sql();

    /** Posts and edits sent exactly once after the batch commits. */
    DiscordActions discord();

    /** Now, by the worker's clock. */
    Instant now();
}
