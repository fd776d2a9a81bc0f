package io.guildflow.common.discord;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.api.ActionRow;
import io.guildflow.api.AllowedMentions;
import io.guildflow.api.Button;
import io.guildflow.api.Choice;
import io.guildflow.api.Component;
import io.guildflow.api.Embed;
import io.guildflow.api.Message;
import io.guildflow.api.Modal;
import io.guildflow.api.Response;
import io.guildflow.api.SelectMenu;
import io.guildflow.api.TextInput;
import java.util.List;
import java.util.Locale;

/**
 * The one translation of a handler's {@link Response} into Discord's documents: the interaction
 * callback body, the edit of {@code @original} that follows a deferral, and the follow-up messages.
 */
public final class ResponseEncoder {
    /** Discord's interaction callback types. */
    public static final int CHANNEL_MESSAGE_WITH_SOURCE = 4;
    public static final int DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE = 5;
    public static final int DEFERRED_UPDATE_MESSAGE = 6;
    public static final int UPDATE_MESSAGE = 7;
    public static final int APPLICATION_COMMAND_AUTOCOMPLETE_RESULT = 8;
    public static final int MODAL = 9;
    /** Message flag: only the invoking user sees the message. */
    public static final int FLAG_EPHEMERAL = 1 << 6;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int ACTION_ROW = 1;
    private static final int BUTTON = 2;
    private static final int STRING_SELECT = 3;
    private static final int TEXT_INPUT = 4;

    private ResponseEncoder() {
    }

    public static ResponseBodies encode(Response response) {
        if (response instanceof Response.Reply reply) {
            return new ResponseBodies(callback(CHANNEL_MESSAGE_WITH_SOURCE, message(reply.message(), true)), null,
                    followUps(reply.followUps()));
        }
        if (response instanceof Response.Update update) {
            return new ResponseBodies(callback(UPDATE_MESSAGE, message(update.message(), false)), null,
                    followUps(update.followUps()));
        }
        if (response instanceof Response.DeferredReply deferred) {
            ObjectNode flags = deferred.ephemeral() ? NODES.objectNode().put("flags", FLAG_EPHEMERAL) : null;
            return new ResponseBodies(callback(DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE, flags),
                    deferred.original() == null ? null : message(deferred.original(), false),
                    followUps(deferred.followUps()));
        }
        if (response instanceof Response.DeferredUpdate deferred) {
            return new ResponseBodies(callback(DEFERRED_UPDATE_MESSAGE, null),
                    deferred.original() == null ? null : message(deferred.original(), false),
                    followUps(deferred.followUps()));
        }
        if (response instanceof Response.ShowModal modal) {
            return new ResponseBodies(callback(MODAL, modal(modal.modal())), null, List.of());
        }
        Response.Choices choices = (Response.Choices) response; // the last permitted kind
        return new ResponseBodies(callback(APPLICATION_COMMAND_AUTOCOMPLETE_RESULT, choices(choices.choices())), null,
                List.of());
    }

    /** A channel message's body ({@code POST channels/{id}/messages}, or its edit). */
    public static ObjectNode channelMessage(Message message) {
        return message(message, false);
    }

    /** A message body for {@code @original} edits and follow-ups: the ephemeral flag where it is set. */
    public static ObjectNode message(Message message) {
        return message(message, true);
    }

    private static ObjectNode message(Message message, boolean withFlags) {
        ObjectNode json = NODES.objectNode();
        if (message.content() != null) {
            json.put("content", message.content());
        }
        ArrayNode embeds = json.putArray("embeds");
        message.embeds().forEach(embed -> embeds.add(embed(embed)));
        ArrayNode rows = json.putArray("components");
        message.components().forEach(row -> rows.add(row(row)));
        if (withFlags && message.ephemeral()) {
            json.put("flags", FLAG_EPHEMERAL);
        }
        json.set("allowed_mentions", allowedMentions(message.allowedMentions()));
        return json;
    }

    private static ObjectNode callback(int type, ObjectNode data) {
        ObjectNode json = NODES.objectNode().put("type", type);
        if (data != null) {
            json.set("data", data);
        }
        return json;
    }

    private static List<ObjectNode> followUps(List<Message> followUps) {
        return followUps.stream().map(m -> message(m, true)).toList();
    }

    private static ObjectNode embed(Embed embed) {
        ObjectNode json = NODES.objectNode();
        putIfPresent(json, "title", embed.title());
        putIfPresent(json, "description", embed.description());
        putIfPresent(json, "url", embed.url());
        if (embed.color() != null) {
            json.put("color", embed.color());
        }
        if (!embed.fields().isEmpty()) {
            ArrayNode fields = json.putArray("fields");
            embed.fields().forEach(f -> fields.addObject().put("name", f.name()).put("value", f.value())
                    .put("inline", f.inline()));
        }
        if (embed.footer() != null) {
            json.putObject("footer").put("text", embed.footer());
        }
        return json;
    }

    private static ObjectNode row(ActionRow row) {
        ObjectNode json = NODES.objectNode().put("type", ACTION_ROW);
        ArrayNode components = json.putArray("components");
        row.components().forEach(component -> components.add(component(component)));
        return json;
    }

    private static ObjectNode component(Component component) {
        if (component instanceof Button button) {
            ObjectNode json = NODES.objectNode().put("type", BUTTON).put("style", button.style().discordValue())
                    .put("label", button.label()).put("disabled", button.disabled());
            putIfPresent(json, "custom_id", button.customId());
            putIfPresent(json, "url", button.url());
            return json;
        }
        if (component instanceof SelectMenu select) {
            ObjectNode json = NODES.objectNode().put("type", STRING_SELECT).put("custom_id", select.customId())
                    .put("min_values", select.minValues()).put("max_values", select.maxValues())
                    .put("disabled", select.disabled());
            putIfPresent(json, "placeholder", select.placeholder());
            ArrayNode options = json.putArray("options");
            for (SelectMenu.Option option : select.options()) {
                ObjectNode o = options.addObject().put("label", option.label()).put("value", option.value())
                        .put("default", option.preselected());
                putIfPresent(o, "description", option.description());
            }
            return json;
        }
        TextInput input = (TextInput) component; // the last permitted kind
        ObjectNode json = NODES.objectNode().put("type", TEXT_INPUT).put("custom_id", input.customId())
                .put("label", input.label()).put("style", input.style().discordValue())
                .put("required", input.required());
        if (input.minLength() != null) {
            json.put("min_length", input.minLength());
        }
        if (input.maxLength() != null) {
            json.put("max_length", input.maxLength());
        }
        putIfPresent(json, "placeholder", input.placeholder());
        putIfPresent(json, "value", input.value());
        return json;
    }

    private static ObjectNode modal(Modal modal) {
        ObjectNode json = NODES.objectNode().put("custom_id", modal.customId()).put("title", modal.title());
        ArrayNode rows = json.putArray("components");
        modal.inputs().forEach(input -> rows.add(row(ActionRow.of(input))));
        return json;
    }

    private static ObjectNode choices(List<Choice> choices) {
        ObjectNode json = NODES.objectNode();
        ArrayNode array = json.putArray("choices");
        for (Choice choice : choices) {
            ObjectNode c = array.addObject().put("name", choice.name());
            if (choice.value() instanceof Long whole) {
                c.put("value", whole);
            } else if (choice.value() instanceof Double number) {
                c.put("value", number);
            } else {
                c.put("value", (String) choice.value());
            }
        }
        return json;
    }

    private static ObjectNode allowedMentions(AllowedMentions mentions) {
        ObjectNode json = NODES.objectNode();
        ArrayNode parse = json.putArray("parse");
        mentions.parse().stream().map(kind -> kind.name().toLowerCase(Locale.ROOT)).sorted().forEach(parse::add);
        if (!mentions.users().isEmpty()) {
            ArrayNode users = json.putArray("users");
            mentions.users().forEach(users::add);
        }
        if (!mentions.roles().isEmpty()) {
            ArrayNode roles = json.putArray("roles");
            mentions.roles().forEach(roles::add);
        }
        return json;
    }

    private static void putIfPresent(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }
}
