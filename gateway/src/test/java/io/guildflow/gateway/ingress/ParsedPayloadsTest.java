package io.guildflow.gateway.ingress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.common.envelope.EnvelopeCodec;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.testkit.interaction.CommandOption;
import io.guildflow.testkit.interaction.InteractionFactory;
import io.guildflow.testkit.interaction.InteractionFactory.Place;
import io.guildflow.testkit.interaction.InteractionRegistry;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.model.GuildState;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.model.World;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.Test;

/**
 * The ingress builds the envelope from the dispatch JDA parsed; it used to write that back to JSON and parse it
 * again. For every kind of interaction the emulator builds, both ways must give the same envelope bytes.
 */
class ParsedPayloadsTest {
    private static final int SHARD = 3;
    private final Instant now = Instant.parse("2026-11-22T12:00:00Z");
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    private final ObjectMapper mapper = new ObjectMapper();
    private final EnvelopeCodec codec = new EnvelopeCodec(mapper);
    private final World world = new World(1573789909913698304L, "bench-bot", 2, 3, clock);
    private final InteractionFactory factory = new InteractionFactory(world, new InteractionRegistry(100), clock, 1);

    @Test
    void everyInteractionKindGivesTheSameEnvelopeAsTheJsonRoundTrip() throws IOException {
        // options unstated: this test sends values Discord's client would refuse (an integer past 2^53) to test parsing
        world.commands().upsertNameOnly(0, Json.parse("{\"name\":\"color\",\"type\":1}"));
        world.commands().upsert(0, Json.parse("{\"name\":\"Inspect\",\"type\":2}"));
        world.commands().upsert(0, Json.parse("{\"name\":\"Quote\",\"type\":3}"));
        GuildState guild = world.guilds().get(0);
        Place inGuild = new Place(guild, 0);
        EmulatedUser user = guild.members().get(0);
        EmulatedUser target = guild.members().get(1);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("name", "bläu \"quoted\" \u2603 \uD83D\uDE00");
        options.put("count", 42);
        options.put("big", CommandOption.integer(9_007_199_254_740_993L));
        options.put("ratio", 2.5);
        options.put("tiny", CommandOption.number(1.0E-7));
        options.put("public", true);
        options.put("who", target);
        options.put("where", CommandOption.channel(Long.toUnsignedString(guild.firstTextChannelId())));
        ArrayNode buttons = Json.array();
        buttons.addObject().put("type", 2).put("custom_id", "vote:yes").put("label", "Yes").put("style", 1);
        ObjectNode message = factory.botMessage(inGuild, user, "Vote?", buttons);
        ArrayNode menu = Json.array();
        ArrayNode colors = menu.addObject().put("type", 3).put("custom_id", "pick").put("max_values", 2)
                .putArray("options");
        List.of("red", "green", "blue").forEach(color -> colors.addObject().put("label", color).put("value", color));
        ObjectNode menuMessage = factory.botMessage(inGuild, user, "Pick", menu);

        List<ObjectNode> payloads = List.of(
                factory.command(inGuild, user, "color", options).payload(),
                factory.command(Place.dm(), user, "color", Map.of("name", "dm")).payload(),
                factory.autocomplete(inGuild, user, "color", "name", "bl", Map.of("count", 7)).payload(),
                factory.userCommand(inGuild, user, "Inspect", target).payload(),
                factory.messageCommand(inGuild, user, "Quote", message).payload(),
                factory.component(inGuild, user, message, 2, "vote:yes", List.of()).payload(),
                factory.component(inGuild, user, menuMessage, 3, "pick", List.of("red", "green")).payload(),
                factory.modalSubmit(inGuild, user, "feedback", Map.of("text", "line one\nline two")).payload(),
                factory.modalSubmit(Place.dm(), user, "feedback", Map.of("text", "")).payload());

        List<InteractionEnvelope> built = new ArrayList<>();
        InteractionIngress ingress = new InteractionIngress(mapper, clock, built::add, new SimpleMeterRegistry());
        for (ObjectNode payload : payloads) {
            DataObject parsedByJda = payloadOfFrame(payload);
            ingress.accept(parsedByJda, SHARD);
            InteractionEnvelope roundTripped =
                    InteractionEnvelope.fromDiscord(mapper.readTree(parsedByJda.toJson()), now, SHARD);
            InteractionEnvelope direct = built.get(built.size() - 1);
            String kind = "interaction type " + payload.path("type") + " " + payload.path("data").path("custom_id")
                    + payload.path("data").path("name");
            assertEquals(roundTripped.raw(), direct.raw(), () -> "tree of " + kind);
            assertArrayEquals(codec.encode(roundTripped), codec.encode(direct), () -> "envelope of " + kind);
        }
        assertEquals(payloads.size(), built.size());
    }

    @Test
    void aValueNoJsonFrameProducesStillGivesWhatTheRoundTripGave() throws IOException {
        DataObject unusual = DataObject.empty().put("float", 0.1f).put("nested", DataObject.empty().put("a", 1))
                .put("decimal", new BigDecimal("1.50"));
        ObjectNode direct = new ParsedPayloads(mapper).tree(unusual.toMap());
        assertEquals(mapper.readTree(unusual.toJson()), direct);
    }

    /** What JDA hands the ingress: the {@code d} of the frame, as {@code RawGatewayEvent#getPayload} returns it. */
    private static DataObject payloadOfFrame(ObjectNode payload) {
        ObjectNode frame = Json.object();
        frame.put("op", 0).put("s", 7).put("t", "INTERACTION_CREATE").set("d", payload);
        return DataObject.fromJson(Json.write(frame)).getObject("d");
    }
}
