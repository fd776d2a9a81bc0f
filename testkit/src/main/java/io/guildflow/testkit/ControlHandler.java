package io.guildflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.recording.IdentifyRecord;
import io.guildflow.testkit.recording.InteractionRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * A way in for a person driving a standalone emulator by hand (Discord has no such thing, hence the
 * {@code /_emulator} prefix outside {@code /api}):
 * <pre>
 * POST /_emulator/slash?name=ping[&amp;guild=0][&amp;user=0]   body: options as a JSON object (optional);
 *                                                      name "signup create" for a subcommand
 * POST /_emulator/click?message=ID&amp;custom_id=X[&amp;guild=0][&amp;user=0]   a button click on a stored message
 * GET  /_emulator/interactions/{id}
 * POST /_emulator/commands?name=ping[&amp;guild=0]          registers a slash command (global without guild)
 * POST /_emulator/guilds/join[?name=Guild]               the bot joins a new guild (GUILD_CREATE)
 * POST /_emulator/guilds/{id}/leave                      the bot leaves it (GUILD_DELETE)
 * POST /_emulator/guilds/{id}/outage                     it becomes unavailable (GUILD_DELETE, unavailable)
 * POST /_emulator/guilds/{id}/available                  it is back (GUILD_CREATE)
 * POST /_emulator/session-start-limit/exhaust            every further IDENTIFY is refused until the reset
 * GET  /_emulator/identifies                             every IDENTIFY: shard, bucket, time, outcome
 * </pre>
 * and the gateway events of {@link EventControls} (see {@link #EVENT_ROUTES}). An unknown id answers 404, a bad
 * parameter or something Discord would refuse 400, each with {@code {"error": "..."}}.
 */
final class ControlHandler extends Handler.Wrapper {
    static final String PREFIX = "/_emulator/";

    /** The event routes, one line each, for the start-up banner and this class's readers. */
    static final List<String> EVENT_ROUTES = List.of(
            "POST   /_emulator/messages[?guild=0][&channel=ID][&user=0]  body: content   a member writes (MESSAGE_CREATE)",
            "POST   /_emulator/messages?dm=true[&guild=0][&user=0]       body: content   a member writes to the bot in DM",
            "PATCH  /_emulator/messages/{id}                             body: content   the author edits (MESSAGE_UPDATE)",
            "DELETE /_emulator/messages/{id}                                             MESSAGE_DELETE",
            "POST   /_emulator/messages/bulk-delete?ids=ID,ID,...                        MESSAGE_DELETE_BULK",
            "PUT    /_emulator/messages/{id}/reactions/{emoji}[?guild=0][&user=0]        MESSAGE_REACTION_ADD"
                    + " (emoji: URL-encoded character, or name:id)",
            "DELETE /_emulator/messages/{id}/reactions/{emoji}[?guild=0][&user=0]        MESSAGE_REACTION_REMOVE",
            "DELETE /_emulator/messages/{id}/reactions/{emoji}/all                       MESSAGE_REACTION_REMOVE_EMOJI",
            "DELETE /_emulator/messages/{id}/reactions                                   MESSAGE_REACTION_REMOVE_ALL",
            "POST   /_emulator/guilds/{id}/members[?name=NAME]                           GUILD_MEMBER_ADD of a new user",
            "DELETE /_emulator/guilds/{id}/members/{user_id}                             GUILD_MEMBER_REMOVE",
            "PUT    /_emulator/guilds/{id}/bans/{user_id}                                GUILD_BAN_ADD (+ GUILD_MEMBER_REMOVE)",
            "DELETE /_emulator/guilds/{id}/bans/{user_id}                                GUILD_BAN_REMOVE",
            "POST   /_emulator/guilds/{id}/channels?name=NAME[&type=0]                   CHANNEL_CREATE",
            "POST   /_emulator/guilds/{id}/roles?name=NAME                               GUILD_ROLE_CREATE",
            "GET    /_emulator/posts[?channel=ID]                                        what the bot posted");

    private final DiscordEmulator emulator;
    private final EventControls events;

    ControlHandler(DiscordEmulator emulator, Handler api) {
        super(api);
        this.emulator = emulator;
        this.events = new EventControls(emulator);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (!path.startsWith(PREFIX)) {
            return super.handle(request, response, callback);
        }
        String action = path.substring(PREFIX.length());
        JsonNode answer;
        int status = 200;
        try {
            if (EventControls.owns(action)) {
                answer = events.handle(request.getMethod(), action, Request.extractQueryParameters(request),
                        Content.Source.asString(request));
                if (answer == null) {
                    status = 404;
                    answer = error("unknown control route " + request.getMethod() + " " + path);
                }
            } else if (action.equals("slash") && request.getMethod().equals("POST")) {
                answer = slash(Request.extractQueryParameters(request), Content.Source.asString(request));
            } else if (action.equals("click") && request.getMethod().equals("POST")) {
                answer = click(Request.extractQueryParameters(request));
            } else if (action.startsWith("interactions/") && request.getMethod().equals("GET")) {
                answer = describe(emulator.interaction(Long.parseUnsignedLong(action.substring("interactions/".length()))));
            } else if (action.equals("commands") && request.getMethod().equals("POST")) {
                answer = register(Request.extractQueryParameters(request));
            } else if (action.startsWith("guilds/") && request.getMethod().equals("POST")) {
                answer = guild(action.substring("guilds/".length()), Request.extractQueryParameters(request));
            } else if (action.equals("session-start-limit/exhaust") && request.getMethod().equals("POST")) {
                emulator.exhaustSessionStarts();
                answer = Json.object().put("remaining", emulator.sessionStartLimit().remaining());
            } else if (action.equals("identifies") && request.getMethod().equals("GET")) {
                answer = identifies();
            } else {
                status = 404;
                answer = error("unknown control route " + request.getMethod() + " " + path);
            }
        } catch (NoSuchElementException e) {
            status = 404;
            answer = error(e.getMessage());
        } catch (IndexOutOfBoundsException | IllegalArgumentException | IllegalStateException e) {
            status = 400;
            answer = error(e.getMessage());
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        Content.Sink.write(response, true, Json.write(answer), callback);
        return true;
    }

    private JsonNode slash(Fields query, String body) {
        String name = query.getValue("name");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required, e.g. /_emulator/slash?name=ping");
        }
        EmulatedGuild guild = emulator.guild(index(query, "guild"));
        EmulatedUser user = guild.members().get(index(query, "user"));
        Map<String, Object> options = new LinkedHashMap<>();
        if (body != null && !body.isBlank()) {
            JsonNode json = Json.parse(body);
            json.fields().forEachRemaining(field -> options.put(field.getKey(), scalar(field.getValue())));
        }
        return dispatched(emulator.slashCommand(guild, user, name, options), guild, user);
    }

    /** A member clicks a button of a message the bot sent (found in the channel with the bot's own REST calls). */
    private JsonNode click(Fields query) {
        String message = query.getValue("message");
        String customId = query.getValue("custom_id");
        if (message == null || customId == null || customId.isBlank()) {
            throw new IllegalArgumentException("message and custom_id are required, e.g. /_emulator/click?message=1&custom_id=vote:up");
        }
        EmulatedGuild guild = emulator.guild(index(query, "guild"));
        EmulatedUser user = guild.members().get(index(query, "user"));
        return dispatched(emulator.button(guild, user, Long.parseUnsignedLong(message), customId), guild, user);
    }

    private static JsonNode dispatched(DispatchedInteraction sent, EmulatedGuild guild, EmulatedUser user) {
        ObjectNode answer = Json.object();
        answer.put("id", sent.idString());
        answer.put("guild_id", guild.idString());
        answer.put("channel_id", Long.toUnsignedString(sent.channelId()));
        answer.put("user", user.username());
        answer.put("sessions_reached", sent.sessionsReached());
        return answer;
    }

    private JsonNode register(Fields query) {
        String name = query.getValue("name");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required, e.g. /_emulator/commands?name=ping");
        }
        return query.getValue("guild") == null ? emulator.registerGlobalCommand(name)
                : emulator.registerGuildCommand(emulator.guild(index(query, "guild")), name);
    }

    private JsonNode guild(String action, Fields query) {
        if (action.equals("join")) {
            String name = query.getValue("name");
            EmulatedGuild joined = emulator.joinGuild(name == null || name.isBlank() ? "Joined guild" : name);
            return Json.object().put("id", joined.idString()).put("name", joined.name());
        }
        String[] parts = action.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected /_emulator/guilds/{id}/(leave|outage|available)");
        }
        long id = Long.parseUnsignedLong(parts[0]);
        EmulatedGuild guild = emulator.guilds().stream().filter(g -> g.id() == id).findFirst()
                .orElseThrow(() -> new NoSuchElementException("the bot is not in guild " + parts[0]));
        switch (parts[1]) {
            case "leave" -> emulator.leaveGuild(guild);
            case "outage" -> emulator.startGuildOutage(guild);
            case "available" -> emulator.endGuildOutage(guild);
            default -> throw new IllegalArgumentException("unknown guild action " + parts[1]);
        }
        return Json.object().put("id", guild.idString()).put("action", parts[1]);
    }

    private JsonNode identifies() {
        com.fasterxml.jackson.databind.node.ArrayNode out = Json.array();
        for (IdentifyRecord r : emulator.identifies()) {
            out.addObject().put("at", r.at().toString()).put("shard", r.shard()).put("shard_count", r.shardCount())
                    .put("bucket", r.bucket()).put("outcome", r.outcome().name());
        }
        return out;
    }

    private static Object scalar(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        return value.isBoolean() ? value.asBoolean() : value.asText();
    }

    private static int index(Fields query, String name) {
        String value = query.getValue(name);
        return value == null ? 0 : Integer.parseInt(value);
    }

    private static JsonNode describe(InteractionRecord record) {
        ObjectNode answer = Json.object();
        answer.put("id", Long.toUnsignedString(record.id()));
        answer.put("name", record.name());
        answer.put("acknowledged", record.acknowledged());
        if (record.acknowledged()) {
            answer.put("acknowledgement_type", record.acknowledgementType());
            answer.put("latency_ms", record.acknowledgementLatency().toMillis());
        }
        answer.put("accepted_acknowledgements", record.acceptedAcknowledgements());
        answer.put("refused_acknowledgements", record.refusedAcknowledgements());
        answer.put("content", record.content());
        return answer;
    }

    private static JsonNode error(String message) {
        ObjectNode error = Json.object();
        error.put("error", message == null ? "bad request" : message);
        return error;
    }
}
