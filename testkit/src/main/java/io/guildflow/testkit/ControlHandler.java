package io.guildflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.recording.IdentifyRecord;
import java.time.Duration;
import java.util.List;
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
 * POST /_emulator/commands?name=ping[&amp;guild=0]          registers a slash command (global without guild);
 *                                                      or the command's JSON as the body, its options then checked
 * POST /_emulator/guilds/join[?name=Guild]               the bot joins a new guild (GUILD_CREATE)
 * POST /_emulator/guilds/{id}/leave                      the bot leaves it (GUILD_DELETE)
 * POST /_emulator/guilds/{id}/outage                     it becomes unavailable (GUILD_DELETE, unavailable)
 * POST /_emulator/guilds/{id}/available                  it is back (GUILD_CREATE)
 * POST /_emulator/session-start-limit/exhaust            every further IDENTIFY is refused until the reset
 * GET  /_emulator/identifies                             every IDENTIFY: shard, bucket, time, outcome
 * POST /_emulator/rest-latency?ms=1000                   a slow Discord: each REST request handled 1 s late (0: off)
 * </pre>
 * the interactions of {@link InteractionControls} (a member's slash command, autocomplete, click, select, modal;
 * see its {@code ROUTES}) and the gateway events of {@link EventControls} (see {@link #EVENT_ROUTES}). An unknown id answers 404, a bad
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
    private final InteractionControls interactions;

    ControlHandler(DiscordEmulator emulator, Handler api) {
        super(api);
        this.emulator = emulator;
        this.events = new EventControls(emulator);
        this.interactions = new InteractionControls(emulator);
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
            } else if (InteractionControls.owns(action)) {
                answer = interactions.handle(request.getMethod(), action, Request.extractQueryParameters(request),
                        Content.Source.asString(request));
                if (answer == null) {
                    status = 404;
                    answer = error("unknown control route " + request.getMethod() + " " + path);
                }
            } else if (action.equals("commands") && request.getMethod().equals("POST")) {
                answer = register(Request.extractQueryParameters(request), Content.Source.asString(request));
            } else if (action.startsWith("guilds/") && request.getMethod().equals("POST")) {
                answer = guild(action.substring("guilds/".length()), Request.extractQueryParameters(request));
            } else if (action.equals("session-start-limit/exhaust") && request.getMethod().equals("POST")) {
                emulator.exhaustSessionStarts();
                answer = Json.object().put("remaining", emulator.sessionStartLimit().remaining());
            } else if (action.equals("identifies") && request.getMethod().equals("GET")) {
                answer = identifies();
            } else if (action.equals("rest-latency") && request.getMethod().equals("POST")) {
                answer = restLatency(Request.extractQueryParameters(request));
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

    private JsonNode restLatency(Fields query) {
        String ms = query.getValue("ms");
        if (ms == null || !ms.matches("\\d{1,7}")) {
            throw new IllegalArgumentException("ms, a whole number of milliseconds (0 to turn it off), is required");
        }
        emulator.restLatency(Duration.ofMillis(Long.parseLong(ms)));
        return Json.object().put("rest_latency_ms", Long.parseLong(ms));
    }

    /**
     * A command given as Discord's JSON in the body (its options then checked at every trigger, as Discord's
     * client does), or by name alone ({@code ?name=ping}, options unchecked).
     */
    private JsonNode register(Fields query, String body) {
        if (body != null && !body.isBlank()) {
            return emulator.registerCommand(query.getValue("guild") == null ? null
                    : emulator.guild(InteractionControls.index(query, "guild")).id(), Json.parse(body));
        }
        String name = query.getValue("name");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name (or the command's JSON as the body) is required, e.g."
                    + " /_emulator/commands?name=ping");
        }
        return query.getValue("guild") == null ? emulator.registerGlobalCommand(name)
                : emulator.registerGuildCommand(emulator.guild(InteractionControls.index(query, "guild")), name);
    }

    private JsonNode guild(String action, Fields query) {
        if (action.equals("join")) {
            String name = query.getValue("name");
            EmulatedGuild joined = emulator.joinGuild(name == null || name.isBlank() ? "Joined guild" : name);
            return Json.object().put("id", joined.id()).put("name", joined.name());
        }
        String[] parts = action.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected /_emulator/guilds/{id}/(leave|outage|available)");
        }
        EmulatedGuild guild = emulator.guilds().stream().filter(g -> g.id().equals(parts[0])).findFirst()
                .orElseThrow(() -> new NoSuchElementException("the bot is not in guild " + parts[0]));
        switch (parts[1]) {
            case "leave" -> emulator.leaveGuild(guild);
            case "outage" -> emulator.startGuildOutage(guild);
            case "available" -> emulator.endGuildOutage(guild);
            default -> throw new IllegalArgumentException("unknown guild action " + parts[1]);
        }
        return Json.object().put("id", guild.id()).put("action", parts[1]);
    }

    private JsonNode identifies() {
        com.fasterxml.jackson.databind.node.ArrayNode out = Json.array();
        for (IdentifyRecord r : emulator.identifies()) {
            out.addObject().put("at", r.at().toString()).put("shard", r.shard()).put("shard_count", r.shardCount())
                    .put("bucket", r.bucket()).put("outcome", r.outcome().name());
        }
        return out;
    }

    private static JsonNode error(String message) {
        ObjectNode error = Json.object();
        error.put("error", message == null ? "bad request" : message);
        return error;
    }
}
