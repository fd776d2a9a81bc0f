package io.guildflow.devtools.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testkit.recording.RestCall;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 24: one REST budget for the whole cluster. Three worker processes share a bot whose global
 * limit is low, and flood the outbox (signup posts and their edits in three channels) while {@code /ping}
 * runs; a second deployment provokes invalid requests until the breaker holds the outbox.
 */
class RestBudgetEndToEndIT {
    /** Low, so the outbox's burst meets it; the emulator enforces the same number. */
    private static final int GLOBAL = 4;
    private static final int SIGNUPS_PER_CHANNEL = 3;
    private static final int JOINS_PER_SIGNUP = 3;
    private static final Duration ANSWER = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void threeWorkersKeepToOneGlobalLimitAndEveryBucketsResetWhileInteractionsAreAnswered() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("budget");
             DiscordEmulator emulator = BotCommands.emulator().guilds(3).usersPerGuild(JOINS_PER_SIGNUP + 1)
                     .globalRateLimit(GLOBAL).build().start();
             SignupDeployment bot = new SignupDeployment(environment, emulator,
                     Map.of("DISCORD_GLOBAL_RATE_LIMIT", Integer.toString(GLOBAL))).start(3)) {
            Instant floodStart = Instant.now();
            List<DispatchedInteraction> pings = new ArrayList<>();
            List<DispatchedInteraction> others = new ArrayList<>();
            Map<String, String> titleOfCreate = new HashMap<>();
            Map<String, String> signupOfTitle = new HashMap<>();
            for (int n = 0; n < SIGNUPS_PER_CHANNEL; n++) {
                for (int g = 0; g < emulator.guilds().size(); g++) {
                    EmulatedGuild guild = emulator.guild(g);
                    String title = "S" + g + "-" + n;
                    DispatchedInteraction create = emulator.slashCommand(guild, guild.textChannelId(),
                            guild.members().get(0), "signup create", Map.of("title", title, "slots", 20, "closes_in", 60));
                    titleOfCreate.put(create.id(), title);
                    others.add(create);
                    pings.add(emulator.slashCommand(guild, guild.members().get(0), "ping", Map.of()));
                }
            }
            for (DispatchedInteraction create : others) {
                InteractionRecord answer = emulator.awaitResponse(create.id(), ANSWER);
                signupOfTitle.put(titleOfCreate.get(create.id()),
                        answer.content().replaceAll("^Signup #(\\d+) is open\\.$", "$1"));
            }
            int signups = SIGNUPS_PER_CHANNEL * emulator.guilds().size();
            emulator.awaitCondition(() -> bot.acceptedPosts().size() >= signups, Duration.ofSeconds(60));
            for (RestCall post : bot.acceptedPosts()) {
                var message = JSON.readTree(post.responseBody());
                String title = message.path("content").asText().split("\n")[0].replaceAll("^\\*\\*(.+)\\*\\* .*$", "$1");
                EmulatedGuild guild = emulator.guilds().stream()
                        .filter(g -> g.textChannelId().equals(message.path("channel_id").asText())).findFirst()
                        .orElseThrow();
                for (int j = 1; j <= JOINS_PER_SIGNUP; j++) {
                    others.add(emulator.button(guild, guild.members().get(j), message.path("id").asText(),
                            "signup:join:" + signupOfTitle.get(title)));
                    pings.add(emulator.slashCommand(guild, guild.members().get(j), "ping", Map.of()));
                }
            }
            for (DispatchedInteraction interaction : others) {
                emulator.awaitResponse(interaction.id(), ANSWER); // its outbox rows are committed by then
            }
            emulator.awaitCondition(() -> pending(environment) == 0, Duration.ofSeconds(90));
            try {
                for (DispatchedInteraction interaction : pings) {
                    InteractionRecord answer = emulator.awaitResponse(interaction.id(), ANSWER);
                    assertTrue(answer.acknowledgementLatency().compareTo(Duration.ofSeconds(3)) < 0,
                            "interactions are answered while the outbox is throttled: " + answer);
                }
                List<RestCall> calls = emulator.restCalls().stream()
                        .filter(call -> !call.at().isBefore(floodStart)).toList();
                assertGlobalLimitKept(calls);
                assertBucketsRespected(calls);
                double waits = 0;
                for (JarProcess worker : bot.runningWorkers()) {
                    waits += MetricsScrape.parse(worker.get("/metrics"))
                            .sum("guildflow_discord_governor_waits_total", "priority", "outbox");
                }
                assertTrue(waits > 0, "the outbox waited for the shared budget");
                System.out.println("rest budget: " + calls.stream().filter(RestBudgetEndToEndIT::botRoute).count()
                        + " bot requests, " + calls.stream().filter(call -> call.status() == 429).count() + " 429s, "
                        + waits + " outbox waits, " + pings.size() + " pings answered within 3 s");
                assertEquals(signups, bot.acceptedPosts().size(), "every post delivered once");
                assertEquals(signups, bot.acceptedPosts().stream().map(RestCall::requestBody).map(RestBudgetEndToEndIT::nonce)
                        .distinct().count(), "no post sent twice");
                for (RestCall post : bot.acceptedPosts()) {
                    var message = JSON.readTree(post.responseBody());
                    String content = emulator.messages(message.path("channel_id").asText(), 100).stream()
                            .filter(m -> m.path("id").asText().equals(message.path("id").asText())).findFirst()
                            .orElseThrow().path("content").asText();
                    assertTrue(content.contains(JOINS_PER_SIGNUP + "/20 joined"), content);
                }
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + bot.outputs(), e);
            }
        }
    }

    @Test
    void theBreakerHoldsTheOutboxAfterInvalidRequestsAndInteractionsAreStillAnswered() throws Exception {
        int threshold = 3;
        try (IsolatedEnvironment environment = new IsolatedEnvironment("breaker");
             DiscordEmulator emulator = BotCommands.emulator().guilds(1).build().start();
             SignupDeployment bot = new SignupDeployment(environment, emulator,
                     Map.of("DISCORD_INVALID_REQUEST_BREAKER", Integer.toString(threshold)),
                     Map.of("DISCORD_TOKEN", "revoked-token")).start(1)) {
            EmulatedGuild guild = emulator.guild(0);
            List<DispatchedInteraction> creates = new ArrayList<>();
            for (int n = 0; n < threshold + 2; n++) {
                creates.add(emulator.slashCommand(guild, guild.members().get(0), "signup create",
                        Map.of("title", "B" + n, "slots", 5, "closes_in", 60)));
            }
            for (DispatchedInteraction create : creates) {
                emulator.awaitResponse(create.id(), ANSWER);
            }
            emulator.awaitCondition(() -> refusedPosts(emulator) >= threshold, Duration.ofSeconds(30));
            MetricsScrape metrics = MetricsScrape.parse(bot.runningWorkers().get(0).get("/metrics"));
            try {
                assertEquals(1, metrics.sum("guildflow_discord_governor_breaker"), "the outbox is shed");
                assertEquals(threshold, metrics.sum("guildflow_discord_governor_invalid_requests"));
                DispatchedInteraction ping = emulator.slashCommand(guild, guild.members().get(0), "ping", Map.of());
                InteractionRecord answer = emulator.awaitResponse(ping.id(), ANSWER);
                assertTrue(answer.acknowledgementLatency().compareTo(Duration.ofSeconds(3)) < 0, answer.toString());
                assertEquals(threshold, refusedPosts(emulator), "no invalid request past the threshold");
                assertEquals(2, pending(environment),
                        "the rest wait in the outbox, not dropped");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + bot.outputs(), e);
            }
        }
    }

    /** Outbox actions not delivered yet; -1 while the table cannot be read. */
    private static long pending(IsolatedEnvironment environment) {
        try {
            return environment.count("SELECT count(*) FROM discord_outbox WHERE delivered_at IS NULL");
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    private static long refusedPosts(DiscordEmulator emulator) {
        return emulator.restCalls("POST", SignupDeployment.POSTS).stream().filter(call -> call.status() == 401).count();
    }

    /** Bot requests (interaction callbacks and webhooks are exempt) in any sliding second, and no global 429. */
    private static void assertGlobalLimitKept(List<RestCall> calls) {
        List<Instant> bot = calls.stream().filter(RestBudgetEndToEndIT::botRoute).map(RestCall::at).sorted().toList();
        int most = 0;
        for (int first = 0, last = 0; last < bot.size(); last++) {
            while (Duration.between(bot.get(first), bot.get(last)).toMillis() >= 1000) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        assertTrue(most <= GLOBAL, "at most " + GLOBAL + " bot requests in any second, saw " + most);
        assertTrue(bot.size() > 2 * GLOBAL, "the flood needed more than two seconds of budget: " + bot.size());
        assertEquals(List.of(), calls.stream().filter(call -> call.status() == 429
                && call.responseBody().contains("\"global\":true")).toList(), "no global 429");
    }

    /** At most one 429 per bucket, and nothing sent on a bucket before the Retry-After of its 429. */
    private static void assertBucketsRespected(List<RestCall> calls) throws Exception {
        Map<String, List<RestCall>> byBucket = calls.stream().filter(RestBudgetEndToEndIT::botRoute)
                .collect(Collectors.groupingBy(RestBudgetEndToEndIT::bucket));
        for (Map.Entry<String, List<RestCall>> bucket : byBucket.entrySet()) {
            List<RestCall> limited = bucket.getValue().stream().filter(call -> call.status() == 429).toList();
            assertTrue(limited.size() <= 1, bucket.getKey() + " answered 429 " + limited.size() + " times");
            for (RestCall refusal : limited) {
                Instant reset = refusal.at().plusMillis(
                        (long) (JSON.readTree(refusal.responseBody()).path("retry_after").asDouble() * 1000));
                List<RestCall> early = bucket.getValue().stream()
                        .filter(call -> call.at().isAfter(refusal.at()) && call.at().isBefore(reset)).toList();
                assertEquals(List.of(), early, bucket.getKey() + " sent again before its Retry-After");
            }
        }
    }

    private static boolean botRoute(RestCall call) {
        return !call.path().startsWith("/interactions/") && !call.path().startsWith("/webhooks/");
    }

    /** Discord's bucket: route and major parameter (the channel). */
    private static String bucket(RestCall call) {
        String[] segments = call.path().split("/");
        return call.method() + " " + call.route() + " " + (segments.length > 2 ? segments[2] : "");
    }

    private static String nonce(String body) {
        try {
            return JSON.readTree(body).path("nonce").asText();
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
