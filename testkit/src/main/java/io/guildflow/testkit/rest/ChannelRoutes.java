package io.guildflow.testkit.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.model.GuildState;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.model.Payloads;
import io.guildflow.testkit.model.World;
import io.guildflow.testkit.validation.Validation;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Channel messages, guild channels and roles, DM channels. */
final class ChannelRoutes {
    private final RestContext ctx;
    private final World world;
    private final Nonces nonces = new Nonces();

    ChannelRoutes(RestContext ctx) {
        this.ctx = ctx;
        this.world = ctx.world();
    }

    List<Route> routes() {
        String messages = "/channels/{channel.id}/messages";
        return List.of(
                new Route("GET", "/channels/{channel.id}", true, 0, 0, this::getChannel),
                new Route("POST", messages, true, 5, 5000, this::createMessage),
                new Route("GET", messages, true, 0, 0, this::listMessages),
                new Route("GET", messages + "/{message.id}", true, 0, 0, this::getMessage),
                new Route("PATCH", messages + "/{message.id}", true, 5, 5000, this::editMessage),
                new Route("DELETE", messages + "/{message.id}", true, 0, 0, this::deleteMessage),
                new Route("GET", "/guilds/{guild.id}", true, 0, 0, this::getGuild),
                new Route("GET", "/guilds/{guild.id}/channels", true, 0, 0, r -> withGuild(r,
                        g -> RestResponse.ok(g.channelsJson()))),
                new Route("POST", "/guilds/{guild.id}/channels", true, 0, 0, this::createChannel),
                new Route("GET", "/guilds/{guild.id}/roles", true, 0, 0, r -> withGuild(r,
                        g -> RestResponse.ok(g.rolesJson()))),
                new Route("POST", "/guilds/{guild.id}/roles", true, 0, 0, this::createRole),
                new Route("POST", "/users/@me/channels", true, 0, 0, this::openDm));
    }

    private RestResponse withGuild(RestRequest r, java.util.function.Function<GuildState, RestResponse> f) {
        return world.guild(r.longParam("guild.id")).map(f)
                .orElseGet(() -> RestResponse.error(404, 10004, "Unknown Guild"));
    }

    private Optional<Long> knownChannel(RestRequest r) {
        long id = r.longParam("channel.id");
        return world.guildOfChannel(id).isPresent() || world.isDmChannel(id) ? Optional.of(id) : Optional.empty();
    }

    private RestResponse unknownChannel() {
        return RestResponse.error(404, 10003, "Unknown Channel");
    }

    private RestResponse getChannel(RestRequest r) {
        long id = r.longParam("channel.id");
        return world.guildOfChannel(id).flatMap(g -> g.channel(id))
                .<RestResponse>map(c -> RestResponse.ok(c.deepCopy()))
                .orElseGet(this::unknownChannel);
    }

    private RestResponse createMessage(RestRequest r) {
        Optional<Long> channel = knownChannel(r);
        if (channel.isEmpty()) {
            return unknownChannel();
        }
        boolean textual = world.guildOfChannel(channel.get()).flatMap(g -> g.channel(channel.get()))
                .map(c -> Set.of(0, 5, 10, 11, 12).contains(c.path("type").asInt()))
                .orElse(true);
        if (!textual) {
            return RestResponse.error(400, 50008, "Cannot send messages in a non-text channel");
        }
        JsonNode body = r.json();
        RestResponse invalid = RestResponse.invalid(Validation.message(body));
        if (invalid != null) {
            return invalid;
        }
        boolean empty = !body.hasNonNull("content") && !body.has("embeds") && !body.has("components")
                && !body.has("sticker_ids") && !body.has("poll") && r.files().isEmpty();
        if (empty) {
            return RestResponse.error(400, 50006, "Cannot send an empty message");
        }
        String nonce = body.hasNonNull("nonce") ? body.get("nonce").asText() : null;
        boolean enforceNonce = nonce != null && body.path("enforce_nonce").asBoolean(false);
        synchronized (nonces) {
            // message docs, "Create Message": with enforce_nonce a repeated nonce returns the message it created
            Optional<ObjectNode> earlier = enforceNonce ? nonces.find(nonce, ctx.clock().instant()) : Optional.empty();
            if (earlier.isPresent()) {
                synchronized (earlier.get()) {
                    return RestResponse.ok(earlier.get().deepCopy());
                }
            }
            long id = world.ids().next();
            Long guildId = world.guildOfChannel(channel.get()).map(GuildState::id).orElse(null);
            ObjectNode msg = Payloads.message(id, channel.get(), guildId, world.bot(), body, ctx.clock().instant(),
                    null);
            Uploads.attach(msg, r.files(), world);
            if (nonce != null) {
                msg.set("nonce", body.get("nonce"));
            }
            world.messages().add(channel.get(), id, msg);
            if (enforceNonce) {
                nonces.remember(nonce, msg, ctx.clock().instant());
            }
            ctx.messages().botPosted(msg);
            return RestResponse.ok(msg.deepCopy());
        }
    }

    private RestResponse listMessages(RestRequest r) {
        if (knownChannel(r).isEmpty()) {
            return unknownChannel();
        }
        int limit = Math.max(1, Math.min(100, r.queryInt("limit", 50)));
        return RestResponse.ok(world.messages().latest(r.longParam("channel.id"), limit));
    }

    private Optional<ObjectNode> message(RestRequest r) {
        return world.messages().get(r.longParam("message.id"))
                .filter(m -> m.path("channel_id").asText().equals(r.param("channel.id")));
    }

    private RestResponse getMessage(RestRequest r) {
        return message(r).<RestResponse>map(m -> {
            synchronized (m) {
                return RestResponse.ok(m.deepCopy());
            }
        }).orElseGet(ChannelRoutes::unknownMessage);
    }

    private RestResponse editMessage(RestRequest r) {
        JsonNode body = r.json();
        RestResponse invalid = RestResponse.invalid(Validation.message(body));
        if (invalid != null) {
            return invalid;
        }
        Optional<ObjectNode> message = message(r);
        if (message.isEmpty()) {
            return unknownMessage();
        }
        ObjectNode m = message.get();
        if (!m.path("author").path("id").asText().equals(world.bot().id())) {
            return RestResponse.error(403, 50005, "Cannot edit a message authored by another user");
        }
        ObjectNode edited;
        synchronized (m) {
            Payloads.applyEdit(m, body, ctx.clock().instant());
            edited = m.deepCopy();
        }
        ctx.messages().botEdited(m);
        return RestResponse.ok(edited);
    }

    private RestResponse deleteMessage(RestRequest r) {
        if (message(r).isEmpty()) {
            return unknownMessage();
        }
        ctx.messages().delete(r.longParam("message.id"));
        return RestResponse.noContent();
    }

    private static RestResponse unknownMessage() {
        return RestResponse.error(404, 10008, "Unknown Message");
    }

    private RestResponse getGuild(RestRequest r) {
        return withGuild(r, g -> {
            ObjectNode o = Json.object();
            o.put("id", g.idString());
            o.put("name", g.name());
            o.putNull("icon");
            o.put("owner_id", Json.id(g.ownerId()));
            o.set("roles", g.rolesJson());
            o.putArray("emojis");
            o.putArray("stickers");
            o.putArray("features");
            o.put("preferred_locale", "en-US");
            o.put("approximate_member_count", g.members().size() + 1);
            return RestResponse.ok(o);
        });
    }

    private RestResponse createChannel(RestRequest r) {
        JsonNode body = r.json();
        if (!validName(body.path("name").asText(""))) {
            return RestResponse.error(400, 50035, "Invalid Form Body");
        }
        return withGuild(r, g -> {
            Long parent = body.hasNonNull("parent_id") ? Long.parseUnsignedLong(body.get("parent_id").asText()) : null;
            String topic = body.hasNonNull("topic") ? body.get("topic").asText() : null;
            return RestResponse.json(201, ctx.guildEvents().createChannel(g, body.get("name").asText(),
                    body.path("type").asInt(0), parent, topic));
        });
    }

    private RestResponse createRole(RestRequest r) {
        JsonNode body = r.json();
        if (!validName(body.path("name").asText("new role"))) {
            return RestResponse.error(400, 50035, "Invalid Form Body");
        }
        return withGuild(r, g -> RestResponse.ok(ctx.guildEvents().createRole(g, body.path("name").asText("new role"),
                body.path("permissions").asText("0"), role -> {
                    if (body.has("color")) {
                        role.put("color", body.get("color").asInt());
                        role.withObjectProperty("colors").put("primary_color", body.get("color").asInt());
                    }
                    role.put("hoist", body.path("hoist").asBoolean(false));
                    role.put("mentionable", body.path("mentionable").asBoolean(false));
                })));
    }

    /** Channel and role names: 1 to 100 characters (resources/guild, "Create Guild Channel", "Create Guild Role"). */
    private static boolean validName(String name) {
        return !name.isBlank() && name.codePointCount(0, name.length()) <= 100;
    }

    private RestResponse openDm(RestRequest r) {
        String recipient = r.json().path("recipient_id").asText("");
        try {
            return world.user(Long.parseUnsignedLong(recipient))
                    .<RestResponse>map(u -> RestResponse.ok(Payloads.dmChannel(world.dmChannel(u), u)))
                    .orElseGet(() -> RestResponse.error(404, 10013, "Unknown User"));
        } catch (NumberFormatException e) {
            return RestResponse.error(400, 50035, "Invalid Form Body");
        }
    }
}
