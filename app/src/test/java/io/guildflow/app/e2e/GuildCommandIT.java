package io.guildflow.app.e2e;

import static io.guildflow.app.guilddata.GuildDataFixture.A;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guildflow.app.e2e.CommandLineIT.Result;
import io.guildflow.app.guilddata.GuildDataFixture;
import io.guildflow.app.guilddata.GuildExport;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `guildflow guild restore` through the packaged runtime: PostgreSQL found through DATABASE_URL and DATABASE_SCHEMA,
 * and a refusal as one line and exit code 2 (GuildDataIT covers the rest in-process: one JVM here costs seconds).
 */
class GuildCommandIT {
    private static final String CLASS_PATH = Path.of("target", "guildflow.jar").toString();

    @TempDir
    Path files;

    @Test
    void aFileFromANewerSchemaIsRefusedWithOneLineAndExitTwo() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("guildcli");
             GuildDataFixture fixture = new GuildDataFixture(environment).migrate()) {
            fixture.seed();
            Path file = files.resolve("a.jsonl");
            try (Connection connection = environment.connect()) {
                new GuildExport(connection, environment.schema(), Clock.systemUTC()).export(A, file);
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            lines.set(0, lines.get(0).replace("\"bot_schema_history\":\"2\"", "\"bot_schema_history\":\"3\""));
            Files.write(file, lines, StandardCharsets.UTF_8);
            // The schema as an operator names it, beside a URL without one.
            Map<String, String> env = Map.of("DATABASE_URL", IsolatedEnvironment.PG_URL,
                    "DATABASE_SCHEMA", environment.schema());

            Result refused = CommandLineIT.runMain(env, CLASS_PATH, "guild", "restore", A, "--from", file.toString());

            assertEquals(2, refused.exitCode(), refused.out() + refused.err());
            assertEquals(List.of("guildflow: " + file + " is from a newer schema than " + environment.schema()
                    + ": bot_schema_history 3 (here 2): migrate this database first (run the newer version's setup or"
                    + " worker), then restore"), refused.errLines());
        }
    }
}
