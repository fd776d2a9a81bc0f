package io.guildflow.example.signup;

import static io.guildflow.worker.TestEnvironment.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.worker.RecordingResponder;
import io.guildflow.worker.TestEnvironment;
import io.guildflow.worker.dispatch.HandlerCatalog;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * 200 users click Join and Leave in quick succession; the events reach three workers shuffled, so a
 * later click is often handled before the earlier one. Each user ends in the state of their later click.
 */
class SignupOrderingIT {
    private static final int USERS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    @AutoClose
    private final TestEnvironment env = new TestEnvironment();

    @Test
    void everyUserEndsInTheStateOfTheirLaterClickWhateverTheOrderOfHandling() throws Exception {
        RecordingResponder discord = new RecordingResponder("a");
        HandlerCatalog signupBot = HandlerCatalog.of(new SignupButtons());
        for (String id : new String[] {"a", "b", "c"}) {
            env.worker(id, env.connect(id), signupBot, discord.sibling(id),
                    TestEnvironment.fastSettings().withConcurrency(8));
        }
        env.execute("INSERT INTO " + env.schema() + ".signups (guild_id, id, channel_id, title, slots, closes_at,"
                + " post_key, created_by) VALUES ('4242', 1, '777', 'Order', 1000, now() + interval '1 hour',"
                + " 'post-1', 'owner')");

        Random random = new Random(8);
        long snowflake = 1_300_000_000_000_000_000L;
        List<InteractionEnvelope> clicks = new ArrayList<>();
        Map<String, Boolean> lastClickJoins = new HashMap<>();
        for (int user = 0; user < USERS; user++) {
            String userId = Long.toString(500_000 + user);
            boolean joinLast = random.nextBoolean();
            clicks.add(click(++snowflake, userId, joinLast ? "leave" : "join"));
            clicks.add(click(++snowflake, userId, joinLast ? "join" : "leave"));
            lastClickJoins.put(userId, joinLast);
        }
        Collections.shuffle(clicks, random);
        for (InteractionEnvelope click : clicks) {
            env.publish(click, click.interactionId());
        }

        await("every click answered", () -> discord.sent().size() == clicks.size());
        long expectedIn = lastClickJoins.values().stream().filter(in -> in).count();
        for (Map.Entry<String, Boolean> user : lastClickJoins.entrySet()) {
            assertEquals(user.getValue() ? 1 : 0, env.count("SELECT count(*) FROM " + env.schema()
                    + ".signup_members WHERE joined AND user_id = '" + user.getKey() + "'"), "user " + user.getKey());
        }
        assertEquals(expectedIn, joinedCount(), "the signup's count matches its members");
        assertEquals(clicks.size(), env.rows(null), "each click handled once");
    }

    private long joinedCount() throws SQLException {
        return env.count("SELECT joined FROM " + env.schema() + ".signups WHERE id = 1");
    }

    /** A button click as Discord sends it, with a chosen snowflake so the test decides which click is later. */
    private static InteractionEnvelope click(long snowflake, String userId, String action) {
        String id = Long.toString(snowflake);
        ObjectNode raw = JSON.createObjectNode();
        raw.put("id", id);
        raw.put("token", "token-" + id);
        raw.put("type", 3);
        raw.put("guild_id", "4242");
        raw.put("channel_id", "777");
        raw.put("application_id", "999");
        raw.putObject("member").putObject("user").put("id", userId);
        raw.putObject("data").put("custom_id", "signup:" + action + ":1").put("component_type", 2);
        raw.putObject("message").put("id", "888");
        return InteractionEnvelope.fromDiscord(raw, Instant.now(), 0);
    }
}
