package io.guildflow.worker.database;

import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * One line for a failed Flyway validation. Flyway's own message ("Validate failed: Migrations have failed validation")
 * names no migration and no table; the usual cause is a second bot started in the schema of the first, whose
 * {@code bot_schema_history} then lists migrations this bot does not have.
 */
final class MigrationMismatch {
    private MigrationMismatch() {
    }

    /**
     * Validates again, reading only, to learn which migrations disagree; pending ones are left out as they are what
     * a migration would apply, not a mismatch.
     *
     * @param whose "runtime" or "bot"
     */
    static String describe(Flyway failed, String whose, String schema) {
        String table = schema + "." + failed.getConfiguration().getTable();
        try {
            ValidateResult result = Flyway.configure().configuration(failed.getConfiguration())
                    .ignoreMigrationPatterns("*:pending", "*:future").load().validateWithResult();
            return line(whose, table, schema, result.invalidMigrations);
        } catch (FlywayException e) {
            return line(whose, table, schema, List.of());
        }
    }

    static String line(String whose, String table, String schema, List<ValidateOutput> invalid) {
        StringBuilder line = new StringBuilder("the " + whose + "'s migrations do not match the history table "
                + table);
        if (!invalid.isEmpty()) {
            ValidateOutput first = invalid.get(0);
            line.append(": migration ").append(first.version == null || first.version.isEmpty() ? "(repeatable)"
                    : "V" + first.version);
            if (first.description != null && !first.description.isEmpty()) {
                line.append(" (").append(first.description).append(')');
            }
            if (first.errorDetails != null && first.errorDetails.errorMessage != null) {
                line.append(": ").append(firstLine(first.errorDetails.errorMessage));
            }
            if (invalid.size() > 1) {
                line.append(" (and ").append(invalid.size() - 1).append(" more)");
            }
        }
        return line.append("; likely cause: another bot's migrations were applied in schema ").append(schema)
                .append(": give each bot its own DATABASE_SCHEMA").toString();
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return (newline < 0 ? stripped : stripped.substring(0, newline)).strip();
    }
}
