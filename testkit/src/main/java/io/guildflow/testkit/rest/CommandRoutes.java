package io.guildflow.testkit.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.model.CommandStore;
import io.guildflow.testkit.validation.FormErrors;
import io.guildflow.testkit.validation.Validation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Application commands, global and per guild (application commands docs, "Endpoints"). */
final class CommandRoutes {
    /** Commands per type and scope: 100 CHAT_INPUT, 15 USER, 15 MESSAGE ("Registering a Command"). */
    private static final Map<Integer, Integer> PER_TYPE = Map.of(1, 100, 2, 15, 3, 15);

    private final RestContext ctx;
    private final CommandStore commands;

    CommandRoutes(RestContext ctx) {
        this.ctx = ctx;
        this.commands = ctx.world().commands();
    }

    List<Route> routes() {
        String global = "/applications/{application.id}/commands";
        String guild = "/applications/{application.id}/guilds/{guild.id}/commands";
        return List.of(
                new Route("GET", global, true, 0, 0, r -> RestResponse.ok(commands.list(0))),
                new Route("PUT", global, true, 0, 0, r -> overwrite(0, r)),
                new Route("POST", global, true, 0, 0, r -> create(0, r)),
                new Route("GET", global + "/{command.id}", true, 0, 0, r -> get(0, r)),
                new Route("PATCH", global + "/{command.id}", true, 0, 0, r -> patch(0, r)),
                new Route("DELETE", global + "/{command.id}", true, 0, 0, r -> delete(0, r)),
                new Route("GET", guild, true, 0, 0, inGuild(r -> RestResponse.ok(
                        commands.list(r.longParam("guild.id"))))),
                new Route("PUT", guild, true, 0, 0, inGuild(r -> overwrite(r.longParam("guild.id"), r))),
                new Route("POST", guild, true, 0, 0, inGuild(r -> create(r.longParam("guild.id"), r))),
                new Route("GET", guild + "/{command.id}", true, 0, 0, inGuild(r -> get(r.longParam("guild.id"), r))),
                new Route("PATCH", guild + "/{command.id}", true, 0, 0,
                        inGuild(r -> patch(r.longParam("guild.id"), r))),
                new Route("DELETE", guild + "/{command.id}", true, 0, 0,
                        inGuild(r -> delete(r.longParam("guild.id"), r))));
    }

    /** Discord answers 403 Missing Access for a guild the application is not in (or that does not exist). */
    private Route.Handler inGuild(Route.Handler handler) {
        return r -> {
            long guildId;
            try {
                guildId = r.longParam("guild.id");
            } catch (NumberFormatException e) {
                return RestResponse.error(404, 0, "404: Not Found");
            }
            return ctx.world().guild(guildId).isPresent()
                    ? handler.handle(r) : RestResponse.error(403, 50001, "Missing Access");
        };
    }

    private static RestResponse tooMany() {
        return RestResponse.error(400, 30032, "Maximum number of application commands reached");
    }

    private RestResponse overwrite(long guildId, RestRequest r) {
        JsonNode body = r.json();
        if (!body.isArray()) {
            FormErrors e = new FormErrors();
            e.add("", "BASE_TYPE_ARRAY", "Must be an array.");
            return RestResponse.json(400, e.body());
        }
        ObjectNode invalid = Validation.commands(body);
        if (invalid != null) {
            return RestResponse.json(400, invalid);
        }
        Map<Integer, Integer> perType = new HashMap<>();
        for (JsonNode c : body) {
            int type = c.path("type").asInt(1);
            if (perType.merge(type, 1, Integer::sum) > PER_TYPE.getOrDefault(type, 1)) {
                return tooMany();
            }
        }
        return RestResponse.ok(commands.overwrite(guildId, body));
    }

    private RestResponse create(long guildId, RestRequest r) {
        JsonNode body = r.json();
        ObjectNode invalid = Validation.command(body);
        if (invalid != null) {
            return RestResponse.json(400, invalid);
        }
        int type = body.path("type").asInt(1);
        if (!commands.exists(guildId, body) && commands.count(guildId, type) >= PER_TYPE.getOrDefault(type, 1)) {
            return tooMany();
        }
        CommandStore.Upserted result = commands.upsert(guildId, body);
        return RestResponse.json(result.created() ? 201 : 200, result.command());
    }

    private RestResponse get(long guildId, RestRequest r) {
        return commands.get(guildId, r.longParam("command.id"))
                .<RestResponse>map(RestResponse::ok)
                .orElseGet(CommandRoutes::unknown);
    }

    private static RestResponse unknown() {
        return RestResponse.error(404, 10063, "Unknown application command");
    }

    /** Given fields overwrite the stored ones; a new name renames the command (same id). */
    private RestResponse patch(long guildId, RestRequest r) {
        long id = r.longParam("command.id");
        Optional<ObjectNode> existing = commands.get(guildId, id);
        if (existing.isEmpty()) {
            return unknown();
        }
        ObjectNode merged = existing.get();
        r.json().properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
        ObjectNode invalid = Validation.command(merged);
        if (invalid != null) {
            return RestResponse.json(400, invalid);
        }
        return commands.replace(guildId, id, merged).<RestResponse>map(RestResponse::ok).orElseGet(() -> {
            FormErrors e = new FormErrors();
            e.add("name", "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique");
            return RestResponse.json(400, e.body());
        });
    }

    private RestResponse delete(long guildId, RestRequest r) {
        return commands.delete(guildId, r.longParam("command.id")) ? RestResponse.noContent() : unknown();
    }
}
