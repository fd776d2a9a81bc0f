package io.guildflow.app.replay;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AckFloorsTest {
    @Test
    void subjectsMatchAsNatsMatchesThem() {
        assertTrue(AckFloors.matches("gf.prod.guild.*.event.*.3", "gf.prod.guild.42.event.message_create.3"));
        assertFalse(AckFloors.matches("gf.prod.guild.*.event.*.3", "gf.prod.guild.42.event.message_create.13"));
        assertFalse(AckFloors.matches("gf.prod.guild.*.event.*.3", "gf.prod.dm.42.event.message_create.3"));
        assertTrue(AckFloors.matches(">", "gf.prod.guild.42.command"));
        assertTrue(AckFloors.matches("gf.prod.>", "gf.prod.lifecycle.42"));
        assertFalse(AckFloors.matches("gf.prod.>", "gf.prod"));
        assertFalse(AckFloors.matches("gf.prod.*", "gf.prod.guild.42"));
    }

    @Test
    void anEventAboveItsConsumersFloorIsLeftForTheWorkers() {
        AckFloors floors = new AckFloors(List.of(new AckFloors.Floor("gf.p.guild.*.event.*.0", 10),
                new AckFloors.Floor("gf.p.guild.*.event.*.1", 20)));
        assertFalse(floors.waitingForWorkers("gf.p.guild.7.event.message_create.0", 10), "handled: at the floor");
        assertTrue(floors.waitingForWorkers("gf.p.guild.7.event.message_create.0", 11));
        assertFalse(floors.waitingForWorkers("gf.p.guild.7.event.message_create.1", 15), "its own partition's floor");
        assertFalse(floors.waitingForWorkers("gf.p.dm.7.event.message_create.0", 99), "no consumer: nothing waits");
        assertFalse(new AckFloors(List.of()).waitingForWorkers("gf.p.guild.7.command", 5));
    }
}
