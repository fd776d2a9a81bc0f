package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.PreparedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.guildflow.testsupport.load.LoadSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 200 users each click Join and Leave (or Leave and Join) on a signup message in quick succession;
 * the clicks reach the gateway process shuffled, so a user's later click (a later snowflake) often
 * arrives, and is handled by one of three worker processes, before the earlier one. Each user ends in
 * the state of their later click, the signup's count matches its members, and every click is answered
 * exactly once.
 */
class SignupOrderingEndToEndIT {
    private static final int USERS = 200;
    /** Members who join first, one at a time, so the processes' first clicks (cold code) are not the test's. */
    private static final int WARM_UP = 10;
    /**
     * Users whose clicks are made together and then dispatched at once, shuffled (as Discord would deliver
     * clicks made within milliseconds), a batch every 250 ms: about 40 clicks a second on one hot signup row.
     */
    private static final int USERS_PER_BATCH = 5;

    @Test
    void everyUserEndsInTheStateOfTheirLaterClickWhateverTheOrderOfArrival() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("ordering");
             DiscordEmulator emulator = BotCommands.emulator().guilds(1).usersPerGuild(USERS + WARM_UP).build().start();
             SignupDeployment bot = new SignupDeployment(environment, emulator, Map.of()).start(3)) {
            EmulatedGuild guild = emulator.guild(0);
            SignupDeployment.PostedSignup signup = bot.create(guild, "Order", USERS + WARM_UP);
            for (EmulatedUser user : guild.members().subList(USERS, USERS + WARM_UP)) {
                emulator.awaitResponse(emulator.button(guild, user, signup.messageId(), "signup:join:" + signup.id())
                        .id(), Duration.ofSeconds(30));
            }

            Random random = new Random(8);
            Map<String, Boolean> joinsLast = new HashMap<>();
            List<DispatchedInteraction> clicks = new ArrayList<>();
            int laterClickFirst = 0;
            for (int batch = 0; batch < USERS; batch += USERS_PER_BATCH) {
                List<PreparedInteraction> made = new ArrayList<>();
                Map<String, String> earlierClickOf = new HashMap<>();
                for (EmulatedUser user : guild.members().subList(batch, batch + USERS_PER_BATCH)) {
                    boolean joinLast = random.nextBoolean();
                    joinsLast.put(user.id(), joinLast);
                    PreparedInteraction earlier = click(emulator, guild, user, signup, !joinLast);
                    PreparedInteraction later = click(emulator, guild, user, signup, joinLast);
                    earlierClickOf.put(later.id(), earlier.id());
                    made.add(earlier);
                    made.add(later);
                }
                Collections.shuffle(made, random);
                List<String> arrived = new ArrayList<>();
                for (PreparedInteraction click : made) {
                    clicks.add(click.dispatch());
                    arrived.add(click.id());
                }
                Thread.sleep(250);
                for (Map.Entry<String, String> pair : earlierClickOf.entrySet()) {
                    laterClickFirst += arrived.indexOf(pair.getKey()) < arrived.indexOf(pair.getValue()) ? 1 : 0;
                }
            }
            assertTrue(laterClickFirst > USERS / 4, "the shuffle sent many later clicks first: " + laterClickFirst);

            try {
                check(emulator, environment, signup, clicks, joinsLast, laterClickFirst);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + bot.outputs(), e);
            }
        }
    }

    private static void check(DiscordEmulator emulator, IsolatedEnvironment environment,
            SignupDeployment.PostedSignup signup, List<DispatchedInteraction> clicks, Map<String, Boolean> joinsLast,
            int laterClickFirst) throws Exception {
        for (DispatchedInteraction click : clicks) {
            InteractionRecord answer = emulator.awaitResponse(click.id(), Duration.ofSeconds(60));
            assertTrue(answer.acknowledgementLatency().compareTo(Duration.ofSeconds(3)) < 0, answer.toString());
        }
        Thread.sleep(1_000); // room for a second answer to show up
        LoadSummary summary = LoadSummary.of(emulator, clicks.stream().map(DispatchedInteraction::id).toList());
        assertEquals(clicks.size(), summary.answered(), summary.describe());
        assertEquals(0, summary.late(), summary.describe());
        List<InteractionRecord> answeredTwice = clicks.stream().map(click -> emulator.interaction(click.id()))
                .filter(record -> LoadSummary.of(List.of(record)).duplicates() > 0).toList();
        assertEquals(List.of(), answeredTwice, "every click answered once: " + summary.describe());

        for (Map.Entry<String, Boolean> user : joinsLast.entrySet()) {
            assertEquals(user.getValue() ? 1 : 0, environment.count("SELECT count(*) FROM signup_members WHERE"
                    + " joined AND signup_id = " + signup.id() + " AND user_id = '" + user.getKey() + "'"),
                    () -> "user " + user.getKey() + (user.getValue() ? " joined" : " left") + " last; answers: "
                            + clicks.stream().filter(click -> click.userId().equals(user.getKey()))
                                    .map(click -> emulator.interaction(click.id())).toList());
        }
        long in = joinsLast.values().stream().filter(joined -> joined).count();
        assertEquals(in + WARM_UP, environment.count("SELECT joined FROM signups WHERE id = " + signup.id()),
                "the signup's count matches its members");
        assertEquals(1 + WARM_UP + clicks.size(), environment.count(
                "SELECT count(DISTINCT interaction_id) FROM handled_interactions"), "each click handled once");
        System.out.println("signup ordering: " + laterClickFirst + " of " + USERS
                + " users' later click dispatched first; " + summary.describe());
    }

    private static PreparedInteraction click(DiscordEmulator emulator, EmulatedGuild guild, EmulatedUser user,
            SignupDeployment.PostedSignup signup, boolean join) {
        return emulator.prepareButton(guild, user, signup.messageId(), "signup:" + (join ? "join" : "leave") + ":"
                + signup.id());
    }
}
