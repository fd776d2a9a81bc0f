package io.guildflow.app.replay;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.nats.Topology;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GuildSubjectsTest {
    private final Topology topology = new Topology("prod");

    @Test
    void oneGuildsInteractionsGatewayEventsAndLifecycleEventsAndNoOtherGuilds() {
        Replay.GuildSubjects subjects = new Replay.GuildSubjects(topology, Optional.of("42"));

        assertTrue(subjects.includes("gf.prod.guild.42.command"));
        assertTrue(subjects.includes("gf.prod.guild.42.event.message_create.3"));
        assertTrue(subjects.includes("gf.prod.lifecycle.42"));
        assertFalse(subjects.includes("gf.prod.guild.420.command"));
        assertFalse(subjects.includes("gf.prod.lifecycle.420"));
        assertFalse(subjects.includes("gf.prod.dm.42.command"));
    }

    @Test
    void withoutAGuildEverything() {
        assertTrue(new Replay.GuildSubjects(topology, Optional.empty()).includes("gf.prod.dm.7.command"));
    }
}
