package io.guildflow.testkit.jda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.GatewayFrame;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.guild.GenericGuildEvent;
import net.dv8tion.jda.api.events.guild.GuildAvailableEvent;
import net.dv8tion.jda.api.events.guild.GuildJoinEvent;
import net.dv8tion.jda.api.events.guild.GuildLeaveEvent;
import net.dv8tion.jda.api.events.guild.GuildUnavailableEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Guild outages, joins and removals reach the real JDA as Discord sends them (GUILD_CREATE / GUILD_DELETE). */
class GuildLifecycleTest {
    private final LinkedBlockingQueue<GenericGuildEvent> events = new LinkedBlockingQueue<>();
    private DiscordEmulator emu;
    private JDA jda;

    @AfterEach
    void tearDown() {
        JdaHarness.shutdown(jda, emu);
    }

    private void connect() {
        jda = JdaHarness.connect(emu, JdaHarness.listener((GenericEvent e) -> {
            if (e instanceof GuildJoinEvent || e instanceof GuildLeaveEvent || e instanceof GuildUnavailableEvent
                    || e instanceof GuildAvailableEvent) {
                events.add((GenericGuildEvent) e);
            }
        }));
    }

    private <T extends GenericGuildEvent> T next(Class<T> type) throws InterruptedException {
        GenericGuildEvent e = events.poll(10, TimeUnit.SECONDS);
        assertNotNull(e, "no " + type.getSimpleName() + " within 10 s");
        return assertInstanceOf(type, e);
    }

    @Test
    void joinLeaveOutageAndReturnAfterReady() throws Exception {
        emu = DiscordEmulator.builder().guilds(2).build().start();
        connect();

        EmulatedGuild joined = emu.joinGuild("Newcomers");
        assertEquals(joined.id(), next(GuildJoinEvent.class).getGuild().getId());
        assertEquals("Newcomers", jda.getGuildById(joined.id()).getName());
        assertEquals(3, emu.guilds().size());

        EmulatedGuild down = emu.guild(0);
        emu.startGuildOutage(down);
        assertEquals(down.id(), next(GuildUnavailableEvent.class).getGuild().getId());
        assertTrue(jda.isUnavailable(Long.parseUnsignedLong(down.id())));
        emu.endGuildOutage(down);
        assertEquals(down.id(), next(GuildAvailableEvent.class).getGuild().getId());
        assertFalse(jda.isUnavailable(Long.parseUnsignedLong(down.id())));

        emu.leaveGuild(joined);
        assertEquals(joined.id(), next(GuildLeaveEvent.class).getGuild().getId());
        assertNull(jda.getGuildById(joined.id()));
        assertEquals(2, emu.guilds().size());
        assertTrue(events.isEmpty(), () -> "unexpected events " + events);
    }

    @Test
    void aGuildDownAtIdentifyIsListedInReadyThenDeletedAsUnavailableUntilItReturns() throws Exception {
        emu = DiscordEmulator.builder().guilds(2).build().start();
        EmulatedGuild down = emu.guild(1);
        emu.startGuildOutage(down);
        long started = System.nanoTime();
        connect();
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(30).toNanos(),
                "JDA became ready without waiting for the unavailable guild");
        assertNotNull(jda.getGuildById(emu.guild(0).id()));
        assertNull(jda.getGuildById(down.id()));
        String ready = emu.gatewayFrames().stream().filter(f -> "READY".equals(f.t())).findFirst().orElseThrow()
                .payload();
        assertTrue(ready.contains("{\"id\":\"" + down.id() + "\",\"unavailable\":true}"), ready);
        assertTrue(emu.gatewayFrames().stream().anyMatch(f -> f.direction() == GatewayFrame.Direction.SENT
                && "GUILD_DELETE".equals(f.t()) && f.payload().contains(down.id())));
        assertFalse(emu.gatewayFrames().stream().anyMatch(f -> "GUILD_CREATE".equals(f.t())
                && f.payload().contains("\"id\":\"" + down.id() + "\",\"name\"")));

        emu.endGuildOutage(down);
        emu.awaitCondition(() -> jda.getGuildById(down.id()) != null, Duration.ofSeconds(10));
        assertEquals(2, jda.getGuilds().size());
    }
}
