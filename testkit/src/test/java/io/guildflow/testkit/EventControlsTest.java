package io.guildflow.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.testkit.model.Emoji;
import io.guildflow.testkit.model.EmulatedGuild;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@code /_emulator} event routes: what a person with curl can make happen, and the ids they answer. */
@ExtendWith(DiscordEmulatorExtension.class)
class EventControlsTest {
    private final ControlClient control = new ControlClient();
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode ok(DiscordEmulator emulator, String method, String path, String body) throws Exception {
        HttpResponse<String> answer = control.send(emulator, method, path, body);
        assertEquals(200, answer.statusCode(), method + " " + path + ": " + answer.body());
        return json.readTree(answer.body());
    }

    private int status(DiscordEmulator emulator, String method, String path, String body) throws Exception {
        return control.send(emulator, method, path, body).statusCode();
    }

    @Test
    void aMessageItsEditReactionsAndDeletion(DiscordEmulator emulator) throws Exception {
        EmulatedGuild guild = emulator.guild(0);
        JsonNode sent = ok(emulator, "POST", "/_emulator/messages?user=1", "hello");
        String id = sent.path("id").asText();
        assertEquals(guild.id(), sent.path("guild_id").asText());
        assertEquals(guild.textChannelId(), sent.path("channel_id").asText());
        assertEquals(guild.members().get(1).id(), sent.path("author_id").asText());
        assertEquals("hello", emulator.message(id).path("content").asText());

        ok(emulator, "PATCH", "/_emulator/messages/" + id, "hello again");
        assertEquals("hello again", emulator.message(id).path("content").asText());

        JsonNode star = ok(emulator, "PUT", "/_emulator/messages/" + id + "/reactions/%E2%AD%90?user=2", null);
        assertEquals(1, star.path("count").asInt());
        assertEquals("⭐", star.path("emoji").asText());
        ok(emulator, "PUT", "/_emulator/messages/" + id + "/reactions/blob:123456789012345678", null);
        assertEquals(1, emulator.reactionCount(id, Emoji.custom("blob", "123456789012345678")));
        assertEquals(0, ok(emulator, "DELETE", "/_emulator/messages/" + id + "/reactions/%E2%AD%90?user=2", null)
                .path("count").asInt());
        assertTrue(ok(emulator, "DELETE", "/_emulator/messages/" + id + "/reactions", null).path("removed")
                .asBoolean());

        ok(emulator, "DELETE", "/_emulator/messages/" + id, null);
        assertEquals(404, status(emulator, "DELETE", "/_emulator/messages/" + id, null));
        assertEquals(404, status(emulator, "PUT", "/_emulator/messages/" + id + "/reactions/%E2%AD%90", null));
    }

    @Test
    void aDirectMessageAndABulkDelete(DiscordEmulator emulator) throws Exception {
        JsonNode dm = ok(emulator, "POST", "/_emulator/messages?dm=true&user=2", "psst");
        assertTrue(dm.path("guild_id").isMissingNode());
        String one = ok(emulator, "POST", "/_emulator/messages", "one").path("id").asText();
        String two = ok(emulator, "POST", "/_emulator/messages", "two").path("id").asText();
        assertEquals(400, status(emulator, "POST", "/_emulator/messages/bulk-delete?ids=" + one, null),
                "a bulk delete takes at least two");
        assertEquals(2, ok(emulator, "POST", "/_emulator/messages/bulk-delete?ids=" + one + "," + two, null)
                .path("deleted").asInt());
        assertTrue(emulator.messages(emulator.guild(0).textChannelId(), 10).isEmpty());
    }

    @Test
    void membersBansChannelsAndRoles(DiscordEmulator emulator) throws Exception {
        String guild = emulator.guild(0).id();
        JsonNode joined = ok(emulator, "POST", "/_emulator/guilds/" + guild + "/members?name=carol", null);
        String carol = joined.path("user_id").asText();
        assertEquals("carol", joined.path("username").asText());
        assertTrue(emulator.guild(0).members().stream().anyMatch(u -> u.id().equals(carol)));
        ok(emulator, "DELETE", "/_emulator/guilds/" + guild + "/members/" + carol, null);
        assertEquals(404, status(emulator, "DELETE", "/_emulator/guilds/" + guild + "/members/" + carol, null));
        ok(emulator, "PUT", "/_emulator/guilds/" + guild + "/bans/" + carol, null);
        assertEquals(400, status(emulator, "PUT", "/_emulator/guilds/" + guild + "/bans/" + carol, null),
                "already banned");
        ok(emulator, "DELETE", "/_emulator/guilds/" + guild + "/bans/" + carol, null);

        String channel = ok(emulator, "POST", "/_emulator/guilds/" + guild + "/channels?name=starboard", null)
                .path("id").asText();
        assertTrue(emulator.guild(0).channels().contains(channel));
        String role = ok(emulator, "POST", "/_emulator/guilds/" + guild + "/roles?name=stars", null).path("id").asText();
        assertTrue(emulator.roles(emulator.guild(0)).stream().anyMatch(r -> r.path("id").asText().equals(role)));
    }

    @Test
    void unknownIdsAre404AndBadRequests400(DiscordEmulator emulator) throws Exception {
        assertEquals(404, status(emulator, "POST", "/_emulator/guilds/1/members?name=x", null));
        assertEquals(404, status(emulator, "PATCH", "/_emulator/messages/1", "edit"));
        assertEquals(404, status(emulator, "POST", "/_emulator/messages?channel=1", "nowhere"));
        assertEquals(400, status(emulator, "POST", "/_emulator/messages", null), "no content");
        assertEquals(400, status(emulator, "PUT", "/_emulator/messages/not-a-number/reactions/x", null));
        String id = ok(emulator, "POST", "/_emulator/messages", "hi").path("id").asText();
        HttpResponse<String> badEmoji = control.send(emulator, "PUT", "/_emulator/messages/" + id
                + "/reactions/blob:abc", null);
        assertEquals(400, badEmoji.statusCode());
        assertTrue(badEmoji.body().contains("name:id"), badEmoji.body());
        assertEquals(404, status(emulator, "GET", "/_emulator/messages", null), "no such route");
        assertEquals("[]", control.send(emulator, "GET", "/_emulator/posts", null).body());
    }

    @Test
    void theBannerListsTheEventRoutes(DiscordEmulator emulator) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        emulator.printListening(new PrintStream(out, true, StandardCharsets.UTF_8));
        String banner = out.toString(StandardCharsets.UTF_8);
        for (String route : ControlHandler.EVENT_ROUTES) {
            assertTrue(banner.contains(route), route);
        }
        assertFalse(banner.contains("members=[user1_1,"), "members are listed with their ids");
    }
}
