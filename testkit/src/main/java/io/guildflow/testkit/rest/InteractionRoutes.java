package io.guildflow.testkit.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.interaction.AckResult;
import io.guildflow.testkit.interaction.InteractionState;
import io.guildflow.testkit.model.Json;
import io.guildflow.testkit.model.Payloads;
import io.guildflow.testkit.model.World;
import io.guildflow.testkit.validation.Validation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Interaction callback and interaction webhooks ({@code @original}, follow-ups). No Authorization needed, not
 * subject to the global rate limit, as on Discord.
 */
final class InteractionRoutes {
    private static final Set<Integer> CALLBACK_TYPES = Set.of(1, 4, 5, 6, 7, 8, 9, 10, 12);

    private final RestContext ctx;
    private final World world;

    InteractionRoutes(RestContext ctx) {
        this.ctx = ctx;
        this.world = ctx.world();
    }

    List<Route> routes() {
        String hook = "/webhooks/{webhook.id}/{webhook.token}";
        return List.of(
                new Route("POST", "/interactions/{interaction.id}/{interaction.token}/callback", false, 0, 0,
                        this::callback),
                new Route("GET", hook + "/messages/@original", false, 0, 0, r -> onOriginal(r, "GET")),
                new Route("PATCH", hook + "/messages/@original", false, 50, 1000, r -> onOriginal(r, "PATCH")),
                new Route("DELETE", hook + "/messages/@original", false, 50, 1000, r -> onOriginal(r, "DELETE")),
                new Route("POST", hook, false, 50, 1000, this::followUp),
                new Route("GET", hook + "/messages/{message.id}", false, 0, 0, this::getFollowUp),
                new Route("PATCH", hook + "/messages/{message.id}", false, 50, 1000, this::editFollowUp),
                new Route("DELETE", hook + "/messages/{message.id}", false, 50, 1000, this::deleteFollowUp));
    }

    private RestResponse callback(RestRequest r) {
        Optional<InteractionState> found;
        try {
            found = ctx.interactions().byId(r.longParam("interaction.id"))
                    .filter(s -> s.token().equals(r.param("interaction.token")));
        } catch (NumberFormatException e) {
            found = Optional.empty();
        }
        if (found.isEmpty()) {
            return RestResponse.error(404, 10062, "Unknown interaction");
        }
        JsonNode body = r.json();
        int type = body.path("type").asInt(-1);
        if (!CALLBACK_TYPES.contains(type)) {
            return RestResponse.error(400, 50035, "Invalid Form Body");
        }
        InteractionState state = found.get();
        Instant now = ctx.clock().instant();
        JsonNode data = body.get("data");
        RestResponse invalid = RestResponse.invalid(Validation.callback(type, data));
        if (invalid != null) {
            state.refuse(now, type, 400, 50035);
            return invalid;
        }
        AckResult result = state.acknowledge(type, data, now, flags -> newMessage(state, data, flags, now, r));
        r.afterRecording(state::publish);
        if (!result.accepted()) {
            return RestResponse.of(result);
        }
        if (!r.queryFlag("with_response")) {
            return RestResponse.noContent();
        }
        ObjectNode out = Json.object();
        ObjectNode interaction = out.putObject("interaction");
        interaction.put("id", Json.id(state.id()));
        interaction.put("type", state.snapshot().interactionType());
        ObjectNode resource = out.putObject("resource");
        resource.put("type", type);
        if (result.body() != null) {
            interaction.put("response_message_id", result.body().path("id").asText());
            interaction.put("response_message_loading", type == 5);
            interaction.put("response_message_ephemeral", (result.body().path("flags").asInt() & 64) != 0);
            if (type == 4 || type == 7) {
                resource.set("message", result.body());
            }
        }
        return RestResponse.ok(out);
    }

    private ObjectNode newMessage(InteractionState state, JsonNode data, int flags, Instant now, RestRequest r) {
        long id = world.ids().next();
        ObjectNode body = data == null ? Json.object() : data.deepCopy();
        if (!(body instanceof ObjectNode)) {
            body = Json.object();
        }
        body.put("flags", flags);
        ObjectNode msg = Payloads.message(id, state.channelId(), state.guildId(), world.bot(), body, now,
                world.bot().snowflake());
        Uploads.attach(msg, r.files(), world);
        if ((flags & 64) == 0) {
            world.messages().add(state.channelId(), id, msg);
            ctx.messages().replyPosted(msg);
        }
        return msg;
    }

    /** Finds the interaction of a webhook token and applies the 15-minute token lifetime. */
    private Object interaction(RestRequest r) {
        Optional<InteractionState> state = ctx.interactions().byToken(r.param("webhook.token"))
                .filter(s -> r.param("webhook.id").equals(world.bot().id()));
        if (state.isEmpty()) {
            return RestResponse.error(404, 10015, "Unknown Webhook");
        }
        AckResult expired = state.get().checkToken(ctx.clock().instant());
        return expired != null ? RestResponse.of(expired) : state.get();
    }

    private RestResponse onOriginal(RestRequest r, String method) {
        Object found = interaction(r);
        if (found instanceof RestResponse error) {
            return error;
        }
        InteractionState state = (InteractionState) found;
        if (method.equals("PATCH")) {
            RestResponse invalid = RestResponse.invalid(Validation.message(r.json()));
            if (invalid != null) {
                return invalid;
            }
        }
        r.afterRecording(state::publish);
        return switch (method) {
            case "GET" -> RestResponse.of(state.original());
            case "PATCH" -> RestResponse.of(state.editOriginal(r.json(), ctx.clock().instant()));
            default -> RestResponse.of(state.deleteOriginal());
        };
    }

    private RestResponse followUp(RestRequest r) {
        Object found = interaction(r);
        if (found instanceof RestResponse error) {
            return error;
        }
        InteractionState state = (InteractionState) found;
        JsonNode body = r.json();
        RestResponse invalid = RestResponse.invalid(Validation.message(body));
        if (invalid != null) {
            return invalid;
        }
        if (!body.hasNonNull("content") && !body.has("embeds") && !body.has("components") && !body.has("poll")
                && r.files().isEmpty()) {
            return RestResponse.error(400, 50006, "Cannot send an empty message");
        }
        Instant now = ctx.clock().instant();
        AckResult result = state.followUp(body, now, flags -> newMessage(state, body, flags, now, r));
        r.afterRecording(state::publish);
        // receiving and responding docs, "Create Followup Message": wait is always true, the message comes back
        return RestResponse.of(result);
    }

    private Optional<ObjectNode> followUpMessage(InteractionState state, RestRequest r) {
        return state.followUpMessage(r.param("message.id"));
    }

    private RestResponse getFollowUp(RestRequest r) {
        Object found = interaction(r);
        if (found instanceof RestResponse error) {
            return error;
        }
        return followUpMessage((InteractionState) found, r).<RestResponse>map(m -> {
            synchronized (m) {
                return RestResponse.ok(m.deepCopy());
            }
        }).orElseGet(() -> RestResponse.error(404, 10008, "Unknown Message"));
    }

    private RestResponse editFollowUp(RestRequest r) {
        Object found = interaction(r);
        if (found instanceof RestResponse error) {
            return error;
        }
        JsonNode body = r.json();
        RestResponse invalid = RestResponse.invalid(Validation.message(body));
        if (invalid != null) {
            return invalid;
        }
        return ((InteractionState) found).editFollowUp(r.param("message.id"), body, ctx.clock().instant())
                .<RestResponse>map(RestResponse::ok).orElseGet(() -> RestResponse.error(404, 10008, "Unknown Message"));
    }

    private RestResponse deleteFollowUp(RestRequest r) {
        Object found = interaction(r);
        if (found instanceof RestResponse error) {
            return error;
        }
        if (!((InteractionState) found).deleteFollowUp(r.param("message.id"))) {
            return RestResponse.error(404, 10008, "Unknown Message");
        }
        ctx.messages().delete(r.longParam("message.id"));
        return RestResponse.noContent();
    }
}
