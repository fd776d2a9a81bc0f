package io.guildflow.worker.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.api.CustomId;
import io.guildflow.api.GuildConfig;
import io.guildflow.api.Response;
import io.guildflow.common.discord.ResponseEncoder;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.envelope.InteractionKind;
import io.guildflow.worker.context.InteractionContexts;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

/**
 * Routes an interaction to its handler: commands by type and name, autocomplete to its slash
 * command, components and modals by custom_id prefix. Whatever has no handler still gets a clear
 * answer, so a user never sees "interaction failed" and the queue never stalls.
 */
public final class Dispatcher {
    static final String UNHANDLED_COMPONENT = "This button or menu is no longer handled.";
    static final String UNHANDLED_MODAL = "This form is no longer handled.";
    static final String UNSUPPORTED = "This kind of interaction is not supported.";
    static final String FAILURE_MESSAGE = "Something went wrong while handling this command. Please try again.";
    private static final String UNKNOWN_TAG = "unknown";
    private static final int SLASH = 1;
    private static final int USER_MENU = 2;
    private static final int MESSAGE_MENU = 3;

    private final HandlerCatalog catalog;
    private final InteractionContexts contexts;
    private final GuildConfigSource configs;
    private final UnroutedInteractions unrouted = new UnroutedInteractions();

    /**
     * Where handlers' {@code guildConfig()} comes from: the worker's cache of the guild_config table,
     * read on a miss through the interaction's own transaction (a second pooled connection per event
     * could exhaust the pool under load).
     */
    @FunctionalInterface
    public interface GuildConfigSource {
        GuildConfig forGuild(String guildId, Connection tx) throws SQLException;
    }

    /** Every guild's configuration empty: for tests of routing alone. */
    public Dispatcher(HandlerCatalog catalog, Clock clock) {
        this(catalog, clock, (guildId, tx) -> GuildConfig.EMPTY);
    }

    public Dispatcher(HandlerCatalog catalog, Clock clock, GuildConfigSource configs) {
        this.catalog = catalog;
        this.contexts = new InteractionContexts(clock);
        this.configs = configs;
    }

    /** A handler, bound to the interaction's context type. */
    @FunctionalInterface
    interface Call {
        Response handle(InteractionEnvelope envelope, Connection tx, GuildConfig config) throws Exception;
    }

    /**
     * Where one interaction goes, found once from its kind, command type and routing key, so the ledger,
     * the logs, the metric and the handler call all agree on it.
     *
     * @param key       command name or custom_id (for an unknown type {@code type-N}), for the ledger and the logs
     * @param metricTag the command name or custom_id prefix of a handled interaction, else {@code unknown}
     * @param call      empty when no handler takes the interaction
     * @param unhandledOutcome with {@code unhandled}, what the interaction gets when {@code call} is empty (else null)
     */
    record Target(String key, String metricTag, Optional<Call> call, Outcome unhandledOutcome, Response unhandled) {
        static Target handled(String key, String metricTag, Call call) {
            return new Target(key, metricTag, Optional.of(call), null, null);
        }

        static Target unhandled(String key, Outcome outcome, Response answer) {
            return new Target(key, UNKNOWN_TAG, Optional.empty(), outcome, answer);
        }
    }

    /** The one place that looks at the interaction's kind to find its handler; an unclaimed one is logged once per name. */
    Target target(InteractionEnvelope envelope) {
        Target target = route(envelope);
        if (target.call().isEmpty()) {
            noteUnrouted(envelope);
        }
        return target;
    }

    private Target route(InteractionEnvelope envelope) {
        JsonNode data = envelope.raw().path("data");
        String name = data.path("name").asText("");
        String customId = data.path("custom_id").asText("");
        String prefix = CustomId.prefixOf(customId);
        return switch (envelope.kind()) {
            case COMMAND -> command(name, data.path("type").asInt(SLASH));
            case AUTOCOMPLETE -> catalog.slashCommand(name)
                    .map(command -> Target.handled(name, name,
                            (e, tx, config) -> command.autocomplete(contexts.autocomplete(e, tx, config))))
                    .orElseGet(() -> Target.unhandled(name, Outcome.UNHANDLED, Response.choices()));
            case COMPONENT -> catalog.component(prefix)
                    .map(handler -> Target.handled(customId, prefix,
                            (e, tx, config) -> handler.handle(contexts.component(e, tx, config))))
                    .orElseGet(() -> Target.unhandled(customId, Outcome.UNHANDLED,
                            Response.ephemeral(UNHANDLED_COMPONENT)));
            case MODAL -> catalog.modal(prefix)
                    .map(handler -> Target.handled(customId, prefix,
                            (e, tx, config) -> handler.handle(contexts.modal(e, tx, config))))
                    .orElseGet(() -> Target.unhandled(customId, Outcome.UNHANDLED, Response.ephemeral(UNHANDLED_MODAL)));
            // the worker dead-letters these before they get here; answered anyway should one arrive another way
            case UNKNOWN -> Target.unhandled("type-" + envelope.type(), Outcome.UNHANDLED, Response.ephemeral(UNSUPPORTED));
        };
    }

    private Target command(String name, int type) {
        Optional<Call> call = switch (type) {
            case SLASH -> catalog.slashCommand(name)
                    .map(command -> (e, tx, config) -> command.handle(contexts.command(e, tx, config)));
            case USER_MENU -> catalog.userCommand(name)
                    .map(command -> (e, tx, config) -> command.handle(contexts.userCommand(e, tx, config)));
            case MESSAGE_MENU -> catalog.messageCommand(name)
                    .map(command -> (e, tx, config) -> command.handle(contexts.messageCommand(e, tx, config)));
            default -> Optional.empty();
        };
        return call.map(handler -> Target.handled(name, name, handler))
                .orElseGet(() -> Target.unhandled(name, Outcome.UNKNOWN_COMMAND,
                        Response.ephemeral("Unknown command " + (type == SLASH ? "/" : "") + name)));
    }

    private void noteUnrouted(InteractionEnvelope envelope) {
        JsonNode data = envelope.raw().path("data");
        String prefix = CustomId.prefixOf(data.path("custom_id").asText(""));
        String name = data.path("name").asText("");
        switch (envelope.kind()) {
            case COMMAND -> {
                int type = data.path("type").asInt(SLASH);
                String what = type == USER_MENU ? "user command " + name
                        : type == MESSAGE_MENU ? "message command " + name
                        : type == SLASH ? "command /" + name : "command " + name + " of type " + type;
                unrouted.record(what, catalog::commandKeys);
            }
            case AUTOCOMPLETE -> unrouted.record("autocomplete of command /" + name, catalog::commandKeys);
            case COMPONENT -> unrouted.record("component custom_id prefix '" + prefix + "'", catalog::componentPrefixes);
            case MODAL -> unrouted.record("modal custom_id prefix '" + prefix + "'", catalog::modalPrefixes);
            // dead-lettered with their own reason before dispatch; nothing a handler could claim
            case UNKNOWN -> { }
        }
    }

    /** Every interaction kind and name no handler claimed so far, once each, with the registered ones. */
    public java.util.List<String> unrouted() {
        return unrouted.seen();
    }

    /** Finds the target and runs its handler, if any, inside the caller's transaction; handler exceptions propagate. */
    public Answer dispatch(InteractionEnvelope envelope, Connection tx) throws Exception {
        return dispatch(envelope, target(envelope), tx);
    }

    /**
     * Runs the target's handler, if any, inside the caller's transaction; handler exceptions propagate.
     *
     * @return the answer as Discord's documents, as the ledger stores it, with a metric tag of bounded cardinality
     */
    Answer dispatch(InteractionEnvelope envelope, Target target, Connection tx) throws Exception {
        if (target.call().isEmpty()) {
            return Answer.fresh(envelope.interactionId(), target.unhandledOutcome(), target.metricTag(),
                    ResponseEncoder.encode(target.unhandled()));
        }
        GuildConfig config = envelope.guildId().isPresent() ? configs.forGuild(envelope.guildId().get(), tx) : GuildConfig.EMPTY;
        Response response = target.call().get().handle(envelope, tx, config);
        if (response == null) {
            throw new IllegalStateException("the handler for " + target.key() + " returned no response");
        }
        ResponseRules.check(envelope.kind(), response);
        return Answer.fresh(envelope.interactionId(), Outcome.ANSWERED, target.metricTag(), ResponseEncoder.encode(response));
    }

    /** The answer when the handler failed: an apology that fits the interaction kind. */
    Response apology(InteractionEnvelope envelope) {
        return envelope.kind() == InteractionKind.AUTOCOMPLETE ? Response.choices() : Response.ephemeral(FAILURE_MESSAGE);
    }
}
