package io.guildflow.worker.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class CommandSpecTest {

    @Test
    void rendersDiscordApplicationCommandShapeWithNestedSubcommands() {
        CommandSpec spec = CommandSpec.of("settings", "Bot settings",
                OptionSpec.group("config", "Configuration",
                        OptionSpec.subcommand("set", "Set a value",
                                OptionSpec.string("key", "Which setting", true),
                                OptionSpec.integer("value", "New value", false))));
        ObjectNode json = spec.toDiscordJson();
        assertEquals("settings", json.path("name").asText());
        assertEquals(1, json.path("type").asInt());
        JsonNode group = json.path("options").get(0);
        assertEquals(2, group.path("type").asInt());
        assertFalse(group.has("required"));
        JsonNode key = group.path("options").get(0).path("options").get(0);
        assertEquals(3, key.path("type").asInt());
        assertEquals(true, key.path("required").asBoolean());
        assertEquals(4, group.path("options").get(0).path("options").get(1).path("type").asInt());
    }

    @Test
    void rejectsWhatDiscordWouldReject() {
        assertThrows(IllegalArgumentException.class, () -> CommandSpec.of("Ping", "uppercase"));
        assertThrows(IllegalArgumentException.class, () -> CommandSpec.of("has space", "x"));
        assertThrows(IllegalArgumentException.class, () -> CommandSpec.of("ping", ""));
        assertThrows(IllegalArgumentException.class, () -> CommandSpec.of("ping", "x".repeat(101)));
        assertThrows(IllegalArgumentException.class, () -> CommandSpec.of("ping", "x",
                OptionSpec.string("a", "optional", false), OptionSpec.string("b", "required", true)));
    }
}
