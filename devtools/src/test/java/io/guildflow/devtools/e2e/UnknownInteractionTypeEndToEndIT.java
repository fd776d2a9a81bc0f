package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.common.envelope.EnvelopeCodec;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.envelope.InteractionKind;
import io.guildflow.common.nats.Topology;
import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.testsupport.load.AnsweredOnce;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An interaction of a type Discord may add later (99), between ordinary /pings, through a real gateway and
 * worker process against the emulator. The gateway forwards it intact under its own kind and does not
 * acknowledge it (StandInResponses says why); the worker logs one line and dead-letters it with its reason
 * under {@code gf.<env>.dlq.unknown}, never as a lifecycle event; the pings around it are answered once in
 * time and both processes are still up and ready.
 */
class UnknownInteractionTypeEndToEndIT {
    private static final int FUTURE_TYPE = 99;
    private static final String REASON = "unknown interaction type " + FUTURE_TYPE;

    @Test
    void anInteractionOfAnUnknownTypeIsDeadLetteredUnderItsOwnKindWhileThePingsAroundItAreAnswered()
            throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("unknown-type");
             DiscordEmulator emulator = BotCommands.emulator().guilds(1).build().start();
             JarProcess worker = JarProcess.run(JarProcess.workerSettings(emulator, environment));
             JarProcess gateway = JarProcess.run(JarProcess.gatewaySettings(emulator, environment));
             Connection nats = Nats.connect(IsolatedEnvironment.NATS_URL)) {
            worker.awaitReady(Duration.ofSeconds(90));
            gateway.awaitReady(Duration.ofSeconds(90));
            Topology topology = environment.topology();
            EmulatedGuild guild = emulator.guild(0);
            EmulatedUser user = guild.members().get(0);

            DispatchedInteraction before = emulator.slashCommand(guild, user, "ping", Map.of());
            DispatchedInteraction future = emulator.interactionOfType(guild, user, FUTURE_TYPE,
                    Json.object().put("name", "ping").put("shape", "not invented yet"));
            DispatchedInteraction after = emulator.slashCommand(guild, user, "ping", Map.of());
            try {
                AnsweredOnce.await(emulator, List.of(before, after), Duration.ofSeconds(30),
                        AnsweredOnce.contentStartingWith("pong"));
                JetStreamManagement streams = nats.jetStreamManagement();
                emulator.awaitCondition(() -> messages(streams, topology.deadLetterStreamName()) == 1,
                        Duration.ofSeconds(30));

                MessageInfo dead = streams.getMessage(topology.deadLetterStreamName(), 1);
                assertEquals(topology.deadLetterSubject(InteractionKind.UNKNOWN), dead.getSubject());
                assertEquals(REASON, dead.getHeaders().getFirst(Topology.HEADER_DLQ_REASON));
                assertEquals("1", dead.getHeaders().getFirst(Topology.HEADER_DELIVERY_COUNT));
                String published = topology.guildSubject(guild.id(), InteractionKind.UNKNOWN);
                assertEquals(published, dead.getHeaders().getFirst(Topology.HEADER_ORIGINAL_SUBJECT));
                InteractionEnvelope parked = new EnvelopeCodec(new ObjectMapper()).decode(dead.getData());
                assertEquals(future.id(), parked.interactionId());
                assertEquals(FUTURE_TYPE, parked.raw().path("type").asInt());
                assertEquals("not invented yet", parked.raw().path("data").path("shape").asText(),
                        "the raw payload as Discord sent it");

                assertEquals(List.of(topology.guildSubject(guild.id(), InteractionKind.COMMAND), published,
                                topology.guildSubject(guild.id(), InteractionKind.COMMAND)),
                        subjects(streams, topology.streamName()), "in order, each under its own kind; no lifecycle");

                // Past the guard's deadline (ACK_DEADLINE 2 s) and Discord's 3 s: nobody tried to acknowledge it.
                Thread.sleep(Math.max(0, 3_500 - Duration.between(future.dispatchedAt(),
                        java.time.Instant.now()).toMillis()));
                InteractionRecord record = emulator.interaction(future.id());
                assertEquals(0, record.acceptedAcknowledgements() + record.refusedAcknowledgements(), record.toString());

                assertEquals(1, lines(worker, REASON), "the worker's one line about it");
                assertEquals(2, environment.count("SELECT count(*) FROM handled_interactions"), "the pings only");
                assertEquals(1.0, MetricsScrape.parse(worker.get("/metrics"))
                        .sum("guildflow_worker_dead_letters_total", "reason", "unknown-type"));
                assertEquals(1.0, MetricsScrape.parse(gateway.get("/metrics"))
                        .sum("guildflow_gateway_interactions_received_total", "kind", "unknown"));

                // nothing crashed or stalled: both still ready, a later ping answered, no error logged
                assertEquals(200, worker.readyStatus());
                assertEquals(200, gateway.readyStatus());
                DispatchedInteraction later = emulator.slashCommand(guild, user, "ping", Map.of());
                AnsweredOnce.await(emulator, List.of(later), Duration.ofSeconds(30),
                        AnsweredOnce.contentStartingWith("pong"));
                assertEquals(0, lines(worker, "\"level\":\"ERROR\""), "worker errors");
                assertEquals(0, lines(gateway, "\"level\":\"ERROR\""), "gateway errors");
            } catch (AssertionError e) {
                Path saved = Path.of("target", environment.name());
                Files.createDirectories(saved);
                Files.writeString(saved.resolve("worker.log"), worker.output());
                Files.writeString(saved.resolve("gateway.log"), gateway.output());
                throw new AssertionError(e.getMessage() + " (outputs in " + saved.toAbsolutePath() + ")", e);
            }
        }
    }

    private static long lines(JarProcess process, String containing) throws IOException {
        return process.output().lines().filter(line -> line.contains(containing)).count();
    }

    private static List<String> subjects(JetStreamManagement streams, String stream)
            throws IOException, JetStreamApiException {
        List<String> subjects = new ArrayList<>();
        for (long seq = 1; seq <= messages(streams, stream); seq++) {
            subjects.add(streams.getMessage(stream, seq).getSubject());
        }
        return subjects;
    }

    private static long messages(JetStreamManagement streams, String stream) {
        try {
            return streams.getStreamInfo(stream).getStreamState().getMsgCount();
        } catch (IOException | JetStreamApiException e) {
            throw new AssertionError(e);
        }
    }
}
