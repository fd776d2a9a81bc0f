package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.app.e2e.CommandLineIT;
import io.guildflow.app.e2e.CommandLineIT.Result;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.gateway.Intents;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 25's recovery drill, end to end: the example bot deployed as in production (a gateway and two workers of its
 * jar, the emulator with three guilds, the shared NATS and PostgreSQL); signups created, joined and left (answers, and
 * posts and edits through the outbox) and members' messages (counted and logged by gateway-event handlers);
 * {@code pg_dump} at T0; more of the same in every guild, and a guild joined; the workers stopped, the schema dropped
 * and restored from the dump; {@code replay --since T0} run as an operator runs it, a process of the jar. The tables
 * then equal those before the loss row by row (a replayed post with the message id Discord gave it, from the posts
 * bucket), Discord saw not one call more, a worker started again edits a replayed post where Discord has it, a second
 * replay changes nothing, and {@code --guild} brings back one guild's effects only.
 */
class RecoveryDrillEndToEndIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Between the gateway storing an interaction (the replay's now) and a worker handling it (the first run's). */
    private static final long CLOCK_SLACK_MILLIS = 5_000;
    private static final Pattern APPLIED = Pattern.compile(": (\\d+) events: (\\d+) applied, (\\d+) already in the"
            + " database, (\\d+) skipped .*, (\\d+) gateway events whose handler failed .*, (\\d+) left for the workers");

    @TempDir
    Path backups;

    @Test
    void aDatabaseRestoredFromADumpGetsBackEveryEffectSinceThenFromTheStreamsWithoutOneCallToDiscord()
            throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("drill");
             DiscordEmulator emulator = DiscordEmulator.builder().guilds(3).usersPerGuild(5)
                     .privilegedIntents(Intents.PRIVILEGED).build().start();
             SignupDeployment bot = new SignupDeployment(environment, emulator, Map.of())) {
            bot.start(2);
            DrillTables tables = new DrillTables(environment);
            Traffic traffic = new Traffic(emulator, bot, environment);
            EmulatedGuild first = emulator.guild(0);
            SignupDeployment.PostedSignup before = traffic.create(first, "Before the backup");
            traffic.click(first, 1, before, true);
            traffic.message(first, 1);
            traffic.settled(tables);
            Path dump = backups.resolve("t0.dump");
            tables.dump(dump);
            Instant t0 = Instant.now();

            traffic.click(first, 2, before, true); // an edit of a post whose message id the dump kept
            List<SignupDeployment.PostedSignup> raids = new ArrayList<>();
            for (EmulatedGuild guild : emulator.guilds()) {
                SignupDeployment.PostedSignup raid = traffic.create(guild, "Raid in " + guild.name());
                raids.add(raid);
                for (int member = 1; member <= 3; member++) {
                    traffic.click(guild, member, raid, true);
                    traffic.message(guild, member);
                }
                traffic.click(guild, 2, raid, false);
            }
            EmulatedGuild joined = emulator.joinGuild("Joined after the backup");
            emulator.awaitCondition(() -> count(environment, "SELECT count(*) FROM guild_config WHERE guild_id = '"
                    + joined.id() + "'") == 1, PATIENCE);
            traffic.settled(tables);
            Map<String, List<String>> beforeTheLoss = tables.compared();
            Map<String, Long> closingBeforeTheLoss = tables.closingTimes();

            for (JarProcess worker : bot.runningWorkers()) {
                worker.terminate();
            }
            for (JarProcess worker : bot.runningWorkers()) {
                assertEquals(0, worker.awaitExit(PATIENCE).orElse(-1), "a worker's exit on SIGTERM" + bot.outputs());
            }
            long callsBeforeTheLoss = emulator.restCallCount();

            tables.dropAndRestore(dump);
            Map<String, List<String>> restored = tables.compared();
            assertNotEquals(beforeTheLoss, restored, "the restore lost the rows written after T0");
            long lostLedgerRows = lost(beforeTheLoss, restored, "handled_interactions", "handled_events",
                    "guild_config");
            long lostPosts = lost(beforeTheLoss, restored, "discord_outbox");

            List<Long> firstReplay = replay(emulator, environment, t0);
            assertEquals(beforeTheLoss, tables.compared(), "the tables after the replay");
            assertClosingTimes(closingBeforeTheLoss, tables.closingTimes());
            assertEquals(callsBeforeTheLoss, emulator.restCallCount(), "Discord was called during the replay");
            assertEquals(lostLedgerRows, firstReplay.get(1), "events applied: one per ledger row lost");
            assertEquals(0, firstReplay.get(4), "gateway events whose handler failed");
            assertEquals(0, firstReplay.get(5), "every event was handled before the loss: none waits for a worker");
            assertEquals(lostPosts, count(environment, "SELECT count(*) FROM discord_outbox WHERE outcome = 'replayed'"),
                    "every post and edit since T0 recorded as replayed, none sent");

            // A worker again, and a member joins a signup posted after T0: its message is edited, under the id
            // Discord gave it before the loss (the replayed post took it from the posts bucket), not left pending.
            // Another guild's than --guild replays below, which compares the first guild's rows with those before.
            EmulatedGuild second = emulator.guild(1);
            SignupDeployment.PostedSignup raid = raids.get(1);
            int editsBefore = bot.acceptedEdits(raid.messageId()).size();
            JarProcess again = bot.startWorker();
            again.awaitReady(PATIENCE);
            traffic.click(second, 4, raid, true);
            traffic.settled(tables);
            assertEquals(editsBefore + 1, bot.acceptedEdits(raid.messageId()).size(),
                    "the edit of the replayed post, at its original message id" + bot.outputs());
            again.terminate();
            assertEquals(0, again.awaitExit(PATIENCE).orElse(-1), "a worker's exit on SIGTERM" + bot.outputs());
            long callsBeforeTheSecondReplay = emulator.restCallCount();

            Map<String, List<String>> afterOneReplay = tables.everything();
            List<Long> secondReplay = replay(emulator, environment, t0);
            assertEquals(0, secondReplay.get(1), "the second replay applied events");
            assertEquals(afterOneReplay, tables.everything(), "the second replay changed something");
            assertEquals(callsBeforeTheSecondReplay, emulator.restCallCount(),
                    "Discord was called during the second replay");

            // --guild: the same loss, and only that guild's effects come back (not another's, nor the joined guild).
            // The first guild: its signup since T0 took the next id of the sequence all guilds share, and takes it
            // again; a later guild's would get an id another guild's signup had, and its clicks name the old one.
            tables.dropAndRestore(dump);
            String only = first.id();
            replay(emulator, environment, t0, "--guild", only);
            Map<String, List<String>> oneGuild = tables.compared();
            for (String table : List.of("signups", "signup_members", "message_counts", "message_log")) {
                assertEquals(ofGuild(beforeTheLoss.get(table), only, true), ofGuild(oneGuild.get(table), only, true),
                        table + " of the replayed guild");
                assertEquals(ofGuild(restored.get(table), only, false), ofGuild(oneGuild.get(table), only, false),
                        table + " of the other guilds");
            }
            assertEquals(restored.get("guild_config"), oneGuild.get("guild_config"), "another guild's join");
            assertEquals(callsBeforeTheSecondReplay, emulator.restCallCount(), "Discord was called during --guild");
        }
    }

    /**
     * {@code guildflow replay --since T0 [args]}, a process of the bot's jar with the workers' settings; it must exit 0.
     *
     * @return its totals: events, applied, already applied, skipped, failed, left for the workers
     */
    private static List<Long> replay(DiscordEmulator emulator, IsolatedEnvironment environment, Instant since,
                                     String... args) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(JarProcess.workerSettings(emulator, environment));
        env.put("DISCORD_TOKEN", emulator.token());
        List<String> command = new ArrayList<>(List.of("replay", "--since", since.toString()));
        command.addAll(List.of(args));
        Result replay = CommandLineIT.runJar(JarProcess.JAR, env, command.toArray(String[]::new));
        assertEquals(0, replay.exitCode(), "replay's exit; stdout:\n" + replay.out() + "\nstderr:\n" + replay.err());
        Matcher totals = APPLIED.matcher(replay.out());
        assertTrue(totals.find(), "replay's summary line:\n" + replay.out());
        List<Long> numbers = new ArrayList<>();
        for (int group = 1; group <= 6; group++) {
            numbers.add(Long.parseLong(totals.group(group)));
        }
        return numbers;
    }

    private static long lost(Map<String, List<String>> before, Map<String, List<String>> restored, String... tables) {
        long lost = 0;
        for (String table : tables) {
            lost += before.get(table).size() - restored.get(table).size();
        }
        return lost;
    }

    private static void assertClosingTimes(Map<String, Long> before, Map<String, Long> replayed) {
        assertEquals(before.keySet(), replayed.keySet());
        for (Map.Entry<String, Long> signup : before.entrySet()) {
            // stored, then handled: the replay's now() is the earlier of the two, never the later time of the replay
            long earlier = signup.getValue() - replayed.get(signup.getKey());
            assertTrue(earlier >= 0 && earlier < CLOCK_SLACK_MILLIS, "signup " + signup.getKey() + " closes "
                    + earlier + " ms before the first run's: the replay's now() is not the time the event was stored");
        }
    }

    /** The rows (texts of ROW(guild_id, …)) of {@code guild}, or of every other guild. */
    private static List<String> ofGuild(List<String> rows, String guild, boolean its) {
        return rows.stream().filter(row -> row.startsWith("(" + guild + ",") == its).toList();
    }

    private static long count(IsolatedEnvironment environment, String sql) {
        try {
            return environment.count(sql);
        } catch (SQLException e) {
            return -1;
        }
    }

    /**
     * The drill's traffic, one interaction at a time (each in the ledger before the next is sent, so the outbox's ids
     * follow the stream's order, as in the replay), and what the bot must show once it is handled.
     */
    private static final class Traffic {
        private final DiscordEmulator emulator;
        private final SignupDeployment bot;
        private final IsolatedEnvironment environment;
        /** Each signup and the members in it. */
        private final Map<SignupDeployment.PostedSignup, List<String>> members = new HashMap<>();
        private final Map<SignupDeployment.PostedSignup, String> titles = new HashMap<>();
        private long messages;

        Traffic(DiscordEmulator emulator, SignupDeployment bot, IsolatedEnvironment environment) {
            this.emulator = emulator;
            this.bot = bot;
            this.environment = environment;
        }

        SignupDeployment.PostedSignup create(EmulatedGuild guild, String title) throws IOException {
            SignupDeployment.PostedSignup signup = bot.create(guild, title, 10);
            members.put(signup, new ArrayList<>());
            titles.put(signup, title);
            return signup;
        }

        void click(EmulatedGuild guild, int member, SignupDeployment.PostedSignup signup, boolean join) {
            EmulatedUser user = guild.members().get(member);
            DispatchedInteraction click = emulator.button(guild, user, signup.messageId(),
                    "signup:" + (join ? "join" : "leave") + ":" + signup.id());
            emulator.awaitResponse(click.id(), PATIENCE);
            emulator.awaitCondition(() -> count(environment, "SELECT count(*) FROM handled_interactions"
                    + " WHERE interaction_id = '" + click.id() + "'") == 1, PATIENCE);
            if (join) {
                members.get(signup).add(user.id());
            } else {
                members.get(signup).remove(user.id());
            }
        }

        void message(EmulatedGuild guild, int member) {
            emulator.userMessage(guild, guild.members().get(member), "message " + ++messages);
        }

        /**
         * Every post and edit delivered and each signup message showing its members, every member's message
         * counted, and every gateway event in the stream handled (the bot's own posts and edits come back as events
         * too), twice in a row: a state a backup or a comparison may be taken of.
         */
        void settled(DrillTables tables) throws Exception {
            try (io.nats.client.Connection nats = Nats.connect(IsolatedEnvironment.NATS_URL)) {
                BooleanSupplier handled = () -> count(environment, "SELECT count(*) FROM discord_outbox"
                        + " WHERE delivered_at IS NULL") == 0
                        && members.entrySet().stream().allMatch(signup -> bot.content(signup.getKey()).startsWith(
                                "**" + titles.get(signup.getKey()) + "** — " + signup.getValue().size() + "/"))
                        && count(environment, "SELECT coalesce(sum(messages), 0) FROM message_counts") == messages
                        && count(environment, "SELECT count(*) FROM handled_events") == storedEvents(nats, environment);
                try {
                    emulator.awaitCondition(() -> handled.getAsBoolean() && pause() && handled.getAsBoolean(),
                            PATIENCE);
                } catch (AssertionError e) {
                    throw new AssertionError("not settled: " + tables.rows("SELECT count(*) || ' posts undelivered'"
                            + " FROM discord_outbox WHERE delivered_at IS NULL") + ", messages counted "
                            + count(environment, "SELECT coalesce(sum(messages), 0) FROM message_counts") + " of "
                            + messages + ", gateway events handled "
                            + count(environment, "SELECT count(*) FROM handled_events") + " of "
                            + storedEvents(nats, environment) + bot.outputs(), e);
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
    }
}
