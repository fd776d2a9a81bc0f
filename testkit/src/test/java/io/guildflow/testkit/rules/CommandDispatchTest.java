package io.guildflow.testkit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.TestClock;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.model.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Discord dispatches only registered commands (guild commands in their guild, global ones everywhere they are
 * allowed), and an interaction token not acknowledged within 3 s is dead for its webhook too.
 */
class CommandDispatchTest {
    private final TestClock clock = TestClock.frozen(Instant.now());
    private DiscordEmulator emu;
    private EmulatedGuild first;
    private EmulatedGuild second;
    private EmulatedUser user;

    @BeforeEach
    void start() {
        emu = DiscordEmulator.builder().clock(clock).guilds(2).build().start();
        first = emu.guild(0);
        second = emu.guild(1);
        user = first.members().get(0);
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    @Test
    void anUnregisteredCommandCannotBeTriggered() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> emu.slashCommand(first, user, "ping", Map.of()));
        assertTrue(e.getMessage().contains("'ping' is not registered"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> emu.userCommand(first, user, "Inspect", user));
        assertThrows(IllegalStateException.class, () -> emu.autocomplete(first, user, "ping", "q", "x"));
        assertTrue(emu.interactions().isEmpty());
    }

    @Test
    void aGuildCommandOnlyInItsGuildAndNeverInDms() {
        String id = emu.registerGuildCommand(first, "setup").path("id").asText();
        DispatchedInteraction ok = emu.slashCommand(first, user, "setup", Map.of());
        assertEquals(id, Long.toUnsignedString(emu.commands(first.id()).get(0).path("id").asLong()));
        assertThrows(IllegalStateException.class, () -> emu.slashCommand(second, user, "setup", Map.of()));
        assertThrows(IllegalStateException.class, () -> emu.dmSlashCommand(user, "setup", Map.of()));
        assertEquals(1, emu.interactions().size());
        assertEquals("setup", emu.interaction(ok.id()).name());
    }

    @Test
    void aGlobalCommandEverywhereItsContextsAllow() {
        emu.registerGlobalCommand("ping");
        emu.slashCommand(first, user, "ping", Map.of());
        emu.slashCommand(second, user, "ping", Map.of());
        emu.dmSlashCommand(user, "ping", Map.of());
        emu.registerCommand(null, Json.object().put("name", "guildonly").put("description", "d")
                .set("contexts", Json.array().add(0)));
        emu.slashCommand(first, user, "guildonly", Map.of());
        assertThrows(IllegalStateException.class, () -> emu.dmSlashCommand(user, "guildonly", Map.of()));
        emu.registerCommand(null, Json.object().put("name", "nodm").put("description", "d")
                .put("dm_permission", false));
        assertThrows(IllegalStateException.class, () -> emu.dmSlashCommand(user, "nodm", Map.of()));
        // a guild command shadows nothing: the global one still works in the other guild
        emu.registerGuildCommand(first, "ping");
        emu.slashCommand(second, user, "ping", Map.of());
        assertThrows(IllegalArgumentException.class, () -> emu.registerGlobalCommand("Bad Name"));
    }

    @Test
    void webhookCallsOnAnInteractionNotAcknowledgedInTimeFindNoWebhook() {
        emu.registerGlobalCommand("ping");
        Http http = new Http(emu);
        DispatchedInteraction ignored = emu.slashCommand(first, user, "ping", Map.of());
        DispatchedInteraction answered = emu.slashCommand(first, user, "ping", Map.of());
        String app = emu.applicationId();
        clock.advance(Duration.ofMillis(2900));
        assertEquals(204, http.send("POST", "/interactions/" + answered.id() + "/" + answered.token()
                + "/callback", "{\"type\":5}", null).statusCode());
        clock.advance(Duration.ofMillis(101));

        String hook = "/webhooks/" + app + "/" + ignored.token();
        for (HttpResponse<String> r : new HttpResponse[] {
                http.send("POST", hook + "?wait=true", "{\"content\":\"late\"}", null),
                http.send("PATCH", hook + "/messages/@original", "{\"content\":\"late\"}", null),
                http.send("GET", hook + "/messages/@original", null, null)}) {
            assertEquals(404, r.statusCode(), r.body());
            assertEquals(10015, Http.json(r).path("code").asInt());
            assertEquals("Unknown Webhook", Http.json(r).path("message").asText());
        }
        assertFalse(emu.interaction(ignored.id()).acknowledged());
        assertEquals(0, emu.interaction(ignored.id()).followUps().size());

        String live = "/webhooks/" + app + "/" + answered.token();
        clock.advance(Duration.ofMinutes(10));
        assertEquals(200, http.send("PATCH", live + "/messages/@original", "{\"content\":\"done\"}", null)
                .statusCode());
        assertEquals("done", emu.interaction(answered.id()).content());
    }
}
