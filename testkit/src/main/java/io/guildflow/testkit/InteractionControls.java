package io.guildflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.recording.InteractionAnswer;
import io.guildflow.testkit.recording.InteractionRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.Fields;

/**
 * The {@code /_emulator} routes a person uses to act as a member: each calls the same {@link InteractionTriggers}
 * method a test (or {@code TestBot}) calls, so a route refuses what that method refuses (an unregistered command,
 * a missing required option, a value of the wrong type, a click on a component the message does not show: 400) and
 * dispatches nothing then. Every route answers the interaction's {@code id}; {@code GET /_emulator/interactions/{id}}
 * then shows each answer the bot gave.
 */
final class InteractionControls {
    /** The routes, one line each (method, path, body, what it does), for the start-up banner and this class's readers. */
    static final List<String> ROUTES = List.of(
            line("POST", "/_emulator/slash?name=NAME[&guild=0][&user=0]", "{\"option\": value, ...}",
                    "a slash command (NAME \"signup create\" for a subcommand)"),
            line("POST", "/_emulator/autocomplete?name=NAME&focused=OPTION[&guild=0][&user=0]",
                    "{\"OPTION\": \"typed so far\", ...}", "the choices the bot offers"),
            line("POST", "/_emulator/click?custom_id=ID[&message=ID][&guild=0][&user=0]", "",
                    "a button click (on a stored message, else on a fresh bot message)"),
            line("POST", "/_emulator/select?custom_id=ID[&message=ID][&guild=0][&user=0]", "[\"value\", ...]",
                    "a select-menu choice"),
            line("POST", "/_emulator/modal?custom_id=ID[&guild=0][&user=0]", "{\"input_id\": \"text\", ...}",
                    "a modal submitted"),
            line("GET", "/_emulator/interactions/{id}", "",
                    "what became of it: every answer with its content and components"));

    private static String line(String method, String path, String body, String what) {
        return String.format("%-6s %-68s %-36s %s", method, path, body.isEmpty() ? "" : "body: " + body, what);
    }

    private final DiscordEmulator emulator;

    InteractionControls(DiscordEmulator emulator) {
        this.emulator = emulator;
    }

    static boolean owns(String action) {
        return List.of("slash", "autocomplete", "click", "select", "modal").contains(action)
                || action.startsWith("interactions/");
    }

    /** The answer of a route, or null when {@code method} and {@code action} name none of them. */
    JsonNode handle(String method, String action, Fields query, String body) {
        if (action.startsWith("interactions/")) {
            return method.equals("GET")
                    ? describe(emulator.interaction(action.substring("interactions/".length())))
                    : null;
        }
        if (!method.equals("POST")) {
            return null;
        }
        EmulatedGuild guild = emulator.guild(index(query, "guild"));
        EmulatedUser user = guild.members().get(index(query, "user"));
        DispatchedInteraction sent = switch (action) {
            case "slash" -> emulator.slashCommand(guild, user, required(query, "name", "slash?name=ping"), options(body));
            case "autocomplete" -> autocomplete(guild, user, query, body);
            case "click" -> query.getValue("message") == null
                    ? emulator.button(guild, user, required(query, "custom_id", "click?custom_id=vote:up"))
                    : emulator.button(guild, user, messageId(query), required(query, "custom_id", "click?custom_id=vote:up"));
            case "select" -> select(guild, user, query, body);
            case "modal" -> emulator.modalSubmit(guild, user, required(query, "custom_id", "modal?custom_id=feedback"),
                    fields(body));
            default -> null;
        };
        return sent == null ? null : dispatched(sent, guild, user);
    }

    private DispatchedInteraction autocomplete(EmulatedGuild guild, EmulatedUser user, Fields query, String body) {
        String name = required(query, "name", "autocomplete?name=color%20show&focused=name");
        String focused = required(query, "focused", "autocomplete?name=color%20show&focused=name");
        Map<String, Object> others = options(body);
        Object typed = others.remove(focused);
        return emulator.autocomplete(guild, user, name, focused, typed == null ? "" : String.valueOf(typed), others);
    }

    private DispatchedInteraction select(EmulatedGuild guild, EmulatedUser user, Fields query, String body) {
        String customId = required(query, "custom_id", "select?custom_id=color-menu");
        JsonNode json = body == null || body.isBlank() ? null : Json.parse(body);
        if (json == null || !json.isArray() || json.isEmpty()) {
            throw new IllegalArgumentException("the body must be a JSON array of the chosen values, e.g. [\"blue\"]");
        }
        List<String> values = new ArrayList<>();
        json.forEach(value -> values.add(value.asText()));
        return query.getValue("message") == null ? emulator.selectMenu(guild, user, customId, values)
                : emulator.selectMenu(guild, user, messageId(query), customId, values);
    }

    /** A JSON object of option values as Java values: integers as Long, decimals as Double, booleans, text. */
    private static Map<String, Object> options(String body) {
        Map<String, Object> options = new LinkedHashMap<>();
        if (body != null && !body.isBlank()) {
            JsonNode json = Json.parse(body);
            if (!json.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object of option values, e.g. {\"name\":\"Ada\"}");
            }
            json.fields().forEachRemaining(field -> options.put(field.getKey(), scalar(field.getValue())));
        }
        return options;
    }

    private static Map<String, String> fields(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        options(body).forEach((name, value) -> fields.put(name, String.valueOf(value)));
        return fields;
    }

    private static Object scalar(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isContainerNode() || value.isNull()) {
            throw new IllegalArgumentException("an option value must be a string, number or boolean, not " + value);
        }
        return value.isBoolean() ? value.asBoolean() : value.asText();
    }

    private static String required(Fields query, String name, String example) {
        String value = query.getValue(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required, e.g. /_emulator/" + example);
        }
        return value;
    }

    private static String messageId(Fields query) {
        return query.getValue("message");
    }

    static int index(Fields query, String name) {
        String value = query.getValue(name);
        return value == null ? 0 : Integer.parseInt(value);
    }

    private static JsonNode dispatched(DispatchedInteraction sent, EmulatedGuild guild, EmulatedUser user) {
        ObjectNode answer = Json.object();
        answer.put("id", sent.id());
        answer.put("guild_id", guild.id());
        answer.put("channel_id", sent.channelId());
        answer.put("user", user.username());
        answer.put("sessions_reached", sent.sessionsReached());
        return answer;
    }

    static JsonNode describe(InteractionRecord record) {
        ObjectNode answer = Json.object();
        answer.put("id", record.id());
        answer.put("name", record.name());
        answer.put("acknowledged", record.acknowledged());
        if (record.acknowledged()) {
            answer.put("acknowledgement_type", record.acknowledgementType());
            answer.put("latency_ms", record.acknowledgementLatency().toMillis());
        }
        answer.put("accepted_acknowledgements", record.acceptedAcknowledgements());
        answer.put("refused_acknowledgements", record.refusedAcknowledgements());
        answer.put("content", record.content());
        ArrayNode answers = answer.putArray("answers");
        for (InteractionAnswer step : record.answers()) {
            ObjectNode shown = answers.addObject();
            shown.put("kind", step.kind());
            if (step.callbackType() != null) {
                shown.put("callback_type", step.callbackType());
            }
            if (step.body() != null && step.body().has("id")) {
                shown.put("message_id", step.body().path("id").asText());
            }
            shown.put("content", step.content());
            shown.set("components", step.components().isMissingNode() ? Json.array() : step.components().deepCopy());
            if (step.body() != null && step.body().has("choices")) {
                shown.set("choices", step.body().path("choices").deepCopy());
            }
        }
        return answer;
    }
}
