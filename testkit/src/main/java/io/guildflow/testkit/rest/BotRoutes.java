package io.guildflow.testkit.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.gateway.SessionStartLimit;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.model.Payloads;
import java.util.List;

/** Identity, gateway discovery and application info. */
final class BotRoutes {
    private final RestContext ctx;

    BotRoutes(RestContext ctx) {
        this.ctx = ctx;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/users/@me", true, 0, 0, r -> RestResponse.ok(self())),
                new Route("GET", "/gateway", false, 0, 0, r -> RestResponse.ok(gateway(false))),
                new Route("GET", "/gateway/bot", true, 0, 0, r -> RestResponse.ok(gateway(true))),
                new Route("GET", "/applications/@me", true, 0, 0, r -> RestResponse.ok(application())),
                new Route("GET", "/oauth2/applications/@me", true, 0, 0, r -> RestResponse.ok(application())));
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
        o.put("id", ctx.world().bot().id());
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
}
