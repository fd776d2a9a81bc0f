package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.common.envelope.InteractionKind;
import io.guildflow.common.nats.Topology;
import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.testsupport.load.AnsweredOnce;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Poison in the stream while users keep clicking: undecodable events published straight onto the
 * environment's subject, and a command whose handler always throws (a test-only handler on the worker
 * processes' class path). Both end in the dead-letter stream with their reason, before MAX_DELIVER (a
 * permanent failure is not retried: retrying up to MAX_DELIVER is for transient ones); the users of the
 * failing command each get the apology once; the pings sent at the same time are all answered once in time.
 */
class PoisonEndToEndIT {
    private static final int PINGS = 100;
    private static final int EXPLOSIONS = 20;
    private static final int GARBAGE = 10;
    private static final int MAX_DELIVER = 3;
    private static final String APOLOGY = "Something went wrong while handling this command.";

    @Test
    void poisonIsDeadLetteredWithItsReasonWhileEverythingElseFlows() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("poison");
             DiscordEmulator emulator = BotCommands.emulator().guilds(1).build().start()) {
            Map<String, String> workerEnv = new HashMap<>(JarProcess.workerSettings(emulator, environment));
            workerEnv.put("MAX_DELIVER", Integer.toString(MAX_DELIVER));
            try (JarProcess first = JarProcess.runWithTestHandlers(workerEnv, ExplodingCommand.class);
                 JarProcess second = JarProcess.runWithTestHandlers(workerEnv, ExplodingCommand.class);
                 JarProcess gateway = JarProcess.runWithTestHandlers(
                         JarProcess.gatewaySettings(emulator, environment), ExplodingCommand.class);
                 Connection nats = Nats.connect(IsolatedEnvironment.NATS_URL)) {
                first.awaitReady(Duration.ofSeconds(90));
                second.awaitReady(Duration.ofSeconds(90));
                gateway.awaitReady(Duration.ofSeconds(90));
                EmulatedGuild guild = emulator.guild(0);
                String subject = environment.topology().guildSubject(guild.id(), InteractionKind.COMMAND);

                List<DispatchedInteraction> pings = new ArrayList<>();
                List<DispatchedInteraction> explosions = new ArrayList<>();
                for (int i = 0; i < PINGS; i++) {
                    pings.add(emulator.slashCommand(guild, guild.members().get(i % guild.members().size()), "ping",
                            Map.of()));
                    if (i % (PINGS / EXPLOSIONS) == 0) {
                        explosions.add(emulator.slashCommand(guild, guild.members().get(0), "explode", Map.of()));
                    }
                    if (i % (PINGS / GARBAGE) == 0) {
                        Headers headers = new Headers().put(Topology.HEADER_MESSAGE_ID, "garbage-" + i);
                        nats.jetStream().publish(NatsMessage.builder().subject(subject).headers(headers)
                                .data(("{not an envelope " + i).getBytes(StandardCharsets.UTF_8)).build());
                    }
                    Thread.sleep(20);
                }

                List<InteractionRecord> pongs;
                try {
                    pongs = AnsweredOnce.await(emulator, pings, Duration.ofSeconds(60),
                            AnsweredOnce.contentStartingWith("pong"));
                } catch (AssertionError e) {
                    java.nio.file.Path saved = java.nio.file.Path.of("target", environment.name());
                    java.nio.file.Files.createDirectories(saved);
                    java.nio.file.Files.writeString(saved.resolve("worker-1.log"), first.output());
                    java.nio.file.Files.writeString(saved.resolve("worker-2.log"), second.output());
                    java.nio.file.Files.writeString(saved.resolve("gateway.log"), gateway.output());
                    throw new AssertionError(e.getMessage() + " (outputs in " + saved.toAbsolutePath() + ")", e);
                }
                for (InteractionRecord record : pongs) {
                    assertTrue(record.acknowledgementLatency().compareTo(Duration.ofSeconds(3)) < 0, record.toString());
                }
                int ephemeral = 0;
                for (InteractionRecord record : AnsweredOnce.await(emulator, explosions, Duration.ofSeconds(60),
                        AnsweredOnce.contentStartingWith(APOLOGY))) {
                    if (record.acknowledgementType() == 4) {
                        // answered by the worker itself: the apology only the user sees
                        assertEquals(64, record.callbackData().path("flags").asInt() & 64, record.toString());
                        ephemeral++;
                    } else {
                        // the guard deferred first (publicly, see StandInResponses): the public "thinking…" is
                        // deleted and the apology, meant for its user only, follows as an ephemeral message
                        assertEquals(5, record.acknowledgementType(), record.toString());
                        assertEquals(null, record.message(), record.toString());
                        assertEquals(64, record.followUps().get(0).path("flags").asInt() & 64, record.toString());
                    }
                }

                JetStreamManagement streams = nats.jetStreamManagement();
                String dlq = environment.topology().deadLetterStreamName();
                emulator.awaitCondition(() -> count(streams, dlq) == GARBAGE + EXPLOSIONS, Duration.ofSeconds(30));
                int malformed = 0;
                List<String> failed = new ArrayList<>();
                for (long seq = 1; seq <= GARBAGE + EXPLOSIONS; seq++) {
                    MessageInfo dead = streams.getMessage(dlq, seq);
                    String reason = dead.getHeaders().getFirst(Topology.HEADER_DLQ_REASON);
                    assertEquals(subject, dead.getHeaders().getFirst(Topology.HEADER_ORIGINAL_SUBJECT));
                    int deliveries = Integer.parseInt(dead.getHeaders().getFirst(Topology.HEADER_DELIVERY_COUNT));
                    String data = new String(dead.getData(), StandardCharsets.UTF_8);
                    if (reason.startsWith("malformed envelope")) {
                        assertEquals(1, deliveries, "undecodable: parked at once");
                        assertTrue(data.startsWith("{not an envelope"), data);
                        malformed++;
                    } else {
                        // parked once the apology is delivered: at once, or after a transient retry on a busy machine
                        assertTrue(deliveries < MAX_DELIVER, reason + " after " + deliveries + " deliveries");
                        assertTrue(reason.startsWith("handler failed: java.lang.IllegalStateException: "
                                + ExplodingCommand.FAILURE), reason);
                        failed.add(data);
                    }
                }
                assertEquals(GARBAGE, malformed);
                for (DispatchedInteraction explosion : explosions) {
                    assertEquals(1, failed.stream().filter(data -> data.contains(explosion.id())).count(),
                            "the failed interaction's event is in the dead-letter stream once: " + explosion);
                }
                assertEquals(PINGS + EXPLOSIONS, environment.count(
                        "SELECT count(*) FROM handled_interactions"));
                assertEquals(EXPLOSIONS, environment.count(
                        "SELECT count(*) FROM handled_interactions WHERE outcome = 'failed'"));
                System.out.println("poison: " + ephemeral + " of " + EXPLOSIONS + " apologies answered ephemerally by"
                        + " the worker, the rest sent privately in place of the guard's deferral");
            }
        }
    }

    private static long count(JetStreamManagement streams, String stream) {
        try {
            return streams.getStreamInfo(stream).getStreamState().getMsgCount();
        } catch (java.io.IOException | io.nats.client.JetStreamApiException e) {
            throw new AssertionError(e);
        }
    }
}
