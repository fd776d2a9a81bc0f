package io.guildflow.testsupport.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DiscordEmulatorExtension;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.TestClock;
import io.guildflow.testkit.jda.JdaHarness;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.recording.InteractionRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LoadGeneratorTest {
    @RegisterExtension
    final DiscordEmulatorExtension discord = new DiscordEmulatorExtension(b -> b.guilds(3).commands("signup"));

    @Test
    void sendsCommandsSpreadOverGuildsAndSummarizesAnswers(DiscordEmulator emu) {
        JDA jda = JdaHarness.connect(emu, new ListenerAdapter() {
            @Override
            public void onSlashCommandInteraction(SlashCommandInteractionEvent e) {
                e.reply("signed up").queue();
            }
        });
        try {
            List<String> ids = new LoadGenerator(emu).run("signup", 150, 300);
            assertEquals(150, ids.size());
            assertEquals(150, new HashSet<>(ids).size());
            for (String id : ids) {
                emu.awaitResponse(id, Duration.ofSeconds(20));
            }
            LoadSummary s = LoadSummary.of(emu, ids);
            System.out.println("LoadGenerator with JDA: " + s.describe());
            assertEquals(150, s.sent());
            assertEquals(150, s.answered());
            assertEquals(0, s.duplicates());
            assertNotNull(s.p50());
            assertTrue(s.p99().compareTo(s.p50()) >= 0);
            long guildsUsed = ids.stream().map(id -> emu.interaction(id).guildId()).distinct().count();
            assertEquals(3, guildsUsed);
        } finally {
            JdaHarness.shutdown(jda);
        }
    }

    @Test
    void summaryCountsDuplicatesAndLateAnswers() throws Exception {
        TestClock clock = TestClock.frozen(Instant.now());
        try (DiscordEmulator emu = DiscordEmulator.builder().clock(clock).commands("signup").build().start()) {
            EmulatedGuild g = emu.guild(0);
            DispatchedInteraction dup = emu.slashCommand(g, g.members().get(0), "signup", Map.of());
            DispatchedInteraction late = emu.slashCommand(g, g.members().get(1), "signup", Map.of());
            DispatchedInteraction unanswered = emu.slashCommand(g, g.members().get(2), "signup", Map.of());
            HttpClient http = HttpClient.newHttpClient();
            clock.advance(Duration.ofMillis(200));
            for (int n = 0; n < 3; n++) {
                callback(http, emu, dup);
            }
            clock.advance(Duration.ofSeconds(3));
            assertEquals(404, callback(http, emu, late));

            LoadSummary s = LoadSummary.of(emu, List.of(dup.id(), late.id(), unanswered.id()));
            assertEquals(3, s.sent());
            assertEquals(1, s.answered());
            assertEquals(1, s.answeredWithin3s());
            assertEquals(1, s.late());
            assertEquals(1, s.duplicates());
            assertEquals(2, s.duplicateAttempts());
            assertEquals(Duration.ofMillis(200), s.p50());
            assertEquals(Duration.ofMillis(200), s.p99());
        }
    }

    @Test
    void aDeferralAnsweredOnceIsNotADuplicateWhicheverCameFirst() throws Exception {
        TestClock clock = TestClock.frozen(Instant.now());
        try (DiscordEmulator emu = DiscordEmulator.builder().clock(clock).commands("signup").build().start()) {
            EmulatedGuild g = emu.guild(0);
            DispatchedInteraction once = emu.slashCommand(g, g.members().get(0), "signup", Map.of());
            DispatchedInteraction twice = emu.slashCommand(g, g.members().get(1), "signup", Map.of());
            DispatchedInteraction raced = emu.slashCommand(g, g.members().get(2), "signup", Map.of());
            HttpClient http = HttpClient.newHttpClient();
            clock.advance(Duration.ofMillis(1_990));
            assertEquals(204, callback(http, emu, raced));
            // The guard's timer fired while the worker's answer was on its way: its refused deferral showed nothing.
            clock.advance(Duration.ofMillis(10));
            assertEquals(400, callback(http, emu, raced, "{\"type\":5}"));
            for (DispatchedInteraction i : List.of(once, twice)) {
                assertEquals(204, callback(http, emu, i, "{\"type\":5}"));
                assertEquals(400, callback(http, emu, i, "{\"type\":4,\"data\":{\"content\":\"ok\"}}"));
                assertEquals(200, editOriginal(http, emu, i));
            }
            // A redelivered event answering again: the user would see the answer twice.
            assertEquals(400, callback(http, emu, twice, "{\"type\":4,\"data\":{\"content\":\"ok\"}}"));
            assertEquals(200, editOriginal(http, emu, twice));

            LoadSummary s = LoadSummary.of(emu, List.of(once.id(), twice.id(), raced.id()));
            assertEquals(3, s.answered());
            assertEquals(1, s.duplicates());
            assertEquals(1, s.duplicateAttempts());
            assertEquals(Map.of("accepted 5 (x1); refused 4/40060 4/40060; edits 2 (1 repeating it)", List.of(twice.id())),
                    ids(LoadSummary.duplicatePatterns(
                            List.of(emu.interaction(once.id()), emu.interaction(twice.id()), emu.interaction(raced.id())))));
            // the same rule as a test assertion: throws unless answered exactly once
            AnsweredOnce.await(emu, List.of(once, raced), Duration.ofSeconds(1), AnsweredOnce.contentStartingWith("ok"));
        }
    }

    private static Map<String, List<String>> ids(Map<String, List<InteractionRecord>> patterns) {
        Map<String, List<String>> ids = new HashMap<>();
        patterns.forEach((pattern, records) -> ids.put(pattern, records.stream().map(InteractionRecord::id).toList()));
        return ids;
    }

    private static int callback(HttpClient http, DiscordEmulator emu, DispatchedInteraction i) throws Exception {
        return callback(http, emu, i, "{\"type\":4,\"data\":{\"content\":\"ok\"}}");
    }

    private static int callback(HttpClient http, DiscordEmulator emu, DispatchedInteraction i, String body)
            throws Exception {
        HttpRequest req = HttpRequest.newBuilder(
                        URI.create(emu.apiUrl() + "/interactions/" + i.id() + "/" + i.token() + "/callback"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static int editOriginal(HttpClient http, DiscordEmulator emu, DispatchedInteraction i) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(emu.apiUrl() + "/webhooks/"
                        + emu.applicationId() + "/" + i.token() + "/messages/@original"))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"content\":\"ok\"}"))
                .build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
