package io.guildflow.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ReplayCommandTest {

    @Test
    void aTimeWithoutItsOffsetIsRefusedWithOneLineAndExitTwoBeforeAnythingIsContacted() {
        StringWriter err = new StringWriter();
        CommandLine line = GuildflowCommand.commandLine(new GuildflowCommand());
        line.setErr(new PrintWriter(err, true));

        int exit = line.execute("replay", "--since", "2026-12-07T03:00:00");

        assertEquals(2, exit);
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    @Test
    void aMalformedGuildIsRefusedWithExitTwo() {
        CommandLine line = GuildflowCommand.commandLine(new GuildflowCommand());
        line.setErr(new PrintWriter(new StringWriter(), true));

        assertEquals(2, line.execute("replay", "--since", "2026-12-07T03:00:00Z", "--guild", "my-server"));
    }

    @Test
    void aTimeWithAnOffsetIsThatInstant() {
        assertEquals(List.of(Instant.parse("2026-12-07T02:00:00Z"), Instant.parse("2026-12-07T03:00:00Z")),
                List.of(ReplayCommand.parseTime("2026-12-07T03:00:00+01:00"),
                        ReplayCommand.parseTime("2026-12-07T03:00:00Z")));
    }
}
