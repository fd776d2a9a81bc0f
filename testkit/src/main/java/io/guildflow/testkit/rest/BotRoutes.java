package io.guildflow.testkit.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.gateway.SessionStartLimit;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.model.Payloads;
import java.util.List;

/** Identity, gateway discovery, application info and application commands (global and guild). */
final class BotRoutes {
    private final RestContext ctx;

    BotRoutes(RestContext ctx) {
        this.ctx = ctx;
    }

    List<Route> routes() {
        String global = "/applications/{application.id}/commands";
        String guild = "/applications/{application.id}/guilds/{guild.id}/commands";
        return List.of(
                new Route("GET", "/users/@me", true, 0, 0, r -> RestResponse.ok(self())),
                new Route("GET", "/gateway", false, 0, 0, r -> RestResponse.ok(gateway(false))),
                new Route("GET", "/gateway/bot", true, 0, 0, r -> RestResponse.ok(gateway(true))),
                new Route("GET", "/applications/@me", true, 0, 0, r -> RestResponse.ok(application())),
                new Route("GET", "/oauth2/applications/@me", true, 0, 0, r -> RestResponse.ok(application())),
                new Route("GET", global, true, 0, 0, r -> RestResponse.ok(ctx.world().commands().list(0))),
                new Route("PUT", global, true, 0, 0, r -> overwrite(0, r)),
                new Route("POST", global, true, 0, 0, r -> create(0, r)),
                new Route("GET", global + "/{command.id}", true, 0, 0, r -> get(0, r)),
                new Route("PATCH", global + "/{command.id}", true, 0, 0, r -> patch(0, r)),
                new Route("DELETE", global + "/{command.id}", true, 0, 0, r -> delete(0, r)),
                new Route("GET", guild, true, 0, 0, inGuild(r -> RestResponse.ok(
                        ctx.world().commands().list(r.longParam("guild.id"))))),
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

    private ObjectNode self() {
        ObjectNode user = Payloads.user(ctx.world().bot());
        user.put("verified", true);
        user.put("mfa_enabled", false);
        user.put("flags", 0);
        user.putNull("email");
        user.putNull("banner");
        user.putNull("accent_color");
        user.put("locale", "en-US");
        return user;
    }

    private ObjectNode gateway(boolean bot) {
        ObjectNode o = Json.object();
        o.put("url", ctx.gatewayUrl().get());
        if (bot) {
            o.put("shards", ctx.shards());
            SessionStartLimit now = ctx.hub().identifyLimits().snapshot();
            ObjectNode limit = o.putObject("session_start_limit");
            limit.put("total", now.total());
            limit.put("remaining", now.remaining());
            limit.put("reset_after", now.resetAfter().toMillis());
            limit.put("max_concurrency", now.maxConcurrency());
        }
        return o;
    }

    private ObjectNode application() {
        ObjectNode o = Json.object();
        o.put("id", ctx.world().bot().idString());
        o.put("name", ctx.world().bot().username());
        o.putNull("icon");
        o.put("description", "Guildflow emulated application");
        o.put("summary", "");
        o.put("type", (String) null);
        o.put("bot_public", true);
        o.put("bot_require_code_grant", false);
        o.put("verify_key", "0000000000000000000000000000000000000000000000000000000000000000");
        o.put("flags", 0);
        o.putNull("team");
        ObjectNode owner = Payloads.user(ctx.world().users().isEmpty() ? ctx.world().bot() : ctx.world().users().get(0));
        o.set("owner", owner);
        o.set("bot", Payloads.user(ctx.world().bot()));
        o.putArray("redirect_uris");
        o.putNull("interactions_endpoint_url");
        o.putNull("role_connections_verification_url");
        o.putNull("terms_of_service_url");
        o.putNull("privacy_policy_url");
        o.putNull("custom_install_url");
        o.putArray("tags");
        ObjectNode install = o.putObject("install_params");
        install.putArray("scopes").add("bot").add("applications.commands");
        install.put("permissions", "0");
        o.put("approximate_guild_count", ctx.world().guilds().size());
        o.put("approximate_user_install_count", 0);
        return o;
    }

    private RestResponse overwrite(long guildId, RestRequest r) {
        JsonNode body = r.json();
        if (!body.isArray()) {
            return RestResponse.error(400, 50035, "Invalid Form Body");
        }
        return RestResponse.ok(ctx.world().commands().overwrite(guildId, body));
    }

    private RestResponse create(long guildId, RestRequest r) {
        JsonNode body = r.json();
        if (!body.hasNonNull("name")) {
            return RestResponse.error(400, 50035, "Invalid Form Body");
        }
        return RestResponse.json(201, ctx.world().commands().upsert(guildId, body));
    }

    private RestResponse get(long guildId, RestRequest r) {
        return ctx.world().commands().get(guildId, r.longParam("command.id"))
                .<RestResponse>map(RestResponse::ok)
                .orElseGet(() -> RestResponse.error(404, 10063, "Unknown application command"));
    }

    private RestResponse patch(long guildId, RestRequest r) {
        var existing = ctx.world().commands().get(guildId, r.longParam("command.id"));
        if (existing.isEmpty()) {
            return RestResponse.error(404, 10063, "Unknown application command");
        }
        ObjectNode merged = existing.get();
        r.json().properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
        return RestResponse.ok(ctx.world().commands().upsert(guildId, merged));
    }

    private RestResponse delete(long guildId, RestRequest r) {
        return ctx.world().commands().delete(guildId, r.longParam("command.id"))
                ? RestResponse.noContent()
                : RestResponse.error(404, 10063, "Unknown application command");
    }
}
