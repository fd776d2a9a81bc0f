package io.guildflow.worker.dispatch;

import io.guildflow.api.CustomId;
import io.guildflow.api.GuildConfig;
import io.guildflow.api.Response;
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
    private static final int SLASH = 1;
    private static final int USER_MENU = 2;
    private static final int MESSAGE_MENU = 3;

    private final HandlerCatalog catalog;
    private final InteractionContexts contexts;
    private final GuildConfigSource configs;

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

    /**
     * What was done, with a metric tag of bounded cardinality (unknown names are not tags).
     *
     * @param routingKey command name or custom_id, for the ledger
     */
    public record Handled(Outcome outcome, String routingKey, String metricTag, Response response) {
    }

    /** Runs the handler, if any, inside the caller's transaction; handler exceptions propagate. */
    public Handled dispatch(InteractionEnvelope envelope, Connection tx) throws Exception {
        String key = routingKeyOf(envelope);
        GuildConfig config = envelope.guildId().isPresent() ? configs.forGuild(envelope.guildId().get(), tx) : GuildConfig.EMPTY;
        Optional<Response> response = invoke(envelope, key, tx, config);
        if (response.isEmpty()) {
            Outcome outcome = envelope.kind() == InteractionKind.COMMAND ? Outcome.UNKNOWN_COMMAND : Outcome.UNHANDLED;
            return new Handled(outcome, key, "unknown", unhandled(envelope, key));
        }
        ResponseRules.check(envelope.kind(), response.get());
        return new Handled(Outcome.ANSWERED, key, metricTag(envelope), response.get());
    }

    /** Empty when no handler takes the interaction. */
    private Optional<Response> invoke(InteractionEnvelope envelope, String key, Connection tx, GuildConfig config)
            throws Exception {
        String prefix = CustomId.prefixOf(key);
        switch (envelope.kind()) {
            case COMMAND -> {
                int type = commandType(envelope);
                if (type == SLASH && catalog.slashCommand(key).isPresent()) {
                    return answered(key, catalog.slashCommand(key).get().handle(contexts.command(envelope, tx, config)));
                }
                if (type == USER_MENU && catalog.userCommand(key).isPresent()) {
                    return answered(key, catalog.userCommand(key).get()
                            .handle(contexts.userCommand(envelope, tx, config)));
                }
                if (type == MESSAGE_MENU && catalog.messageCommand(key).isPresent()) {
                    return answered(key, catalog.messageCommand(key).get()
                            .handle(contexts.messageCommand(envelope, tx, config)));
                }
                return Optional.empty();
            }
            case AUTOCOMPLETE -> {
                if (catalog.slashCommand(key).isPresent()) {
                    return answered(key, catalog.slashCommand(key).get()
                            .autocomplete(contexts.autocomplete(envelope, tx, config)));
                }
                return Optional.empty();
            }
            case COMPONENT -> {
                if (catalog.component(prefix).isPresent()) {
                    return answered(key, catalog.component(prefix).get().handle(contexts.component(envelope, tx, config)));
                }
                return Optional.empty();
            }
            case MODAL -> {
                if (catalog.modal(prefix).isPresent()) {
                    return answered(key, catalog.modal(prefix).get().handle(contexts.modal(envelope, tx, config)));
                }
                return Optional.empty();
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static Optional<Response> answered(String key, Response response) {
        if (response == null) {
            throw new IllegalStateException("the handler for " + key + " returned no response");
        }
        return Optional.of(response);
    }

    /** The answer when the handler failed: an apology that fits the interaction kind. */
    Response apology(InteractionEnvelope envelope) {
        return switch (envelope.kind()) {
            case AUTOCOMPLETE -> Response.choices();
            default -> Response.ephemeral(FAILURE_MESSAGE);
        };
    }

    private static Response unhandled(InteractionEnvelope envelope, String key) {
        return switch (envelope.kind()) {
            case COMMAND -> Response.ephemeral("Unknown command " + (commandType(envelope) == SLASH ? "/" : "") + key);
            case AUTOCOMPLETE -> Response.choices();
            case COMPONENT -> Response.ephemeral(UNHANDLED_COMPONENT);
            case MODAL -> Response.ephemeral(UNHANDLED_MODAL);
            case UNKNOWN -> Response.ephemeral(UNSUPPORTED);
        };
    }

    /** The metric tag: a known command name or prefix, else the kind, else "unknown". */
    public String metricTag(InteractionEnvelope envelope) {
        String key = routingKeyOf(envelope);
        String prefix = CustomId.prefixOf(key);
        boolean known = switch (envelope.kind()) {
            case COMMAND -> switch (commandType(envelope)) {
                case SLASH -> catalog.slashCommand(key).isPresent();
                case USER_MENU -> catalog.userCommand(key).isPresent();
                case MESSAGE_MENU -> catalog.messageCommand(key).isPresent();
                default -> false;
            };
            case AUTOCOMPLETE -> catalog.slashCommand(key).isPresent();
            case COMPONENT -> catalog.component(prefix).isPresent();
            case MODAL -> catalog.modal(prefix).isPresent();
            case UNKNOWN -> false;
        };
        if (!known) {
            return "unknown";
        }
        return envelope.kind() == InteractionKind.COMMAND
                || envelope.kind() == InteractionKind.AUTOCOMPLETE ? key : prefix;
    }

    private static int commandType(InteractionEnvelope envelope) {
        return envelope.raw().path("data").path("type").asInt(SLASH);
    }

    static String routingKeyOf(InteractionEnvelope envelope) {
        var data = envelope.raw().path("data");
        return switch (envelope.kind()) {
            case COMMAND, AUTOCOMPLETE -> data.path("name").asText("");
            case COMPONENT, MODAL -> data.path("custom_id").asText("");
            case UNKNOWN -> "type-" + envelope.type();
        };
    }
}
