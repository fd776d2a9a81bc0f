package io.guildflow.worker.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.ErrorDetails;
import org.flywaydb.core.api.output.ValidateOutput;
import org.junit.jupiter.api.Test;

/** The line's shape for what BotSchemasIT cannot easily produce: several mismatches, a repeatable, no details. */
class MigrationMismatchTest {
    private static final String CAUSE = "; likely cause: another bot's migrations were applied in schema bots: give"
            + " each bot its own DATABASE_SCHEMA";

    @Test
    void namesTheFirstMismatchOnOneLineAndCountsTheRest() {
        List<ValidateOutput> invalid = List.of(
                new ValidateOutput("2", "events", "", new ErrorDetails(CoreErrorCode.APPLIED_VERSIONED_MIGRATION_NOT_RESOLVED,
                        "Detected applied migration not resolved locally: 2.\nIf you removed it, run repair")),
                new ValidateOutput("", "views", "", new ErrorDetails(CoreErrorCode.CHECKSUM_MISMATCH, "checksum")));
        assertEquals("the bot's migrations do not match the history table bots.bot_schema_history: migration V2 (events):"
                + " Detected applied migration not resolved locally: 2. (and 1 more)"
                + CAUSE, MigrationMismatch.line("bot", "bots.bot_schema_history", "bots", invalid));
        assertEquals("the runtime's migrations do not match the history table bots.flyway_schema_history: migration"
                + " (repeatable) (views): checksum" + CAUSE, MigrationMismatch.line("runtime",
                "bots.flyway_schema_history", "bots", invalid.subList(1, 2)));
    }

    @Test
    void withoutDetailsItStillNamesTheTableAndTheCause() {
        assertEquals("the bot's migrations do not match the history table bots.bot_schema_history" + CAUSE,
                MigrationMismatch.line("bot", "bots.bot_schema_history", "bots", List.of()));
    }
}
