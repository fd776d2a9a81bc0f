package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.testsupport.load.AnsweredOnce;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The signup bot's kill test: 1,000 users click Join on one signup message while three worker
 * processes handle the clicks and one of them is killed with SIGKILL twice (its NATS and PostgreSQL
 * connections cut mid-event); a replacement starts after each kill, so three keep running. No click
 * is lost or counted twice, every user gets one answer (a follow-up is recorded as sent before it goes out,
 * and a redelivery reads {@code @original} before it writes, so not even an identical edit is repeated), and
 * the signup message is posted once and only ever edited, its last edit showing the full count.
 */
class SignupKillEndToEndIT {
    private static final int CLICKS = 1_000;
    /** Clicks after which a worker is killed, each right after a burst so it holds events mid-work. */
    private static final List<Integer> KILLS = List.of(349, 699);
    private static final Predicate<InteractionRecord> JOINED = AnsweredOnce.contentStartingWith("You joined **Raid**.");

    @Test
    void twoWorkerKillsDuringAThousandJoinsLoseNoClickAndPostTheMessageOnce() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("signupkill");
             DiscordEmulator emulator = BotCommands.emulator().guilds(1).usersPerGuild(CLICKS).build().start();
             SignupDeployment bot = new SignupDeployment(environment, emulator, Map.of("ACK_WAIT", "4s")).start(3)) {
            EmulatedGuild guild = emulator.guild(0);
            SignupDeployment.PostedSignup signup = bot.create(guild, "Raid", CLICKS);

            List<DispatchedInteraction> clicks = new ArrayList<>();
            int killed = 0;
            for (int i = 0; i < CLICKS; i++) {
                clicks.add(emulator.button(guild, guild.members().get(i), signup.messageId(),
                        "signup:join:" + signup.id()));
                if (KILLS.contains(i)) {
                    // The worker started first each time: by now it holds events and maybe the outbox.
                    bot.kill(bot.runningWorkers().get(0));
                    killed++;
                    bot.startWorker();
                } else if (i % 50 < 40) {
                    Thread.sleep(20); // steady traffic, then a burst of ten before each fiftieth click
                }
            }
            assertEquals(2, killed);

            List<InteractionRecord> answers;
            try {
                answers = AnsweredOnce.awaitAcrossKills(emulator, clicks, Duration.ofSeconds(60), JOINED);
                emulator.awaitCondition(() -> bot.content(signup).startsWith("**Raid** — " + CLICKS + "/"),
                        Duration.ofSeconds(30));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + bot.outputs(), e);
            }
            Thread.sleep(2_000); // room for a second answer or a second post to show up
            answers = AnsweredOnce.awaitAcrossKills(emulator, clicks, Duration.ofSeconds(1), JOINED);

            assertEquals(CLICKS, environment.count("SELECT joined FROM signups WHERE id = " + signup.id()));
            assertEquals(CLICKS, environment.count("SELECT count(*) FROM signup_members WHERE joined AND signup_id = "
                    + signup.id()));
            assertEquals(CLICKS + 1, environment.count("SELECT count(DISTINCT interaction_id) FROM handled_interactions"));
            assertEquals(1, emulator.restCalls("POST", SignupDeployment.POSTS).size(),
                    "the signup message was posted once: " + emulator.restCalls("POST", SignupDeployment.POSTS));
            assertTrue(!bot.acceptedEdits(signup.messageId()).isEmpty(), "the message was edited");
            assertEquals("**Raid** — " + CLICKS + "/" + CLICKS + " joined", bot.content(signup).split("\n")[0]);
            long deferred = answers.stream().filter(record -> record.acknowledgementType() == 5
                    || record.acknowledgementType() == 6).count();
            System.out.println("signup kill test: " + deferred + " of " + CLICKS + " clicks deferred by the guard, "
                    + bot.acceptedEdits(signup.messageId()).size() + " edits of the signup message");
        }
    }
}
