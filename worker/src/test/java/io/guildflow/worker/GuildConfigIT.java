package io.guildflow.worker;

import static io.guildflow.worker.TestEnvironment.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.api.CommandContext;
import io.guildflow.api.CommandDefinition;
import io.guildflow.api.Response;
import io.guildflow.api.SlashCommand;
import io.guildflow.common.envelope.GuildLifecycleEnvelope;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.worker.dispatch.HandlerCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Guild configuration at run time: /config on one worker, seen by the next event on another; joins and leaves. */
class GuildConfigIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong(2_000_000_000_000_000L + (System.nanoTime() & 0xffffffL));
    private static final String GUILD = "4242";
    private static final String MANAGE_GUILD = "32";

    @AutoClose
    private final TestEnvironment env = new TestEnvironment();

    /** Replies with the guild's greeting setting; takes a moment so both workers get some events. */
    public static final class Greeting implements SlashCommand {
        @Override
        public CommandDefinition definition() {
            return CommandDefinition.of("greeting", "Shows the greeting setting");
        }

        @Override
        public Response handle(CommandContext context) throws Exception {
            Thread.sleep(20);
            return Response.reply("greeting=" + context.guildConfig().get("greeting").orElse("none"));
        }
    }

    private static InteractionEnvelope command(String name, String permissions, ArrayNode options) {
        String id = Long.toString(IDS.incrementAndGet());
        ObjectNode raw = JSON.createObjectNode();
        raw.put("id", id).put("token", "token-" + id).put("type", 2).put("guild_id", GUILD).put("channel_id", "777")
                .put("application_id", "999");
        ObjectNode member = raw.putObject("member");
        member.putObject("user").put("id", "555");
        member.put("permissions", permissions);
        ObjectNode data = raw.putObject("data").put("id", "1").put("name", name).put("type", 1);
        data.set("options", options);
        return InteractionEnvelope.fromDiscord(raw, Instant.now(), 0);
    }

    private static InteractionEnvelope configSet(String permissions, String key, String value) {
        ArrayNode options = JSON.createArrayNode();
        ObjectNode set = options.addObject().put("type", 1).put("name", "set");
        set.putArray("options").add(JSON.createObjectNode().put("type", 3).put("name", "key").put("value", key))
                .add(JSON.createObjectNode().put("type", 3).put("name", "value").put("value", value));
        return command("config", permissions, options);
    }

    private static String content(RecordingResponder.Sent sent) {
        return sent.callback().path("data").path("content").asText();
    }

    private List<RecordingResponder.Sent> send(RecordingResponder discord, List<InteractionEnvelope> events)
            throws Exception {
        for (InteractionEnvelope event : events) {
            env.publish(event, event.interactionId());
        }
        await(events.size() + " answers", () -> events.stream().allMatch(e -> !discord.sentFor(e.interactionId()).isEmpty()));
        return events.stream().map(e -> discord.sentFor(e.interactionId()).get(0)).toList();
    }

    private static List<InteractionEnvelope> greetings(int count) {
        List<InteractionEnvelope> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(command("greeting", "0", JSON.createArrayNode()));
        }
        return events;
    }

    @Test
    void aChangeThroughConfigOnOneWorkerIsSeenByTheNextEventOnAnotherWithoutRestart() throws Exception {
        RecordingResponder discord = new RecordingResponder("a");
        env.worker("a", HandlerCatalog.of(new Greeting()), discord, TestEnvironment.fastSettings());
        env.worker("b", HandlerCatalog.of(new Greeting()), discord.sibling("b"), TestEnvironment.fastSettings());

        List<RecordingResponder.Sent> before = send(discord, greetings(40));
        assertEquals(Set.of("a", "b"), before.stream().map(RecordingResponder.Sent::responderName)
                .collect(Collectors.toSet()), "both workers cached the guild's configuration");
        assertTrue(before.stream().allMatch(sent -> content(sent).equals("greeting=none")));

        RecordingResponder.Sent refused = send(discord, List.of(configSet("0", "greeting", "hi"))).get(0);
        assertEquals("You need the Manage Server permission to use /config.", content(refused));

        RecordingResponder.Sent changed = send(discord, List.of(configSet(MANAGE_GUILD, "greeting", "hi"))).get(0);
        assertEquals("Set greeting to \"hi\".", content(changed));
        List<RecordingResponder.Sent> after = send(discord, greetings(40));
        String other = changed.responderName().equals("a") ? "b" : "a";
        assertTrue(after.stream().anyMatch(sent -> sent.responderName().equals(other)), "the other worker served some");
        assertEquals(List.of(), after.stream().filter(sent -> !content(sent).equals("greeting=hi"))
                .map(sent -> sent.responderName() + ": " + content(sent)).toList(), "every later event sees the change");

        RecordingResponder.Sent shown = send(discord, List.of(command("config", MANAGE_GUILD,
                (ArrayNode) JSON.createArrayNode().add(JSON.createObjectNode().put("type", 1).put("name", "show"))))).get(0);
        assertEquals("Settings of this server:\n• greeting = hi", content(shown));
    }

    @Test
    void aJoinedGuildGetsADefaultRowAndALeftGuildIsMarkedInactiveWithItsDataKept() throws Exception {
        RecordingResponder discord = new RecordingResponder("a");
        env.worker("a", HandlerCatalog.of(new Greeting()), discord, TestEnvironment.fastSettings());
        String guild = "98765";
        String table = env.schema() + ".guild_config";

        lifecycle(GuildLifecycleEnvelope.Event.JOINED, guild);
        await("a default row", () -> count("SELECT count(*) FROM " + table + " WHERE guild_id = '" + guild
                + "' AND active AND settings = '{}'::jsonb") == 1);
        try (java.sql.Connection c = env.sql()) {
            c.createStatement().execute("UPDATE " + table + " SET settings = '{\"greeting\":\"hej\"}' WHERE guild_id = '" + guild + "'");
        }
        // on the subject versions before the lifecycle family used: still applied after an upgrade
        lifecycle(GuildLifecycleEnvelope.Event.LEFT, guild, "gf." + env.topology().environment() + ".guild." + guild
                + ".lifecycle");
        await("the row marked inactive, settings kept", () -> count("SELECT count(*) FROM " + table
                + " WHERE guild_id = '" + guild + "' AND NOT active AND left_at IS NOT NULL"
                + " AND settings->>'greeting' = 'hej'") == 1);
        lifecycle(GuildLifecycleEnvelope.Event.JOINED, guild);
        await("active again on a new join, settings still there", () -> count("SELECT count(*) FROM " + table
                + " WHERE guild_id = '" + guild + "' AND active AND left_at IS NULL AND settings->>'greeting' = 'hej'") == 1);
        assertEquals(1, count("SELECT count(*) FROM " + table));
    }

    private void lifecycle(GuildLifecycleEnvelope.Event event, String guild) throws Exception {
        lifecycle(event, guild, env.topology().lifecycleSubject(guild));
    }

    private void lifecycle(GuildLifecycleEnvelope.Event event, String guild, String subject) throws Exception {
        GuildLifecycleEnvelope envelope = GuildLifecycleEnvelope.of(event, guild, 0, Instant.now(),
                JSON.createObjectNode().put("id", guild));
        env.publishRaw(subject, envelope.encode(JSON), envelope.messageId() + "-" + IDS.incrementAndGet());
    }

    private long count(String sql) {
        try {
            return env.count(sql);
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }
}
