package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.RestCall;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The signup bot's closing job on three worker processes: 35 expired signups (more than three batches
 * of ten), and the worker holding the job's advisory lock is killed with SIGKILL in the middle of the
 * run. The two others take the job over (no replacement is started); every signup is closed exactly
 * once and its message gets one edit, which the outbox may repeat identically when its sender was the
 * killed worker (the outbox marks a batch sent when the batch commits). To kill the holder mid-run reliably, the test's own trigger makes closing a signup
 * take 0.3 s (a batch about 3 s) and logs every close that commits; the bot itself is unchanged.
 */
class SignupJobsEndToEndIT {
    /**
     * Enough for the job's batches of 10 to be cut mid-run by the kill with 15 left; each posted and edited once,
     * which Discord's per-channel message limit (5 per 5 s) paces, so more only take longer.
     */
    private static final int SIGNUPS = 25;
    /**
     * Signups per channel: one window of the per-channel limit, so their posts and edits are not paced to about
     * 1/s as 25 in one channel were (most of the test's time, and nothing it checks).
     */
    private static final int PER_CHANNEL = 5;

    @Test
    void killingTheJobsHolderMidRunClosesEachExpiredSignupOnce() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("signupjobs");
             DiscordEmulator emulator = BotCommands.emulator().guilds(1).build().start();
             SignupDeployment bot = new SignupDeployment(environment, emulator, Map.of()).start(3)) {
            EmulatedGuild guild = emulator.guild(0);
            List<SignupDeployment.PostedSignup> signups = new ArrayList<>();
            String channel = guild.textChannelId();
            for (int i = 0; i < SIGNUPS; i++) {
                if (i > 0 && i % PER_CHANNEL == 0) {
                    channel = emulator.createChannel(guild, "signups-" + i / PER_CHANNEL, 0);
                }
                signups.add(bot.create(guild, channel, "S" + i, 1));
            }
            environment.execute("CREATE TABLE closings (signup_id bigint NOT NULL, at timestamptz NOT NULL DEFAULT now())");
            environment.execute("CREATE FUNCTION slow_close() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " PERFORM pg_sleep(0.3); INSERT INTO closings (signup_id) VALUES (NEW.id); RETURN NEW; END $$");
            environment.execute("CREATE TRIGGER slow_close BEFORE UPDATE OF closed ON signups FOR EACH ROW"
                    + " WHEN (NEW.closed AND NOT OLD.closed) EXECUTE FUNCTION slow_close()");
            environment.execute("UPDATE signups SET closes_at = now() - interval '1 second'");

            try {
                emulator.awaitCondition(() -> count(environment, "SELECT count(*) FROM signups WHERE closed") >= 10,
                        Duration.ofSeconds(30));
                String holder = jobHolder(environment);
                bot.kill(bot.worker(holder));
                long closedAtTheKill = environment.count("SELECT count(*) FROM signups WHERE closed");
                assertTrue(closedAtTheKill < SIGNUPS, "killed mid-run, " + closedAtTheKill + " closed");

                emulator.awaitCondition(() -> count(environment, "SELECT count(*) FROM signups WHERE closed") == SIGNUPS,
                        Duration.ofSeconds(60));
                emulator.awaitCondition(() -> signups.stream().allMatch(s -> bot.content(s).contains("Closed")),
                        Duration.ofSeconds(30));
                // A repeated edit is sent by a successor before it marks the batch sent: once nothing is pending,
                // every edit that will ever be sent has been.
                emulator.awaitCondition(() -> count(environment,
                        "SELECT count(*) FROM discord_outbox WHERE delivered_at IS NULL") == 0, Duration.ofSeconds(30));
                int repeatedEdits = 0;
                for (SignupDeployment.PostedSignup signup : signups) {
                    assertEquals(1, environment.count("SELECT count(*) FROM closings WHERE signup_id = " + signup.id()),
                            "closed once: " + signup);
                    List<String> edits = bot.acceptedEdits(signup.messageId()).stream().map(RestCall::requestBody).toList();
                    // The outbox marks a batch sent when the batch commits: a sender killed after sending
                    // leaves the batch pending, and its successor sends the same edits again (see OutboxSender).
                    assertEquals(1, edits.stream().distinct().count(), "one edit, maybe repeated identically: " + edits);
                    repeatedEdits += edits.size() - 1;
                    assertTrue(bot.content(signup).endsWith("joined\nClosed"), bot.content(signup));
                }
                assertEquals(SIGNUPS, bot.acceptedPosts().size(), "each signup message posted once");
                System.out.println("scheduled job: " + holder + " killed holding the job after " + closedAtTheKill
                        + " of " + SIGNUPS + " signups were closed; the others closed the rest; " + repeatedEdits
                        + " identical edits repeated by the outbox after the kill");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + bot.outputs(), e);
            }
        }
    }

    /** The worker (by its sessions' application_name) holding the closing job's advisory lock. */
    private static String jobHolder(IsolatedEnvironment environment) throws SQLException, InterruptedException {
        long key = environment.count("SELECT hashtext(current_schema() || '.job.signup-closer')");
        for (int attempt = 0; attempt < 100; attempt++) {
            String holder = lockHolder(environment, key);
            if (holder != null) {
                return holder;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nobody holds the closing job's lock");
    }

    private static String lockHolder(IsolatedEnvironment environment, long key) throws SQLException {
        return environment.text("SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
                + " AND l.objid::bigint = " + (key & 0xFFFF_FFFFL) + " AND a.application_name LIKE 'worker-%'"
                + " AND a.datname = current_database()");
    }

    private static long count(IsolatedEnvironment environment, String sql) {
        try {
            return environment.count(sql);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
