package io.guildflow.worker.dispatch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.api.CommandDefinition;
import io.guildflow.api.OptionDefinition;

/** The body of {@code PUT applications/{app}/guilds/{guild}/commands}: every command of the catalog. */
public final class CommandRegistrations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int CHAT_INPUT = 1;
    private static final int USER = 2;
    private static final int MESSAGE = 3;

    private CommandRegistrations() {
    }

    public static ArrayNode of(HandlerCatalog catalog) {
        ArrayNode array = NODES.arrayNode();
        catalog.slashCommands().forEach(command -> array.add(slash(command.definition())));
        catalog.userCommandNames().forEach(name -> array.addObject().put("name", name).put("type", USER));
        catalog.messageCommandNames().forEach(name -> array.addObject().put("name", name).put("type", MESSAGE));
        return array;
    }

    static ObjectNode slash(CommandDefinition definition) {
        ObjectNode json = NODES.objectNode().put("name", definition.name())
                .put("description", definition.description()).put("type", CHAT_INPUT);
        ArrayNode options = json.putArray("options");
        definition.options().forEach(option -> options.add(option(option)));
        return json;
    }

    private static ObjectNode option(OptionDefinition option) {
        ObjectNode json = NODES.objectNode().put("type", option.type().discordValue()).put("name", option.name())
                .put("description", option.description());
        if (!option.type().isSubcommandLike()) {
            json.put("required", option.required());
        }
        if (option.autocomplete()) {
            json.put("autocomplete", true);
        }
        if (!option.options().isEmpty()) {
            ArrayNode nested = json.putArray("options");
            option.options().forEach(o -> nested.add(option(o)));
        }
        return json;
    }
}
