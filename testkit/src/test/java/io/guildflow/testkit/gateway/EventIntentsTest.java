package io.guildflow.testkit.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.TestClock;
import io.guildflow.testkit.event.MessageRef;
import io.guildflow.testkit.model.Emoji;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.EmulatedUser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two sessions with different intents on one shard: what each gets, in which form, numbered how. */
class EventIntentsTest {
    private static final long CONTENTLESS = Intents.GUILDS | Intents.GUILD_MESSAGES | Intents.DIRECT_MESSAGES
            | Intents.AUTO_MODERATION_EXECUTION;
    private final TestClock clock = TestClock.ticking();
    private DiscordEmulator emu;
    private EmulatedGuild guild;
    private EmulatedUser ada;

    @BeforeEach
    void start() {
        emu = DiscordEmulator.builder().clock(clock).privilegedIntents(Intents.PRIVILEGED).build().start();
        guild = emu.guild(0);
        ada = guild.members().get(1);
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    /** Dispatches until (and with) the next of type {@code last}, as "TYPE#s". */
    private static List<String> dispatchesUntil(EventClient client, String last) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        JsonNode f;
        do {
            f = client.nextDispatch();
            seen.add(f.path("t").asText() + "#" + f.path("s").asLong());
        } while (!last.equals(f.path("t").asText()));
        return seen;
    }

    @Test
    void eachSessionGetsWhatItsIntentsAskForNumberedInItsOwnSequence() throws InterruptedException {
        EventClient messagesOnly = EventClient.identify(emu, clock, Intents.GUILDS | Intents.GUILD_MESSAGES);
        EventClient everything = EventClient.identify(emu, clock, Intents.ALL);
        // READY is 1 and GUILD_CREATE 2 on both sessions
        MessageRef sent = emu.userMessage(guild, ada, "hi");
        emu.addReaction(sent.id(), ada, Emoji.unicode("👋"));
        emu.memberJoin(guild, "carol");
        emu.ban(guild, guild.members().get(2));
        emu.voiceState(guild, ada, emu.createChannel(guild, "Lounge", 2));
        emu.deleteMessage(sent.id());

        assertEquals(List.of("MESSAGE_CREATE#3", "CHANNEL_CREATE#4", "MESSAGE_DELETE#5"),
                dispatchesUntil(messagesOnly, "MESSAGE_DELETE"));
        assertEquals(List.of("MESSAGE_CREATE#3", "MESSAGE_REACTION_ADD#4", "GUILD_MEMBER_ADD#5", "GUILD_BAN_ADD#6",
                "GUILD_MEMBER_REMOVE#7", "CHANNEL_CREATE#8", "VOICE_STATE_UPDATE#9", "MESSAGE_DELETE#10"),
                dispatchesUntil(everything, "MESSAGE_DELETE"));
    }

    @Test
    void withoutMessageContentAUsersGuildMessageArrivesEmpty() throws Exception {
        EventClient with = EventClient.identify(emu, clock, CONTENTLESS | Intents.MESSAGE_CONTENT);
        EventClient without = EventClient.identify(emu, clock, CONTENTLESS);

        MessageRef secret = emu.userMessage(guild, ada, "the secret");
        assertEquals("the secret", with.next("MESSAGE_CREATE").path("content").asText());
        JsonNode blanked = without.next("MESSAGE_CREATE");
        assertEquals("", blanked.path("content").asText());
        assertEquals(secret.id(), blanked.path("id").asText(), "the event itself still arrives");

        emu.editMessage(secret.id(), "the new secret");
        assertEquals("the new secret", with.next("MESSAGE_UPDATE").path("content").asText());
        assertEquals("", without.next("MESSAGE_UPDATE").path("content").asText());

        String mention = "<@" + emu.botUser().id() + "> are you there?";
        emu.userMessage(guild, ada, mention);
        emu.directMessage(ada, "between us");
        postAsTheBot("posted by the bot");
        for (EventClient client : List.of(with, without)) {
            assertEquals(mention, client.next("MESSAGE_CREATE").path("content").asText());
            assertEquals("between us", client.next("MESSAGE_CREATE").path("content").asText());
            assertEquals("posted by the bot", client.next("MESSAGE_CREATE").path("content").asText());
        }

        emu.autoModBlock(guild, guild.textChannelId(), ada, "buy gold", "gold");
        assertEquals("buy gold", with.next("AUTO_MODERATION_ACTION_EXECUTION").path("content").asText());
        JsonNode automod = without.next("AUTO_MODERATION_ACTION_EXECUTION");
        assertEquals("", automod.path("content").asText());
        assertEquals("", automod.path("matched_content").asText());
    }

    private void postAsTheBot(String content) throws Exception {
        HttpRequest post = HttpRequest.newBuilder(URI.create(emu.apiUrl() + "/channels/" + guild.textChannelId()
                        + "/messages"))
                .header("Authorization", "Bot " + emu.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"" + content + "\"}")).build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
    }

    @Test
    void aGuildsEventsLeaveInTheOrderItsStateChanged() throws Exception {
        EventClient client = EventClient.identify(emu, clock, Intents.GUILDS | Intents.GUILD_MESSAGES
                | Intents.GUILD_MESSAGE_REACTIONS);
        MessageRef sent = emu.userMessage(guild, ada, "react to me");
        client.next("MESSAGE_CREATE");
        Emoji star = Emoji.unicode("⭐");
        int rounds = 200;
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<?> adds = two.submit(() -> {
                for (int i = 0; i < rounds; i++) {
                    emu.addReaction(sent.id(), ada, star);
                }
            });
            Future<?> removes = two.submit(() -> {
                for (int i = 0; i < rounds; i++) {
                    emu.removeReaction(sent.id(), ada, star);
                }
            });
            adds.get();
            removes.get();
        } finally {
            two.shutdownNow();
        }
        int finalCount = emu.reactionCount(sent.id(), star);
        emu.deleteMessage(sent.id());
        List<String> seen = dispatchesUntil(client, "MESSAGE_DELETE");
        String expected = "MESSAGE_REACTION_ADD";
        for (String dispatch : seen.subList(0, seen.size() - 1)) {
            assertTrue(dispatch.startsWith(expected + "#"), "adds and removes alternate as the state did: " + seen);
            expected = expected.endsWith("ADD") ? "MESSAGE_REACTION_REMOVE" : "MESSAGE_REACTION_ADD";
        }
        assertEquals(expected.endsWith("REMOVE") ? 1 : 0, finalCount, "the last event tells the count: " + seen);
    }
}
