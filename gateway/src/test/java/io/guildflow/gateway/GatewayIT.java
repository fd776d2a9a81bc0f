package io.guildflow.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.common.config.EnvironmentValues;
import io.guildflow.common.discord.DiscordSettings;
import io.guildflow.common.discord.governor.GovernorSettings;
import io.guildflow.common.envelope.EnvelopeCodec;
import io.guildflow.common.envelope.GuildLifecycleEnvelope;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.nats.StreamProvisioner;
import io.guildflow.common.nats.Topology;
import io.guildflow.common.telemetry.MetricNames;
import io.guildflow.common.telemetry.Telemetry;
import io.guildflow.common.nats.EventStreamSettings;
import io.guildflow.gateway.events.EventPath;
import io.guildflow.gateway.events.ForwardedEvents;
import io.guildflow.gateway.guard.StandInPolicy;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.bot.EmulatorSettings;
import io.guildflow.testkit.model.EmulatedGuild;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real JDA against the emulator, publishing to the real JetStream of an environment of its own. */
class GatewayIT {
    private final Topology topology = new Topology("gw-" + UUID.randomUUID().toString().substring(0, 8));
    private Connection nats;
    private DiscordEmulator emulator;
    private Telemetry telemetry;
    private Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        nats = Nats.connect("nats://127.0.0.1:4222");
        emulator = DiscordEmulator.builder().guilds(2).commands("ping").build().start();
        telemetry = Telemetry.create("gateway-test", topology.environment(), null);
        EnvironmentValues pointedAtTheEmulator = new EnvironmentValues(EmulatorSettings.of(emulator));
        gateway = Gateway.start(GatewaySettings.from(pointedAtTheEmulator), DiscordSettings.from(pointedAtTheEmulator),
                Duration.ofSeconds(20), StandInPolicy.standard(), nats, topology, telemetry.registry(), telemetry.nats(),
                Clock.systemUTC(), new EventPath(ForwardedEvents.none(), EventStreamSettings.defaults(), nats,
                        refused -> { }), GovernorSettings.defaults().alone());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!gateway.shards().allConnected() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(gateway.shards().allConnected(), gateway.shards().describe());
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        telemetry.close();
        emulator.close();
        new StreamProvisioner(topology).removeStreams(nats);
        nats.close();
    }

    @Test
    void guildInteractionLandsOnItsGuildSubjectWithIdHeadersAndTrace() throws Exception {
        EmulatedGuild guild = emulator.guild(1);
        DispatchedInteraction sent = emulator.slashCommand(guild, guild.members().get(0), "ping", Map.of());
        String subject = "gf." + topology.environment() + ".guild." + guild.id() + ".command";

        MessageInfo stored = awaitLastMessage(subject);
        assertEquals(sent.id(), stored.getHeaders().getFirst("Nats-Msg-Id"));
        assertEquals(guild.id(), stored.getHeaders().getFirst("Gf-Guild"));
        assertNotNull(stored.getHeaders().getFirst("traceparent"));

        InteractionEnvelope envelope = new EnvelopeCodec().decode(stored.getData());
        assertEquals(sent.id(), envelope.interactionId());
        assertEquals(sent.token(), envelope.token());
        JsonNode raw = envelope.raw();
        assertEquals("ping", raw.path("data").path("name").asText());
        assertTrue(gateway.natsConnected());
        assertTrue(new StreamProvisioner(topology).streamExists(nats));
    }

    @Test
    void directMessageInteractionLandsOnTheUsersDmSubject() throws Exception {
        DispatchedInteraction sent = emulator.dmSlashCommand(emulator.users().get(0), "ping", Map.of());
        String subject = "gf." + topology.environment() + ".dm." + sent.userId() + ".command";
        MessageInfo stored = awaitLastMessage(subject);
        assertEquals("dm", stored.getHeaders().getFirst("Gf-Guild"));
        assertEquals(sent.id(), new ObjectMapper().readTree(stored.getData()).path("id").asText());
    }

    @Test
    void joiningAndLeavingAGuildAreLifecycleEventsButAnOutageIsNot() throws Exception {
        EmulatedGuild joined = emulator.joinGuild("Newcomers");
        String subject = "gf." + topology.environment() + ".lifecycle." + joined.id();
        MessageInfo join = awaitLastMessage(subject);
        GuildLifecycleEnvelope joinEvent = GuildLifecycleEnvelope.decode(new ObjectMapper(), join.getData());
        assertEquals(GuildLifecycleEnvelope.Event.JOINED, joinEvent.event());
        assertEquals("Newcomers", joinEvent.raw().path("name").asText(), "Discord's GUILD_CREATE, untouched");
        assertEquals(joinEvent.messageId(), join.getHeaders().getFirst("Nats-Msg-Id"));

        EmulatedGuild down = emulator.guild(0);
        emulator.startGuildOutage(down);
        emulator.endGuildOutage(down);
        emulator.leaveGuild(joined);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (lifecycleEvents() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300); // room for a wrong event about the outage to show up
        assertEquals(2, lifecycleEvents(), "the join and the leave; neither the initial guilds nor the outage");
        GuildLifecycleEnvelope leave = GuildLifecycleEnvelope.decode(new ObjectMapper(),
                awaitLastMessage(subject).getData());
        assertEquals(GuildLifecycleEnvelope.Event.LEFT, leave.event());
        assertEquals(joined.id(), leave.guildId());
    }

    @Test
    void identifyBudgetIsReadAgainAfterEachNewSession() throws Exception {
        int atStart = emulator.sessionStartLimit().remaining();
        awaitIdentifyRemaining(atStart, "the budget after the first IDENTIFY");
        emulator.triggerInvalidSession(0, false); // not resumable: JDA identifies again and spends one more
        awaitIdentifyRemaining(atStart - 1, "the budget after the second IDENTIFY");
        assertEquals(emulator.sessionStartLimit().remaining(), identifyRemaining());
    }

    private void awaitIdentifyRemaining(int expected, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (identifyRemaining() != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(expected, identifyRemaining(), what);
    }

    private double identifyRemaining() {
        return telemetry.registry().get(MetricNames.DISCORD_IDENTIFY_REMAINING).gauge().value();
    }

    private long lifecycleEvents() throws Exception {
        var management = nats.jetStreamManagement();
        long last = management.getStreamInfo(topology.streamName()).getStreamState().getLastSequence();
        long count = 0;
        for (long sequence = 1; sequence <= last; sequence++) {
            if (management.getMessage(topology.streamName(), sequence).getSubject()
                    .startsWith("gf." + topology.environment() + ".lifecycle.")) {
                count++;
            }
        }
        return count;
    }

    private MessageInfo awaitLastMessage(String subject) throws Exception {
        JetStreamManagement management = nats.jetStreamManagement();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                return management.getLastMessage(topology.streamName(), subject);
            } catch (JetStreamApiException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("nothing published on " + subject, notYet);
                }
                Thread.sleep(20);
            }
        }
    }

}
