package io.guildflow.common.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.api.ActionRow;
import io.guildflow.api.AllowedMentions;
import io.guildflow.api.Button;
import io.guildflow.api.Choice;
import io.guildflow.api.Embed;
import io.guildflow.api.Message;
import io.guildflow.api.Modal;
import io.guildflow.api.Response;
import io.guildflow.api.SelectMenu;
import io.guildflow.api.TextInput;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each response kind becomes the documents Discord's "Receiving and Responding" page describes. */
class ResponseEncoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String json(Object node) throws Exception {
        return JSON.writeValueAsString(node);
    }

    @Test
    void replyIsType4WithFlagsForEphemeralAndNoPingsByDefault() throws Exception {
        ResponseBodies bodies = ResponseEncoder.encode(Response.ephemeral("hi @everyone")
                .andFollowUp(Message.text("more").withAllowedMentions(AllowedMentions.users("5"))));
        assertEquals("{\"type\":4,\"data\":{\"content\":\"hi @everyone\",\"embeds\":[],\"components\":[],"
                + "\"flags\":64,\"allowed_mentions\":{\"parse\":[]}}}", json(bodies.callback()));
        assertEquals("{\"content\":\"more\",\"embeds\":[],\"components\":[],"
                + "\"allowed_mentions\":{\"parse\":[],\"users\":[\"5\"]}}", json(bodies.followUps().get(0)));
    }

    @Test
    void embedsAndComponentsUseDiscordsFieldNames() throws Exception {
        Message message = Message.embeds(Embed.of("Title", "Body").withColor(0x5865F2).withField("a", "b", true)
                .withFooter("foot")).withComponents(
                ActionRow.of(Button.primary("vote:1", "Yes"), Button.link("https://example.org", "Docs")),
                ActionRow.of(SelectMenu.of("pick", null, List.of(SelectMenu.Option.of("Red", "red")))));
        ResponseBodies bodies = ResponseEncoder.encode(Response.update(message));
        assertEquals(7, bodies.callbackType());
        assertEquals("{\"embeds\":[{\"title\":\"Title\",\"description\":\"Body\",\"color\":5793266,"
                + "\"fields\":[{\"name\":\"a\",\"value\":\"b\",\"inline\":true}],\"footer\":{\"text\":\"foot\"}}],"
                + "\"components\":[{\"type\":1,\"components\":["
                + "{\"type\":2,\"style\":1,\"label\":\"Yes\",\"disabled\":false,\"custom_id\":\"vote:1\"},"
                + "{\"type\":2,\"style\":5,\"label\":\"Docs\",\"disabled\":false,\"url\":\"https://example.org\"}]},"
                + "{\"type\":1,\"components\":[{\"type\":3,\"custom_id\":\"pick\",\"min_values\":1,\"max_values\":1,"
                + "\"disabled\":false,\"options\":[{\"label\":\"Red\",\"value\":\"red\",\"default\":false}]}]}],"
                + "\"allowed_mentions\":{\"parse\":[]}}", json(bodies.callback().get("data")));
    }

    @Test
    void deferralsAcknowledgeFirstAndCarryTheEditSeparately() throws Exception {
        ResponseBodies deferred = ResponseEncoder.encode(Response.defer(true, Message.text("done")));
        assertEquals("{\"type\":5,\"data\":{\"flags\":64}}", json(deferred.callback()));
        assertEquals("done", deferred.original().path("content").asText());
        assertNull(deferred.callbackMessage(), "a deferral's callback carries no message to edit in");
        ResponseBodies update = ResponseEncoder.encode(Response.deferUpdate());
        assertEquals("{\"type\":6}", json(update.callback()));
        assertNull(update.original());
    }

    @Test
    void modalIsType9WithEachInputInItsOwnRow() throws Exception {
        ResponseBodies bodies = ResponseEncoder.encode(Response.modal(Modal.of("signup:7", "Sign up",
                TextInput.shortText("name", "Your name"))));
        assertEquals("{\"type\":9,\"data\":{\"custom_id\":\"signup:7\",\"title\":\"Sign up\",\"components\":["
                + "{\"type\":1,\"components\":[{\"type\":4,\"custom_id\":\"name\",\"label\":\"Your name\","
                + "\"style\":1,\"required\":true}]}]}}", json(bodies.callback()));
    }

    @Test
    void choicesKeepTheirValueTypes() throws Exception {
        ResponseBodies bodies = ResponseEncoder.encode(Response.choices(Choice.of("Red", "red"), Choice.of("Two", 2),
                Choice.of("Half", 0.5)));
        assertEquals("{\"type\":8,\"data\":{\"choices\":[{\"name\":\"Red\",\"value\":\"red\"},"
                + "{\"name\":\"Two\",\"value\":2},{\"name\":\"Half\",\"value\":0.5}]}}", json(bodies.callback()));
    }

    @Test
    void theStoredFormReadsBackUnchanged() throws Exception {
        ResponseBodies bodies = ResponseEncoder.encode(Response.defer(false, Message.text("x"))
                .andFollowUp(Message.text("y")));
        assertEquals(bodies, ResponseBodies.fromJson(JSON.readTree(json(bodies.toJson()))));
    }
}
