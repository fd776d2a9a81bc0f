package io.guildflow.app.guilddata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaVersionsTest {
    private static final SchemaVersions HERE = new SchemaVersions("21", Optional.of("4"));

    @Test
    void aFileFromTheSameOrAnOlderSchemaFits() {
        assertEquals(Optional.empty(), HERE.newerIn(HERE));
        assertEquals(Optional.empty(), HERE.newerIn(new SchemaVersions("2", Optional.of("3.9"))));
        assertEquals(Optional.empty(), HERE.newerIn(new SchemaVersions("21", Optional.empty())));
    }

    @Test
    void aNewerVersionInEitherHistoryIsNamedComparedAsVersionsNotText() {
        assertEquals(Optional.of("flyway_schema_history 100 (here 21)"),
                HERE.newerIn(new SchemaVersions("100", Optional.of("4"))));
        assertEquals(Optional.of("flyway_schema_history 21.1 (here 21), bot_schema_history 4.0.1 (here 4)"),
                HERE.newerIn(new SchemaVersions("21.1", Optional.of("4.0.1"))));
        assertEquals(Optional.of("bot_schema_history 1 (here none)"),
                new SchemaVersions("21", Optional.empty()).newerIn(new SchemaVersions("21", Optional.of("1"))));
    }
}
