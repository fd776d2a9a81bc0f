package io.guildflow.app.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.app.runtime.EventSubscription;
import io.guildflow.app.runtime.GuildflowProcess;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.bot.EmulatorSettings;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The recovery drill of issue 25: traffic through the real gateway and worker (one standalone process, JDA against
 * the emulator, JetStream, PostgreSQL); a copy of the database at T0; more traffic across three guilds (commands that
 * post through the outbox, members' messages for a gateway-event handler, a guild joined); the process stopped and
 * the database put back to T0; {@code replay --since T0}. The tables then equal those before the loss, Discord saw
 * not one call more, and a second replay changes nothing.
 */
class RecoveryDrillIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** The drill's tables as they must come back: ledger, outbox and effects, without what only times a run. */
    private static final Map<String, String> COMPARED = comparedTables();

    @Test
    void aDatabaseRestoredToT0GetsBackEveryEffectSinceThenFromTheStreamsWithoutOneCallToDiscord() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("drill");
             DiscordEmulator emulator = DiscordEmulator.builder().guilds(3).build().start();
             TableCopy copy = new TableCopy(environment)) {
            Map<String, String> env = new HashMap<>(environment.settings());
            env.putAll(EmulatorSettings.of(emulator));
            env.put("BOT_MODE", "standalone");
            env.put("METRICS_ADDRESS", "127.0.0.1:0");
            GuildflowConfig config = GuildflowConfig.fromEnvironment(env).validateForMode();
            Map<String, List<String>> beforeTheLoss;
            Instant t0;
            long callsBeforeTheLoss;
            try (GuildflowProcess process = GuildflowProcess.start(config, Clock.systemUTC(), DrillBot.catalog(),
                    EventSubscription.of(DrillBot.catalog().events()), "drill-it")) {
                process.awaitReady(PATIENCE);
                environment.execute(DrillBot.TABLES);
                EmulatedGuild first = emulator.guild(0);
                note(emulator, first, first.members().get(0), "before the backup");
                emulator.userMessage(first, first.members().get(0), "hello");
                settled(environment, 1, 1);
                copy.take();
                t0 = Instant.now();

                for (int round = 0; round < 2; round++) {
                    for (EmulatedGuild guild : emulator.guilds()) {
                        EmulatedUser member = guild.members().get(round % guild.members().size());
                        note(emulator, guild, member, "round " + round);
                        emulator.userMessage(guild, member, "message " + round);
                    }
                }
                EmulatedGuild joined = emulator.joinGuild("Joined after the backup");
                await("the joined guild's row", () -> count(environment, "SELECT count(*) FROM guild_config"
                        + " WHERE guild_id = '" + joined.id() + "'") == 1);
                settled(environment, 7, 7);
                beforeTheLoss = compared(copy);
            }
            callsBeforeTheLoss = emulator.restCallCount();

            copy.restore();
            Map<String, List<String>> restored = compared(copy);
            assertNotEquals(beforeTheLoss, restored, "the restore lost the rows written after T0");
            long lostLedgerRows = Stream.of("handled_interactions", "handled_events", "guild_config")
                    .mapToLong(table -> beforeTheLoss.get(table).size() - restored.get(table).size()).sum();

            StringWriter progress = new StringWriter();
            Replay.Totals first = new Replay(config, DrillBot.catalog(), new PrintWriter(progress, true))
                    .run(t0, Optional.empty());

            assertEquals(beforeTheLoss, compared(copy), "after the replay; its progress:\n" + progress);
            assertEquals(callsBeforeTheLoss, emulator.restCallCount(), "Discord was called during the replay");
            // Six notes, six messages (and the bot's posts, which reach its handler too), one guild joined.
            assertEquals(lostLedgerRows, first.applied(), first.describe());
            assertEquals(0, first.failed(), first.describe());
            assertEquals(0, first.left(), "every event was handled before the loss: none waits for a worker; "
                    + first.describe());
            assertEquals(6, count(environment, "SELECT count(*) FROM discord_outbox WHERE outcome = 'replayed'"));

            Map<String, List<String>> afterOneReplay = copy.everything();
            Replay.Totals second = new Replay(config, DrillBot.catalog(), new PrintWriter(new StringWriter(), true))
                    .run(t0, Optional.empty());
            assertEquals(0, second.applied(), second.describe());
            assertEquals(afterOneReplay, copy.everything(), "the second replay changed something");
            assertEquals(callsBeforeTheLoss, emulator.restCallCount());

            // --guild: the same loss, and only one guild's events come back.
            copy.restore();
            String only = emulator.guild(1).id();
            String other = emulator.guild(0).id();
            new Replay(config, DrillBot.catalog(), new PrintWriter(new StringWriter(), true))
                    .run(t0, Optional.of(only));
            assertEquals(Stream.of(other + " 1", only + " 2").sorted().toList(), copy.rows(
                    "SELECT guild_id || ' ' || count(*) FROM notes GROUP BY guild_id ORDER BY guild_id"));
            assertEquals(restored.get("guild_config"), compared(copy).get("guild_config"), "another guild's join");
            assertEquals(Stream.of("guild:" + other, "guild:" + only).sorted().toList(),
                    copy.rows("SELECT DISTINCT scope FROM handled_events ORDER BY 1"));
        }
    }

    private static void note(DiscordEmulator emulator, EmulatedGuild guild, EmulatedUser member, String text) {
        DispatchedInteraction command = emulator.slashCommand(guild, member, "note", Map.of("text", text));
        emulator.awaitResponse(command.id(), PATIENCE);
    }

    /**
     * Every note posted and its post delivered, every member's message counted, and every gateway event in the stream
     * handled (the emulator also sends MESSAGE_CREATE for the bot's answers and posts), twice in a row: the state a
     * backup or a comparison may be taken of.
     */
    private static void settled(IsolatedEnvironment environment, int notes, int messages) throws Exception {
        try (io.nats.client.Connection nats = Nats.connect(IsolatedEnvironment.NATS_URL)) {
            BooleanSupplier handled = () -> count(environment, "SELECT count(*) FROM discord_outbox"
                    + " WHERE outcome = 'sent'") == notes
                    && count(environment, "SELECT coalesce(sum(messages), 0) FROM chatter") == messages
                    && count(environment, "SELECT count(*) FROM handled_events") == storedEvents(nats, environment);
            try {
                await(notes + " notes posted, " + messages + " messages counted, every gateway event handled",
                        () -> handled.getAsBoolean() && pause() && handled.getAsBoolean());
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; posts sent "
                        + count(environment, "SELECT count(*) FROM discord_outbox WHERE outcome = 'sent'")
                        + " of " + count(environment, "SELECT count(*) FROM discord_outbox")
                        + ", messages counted " + count(environment, "SELECT coalesce(sum(messages), 0) FROM chatter")
                        + ", gateway events handled " + count(environment, "SELECT count(*) FROM handled_events")
                        + " of " + storedEvents(nats, environment), e);
            }
        }
    }

    private static long storedEvents(io.nats.client.Connection nats, IsolatedEnvironment environment) {
        try {
            return nats.jetStreamManagement().getStreamInfo(environment.topology().eventStreamName())
                    .getStreamState().getMsgCount();
        } catch (IOException | JetStreamApiException e) {
            return -1;
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(300);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Map<String, List<String>> compared(TableCopy copy) throws SQLException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (Map.Entry<String, String> table : COMPARED.entrySet()) {
            rows.put(table.getKey(), copy.rows(table.getValue()));
        }
        return rows;
    }

    /**
     * Every column but those a run stamps (times, worker names) and what Discord alone knows: a replayed post has no
     * message id (Discord gave it to the lost row) and the outcome {@code replayed}; both are checked apart.
     */
    private static Map<String, String> comparedTables() {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("notes", "SELECT ROW(id, guild_id, user_id, text, interaction_id)::text FROM notes ORDER BY id");
        tables.put("chatter", "SELECT ROW(guild_id, author_id, messages)::text FROM chatter ORDER BY 1");
        tables.put("handled_interactions", "SELECT ROW(interaction_id, kind, routing_key, guild_id, channel_id,"
                + " user_id, outcome, response, delivered_at IS NOT NULL)::text FROM handled_interactions ORDER BY 1");
        tables.put("handled_events", "SELECT ROW(event_key, type, scope)::text FROM handled_events ORDER BY 1");
        tables.put("discord_outbox", "SELECT ROW(id, action_key, kind, channel_id, target_key, body,"
                + " delivered_at IS NOT NULL)::text FROM discord_outbox ORDER BY id");
        tables.put("guild_config", "SELECT ROW(guild_id, active, settings, left_at IS NULL)::text FROM guild_config"
                + " ORDER BY 1");
        return tables;
    }

    private static long count(IsolatedEnvironment environment, String sql) {
        try {
            return environment.count(sql);
        } catch (SQLException e) {
            return -1;
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
