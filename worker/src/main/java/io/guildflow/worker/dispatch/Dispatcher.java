package io.guildflow.worker.dispatch;

import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.worker.handler.CommandContext;
import io.guildflow.worker.handler.CommandHandler;
import io.guildflow.worker.handler.Reply;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Routes an interaction to its handler by command name. Whatever has no handler still gets a
 * clear answer, so a user never sees "interaction failed" and the queue never stalls.
 */
public final class Dispatcher {
    static final String UNHANDLED_COMPONENT = "This button or menu is no longer handled.";
    static final String UNHANDLED_MODAL = "This form is no longer handled.";
    static final String UNSUPPORTED = "This kind of interaction is not supported.";

    private final CommandCatalog catalog;
    private final Clock clock;

    public Dispatcher(CommandCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * What was done, with a metric tag of bounded cardinality (unknown names are not tags).
     *
     * @param subject command name or component custom_id, for the ledger
     */
    public record Handled(Outcome outcome, String subject, String metricTag, Reply reply) {
    }

    /** Runs the handler, if any, inside the caller's transaction; handler exceptions propagate. */
    public Handled dispatch(InteractionEnvelope envelope, Connection transaction) throws Exception {
        String subject = subjectOf(envelope);
        return switch (envelope.kind()) {
            case COMMAND -> {
                Optional<CommandHandler> handler = catalog.find(subject);
                if (handler.isEmpty()) {
                    yield new Handled(Outcome.UNKNOWN_COMMAND, subject, "unknown",
                            Reply.ephemeral("Unknown command /" + subject));
                }
                Reply reply = handler.get().handle(new CommandContext(envelope, transaction, clock));
                if (reply == null) {
                    throw new IllegalStateException("handler for /" + subject + " returned no reply");
                }
                yield new Handled(Outcome.ANSWERED, subject, subject, reply);
            }
            case AUTOCOMPLETE -> new Handled(Outcome.UNHANDLED, subject, "autocomplete", Reply.choices(List.of()));
            case COMPONENT -> new Handled(Outcome.UNHANDLED, subject, "component", Reply.ephemeral(UNHANDLED_COMPONENT));
            case MODAL -> new Handled(Outcome.UNHANDLED, subject, "modal", Reply.ephemeral(UNHANDLED_MODAL));
            case LIFECYCLE -> new Handled(Outcome.UNHANDLED, subject, "other", Reply.ephemeral(UNSUPPORTED));
        };
    }

    /** The metric tag for a name, bounded to the catalog's commands. */
    public String metricTag(InteractionEnvelope envelope) {
        String subject = subjectOf(envelope);
        return switch (envelope.kind()) {
            case COMMAND -> catalog.find(subject).isPresent() ? subject : "unknown";
            case AUTOCOMPLETE -> "autocomplete";
            case COMPONENT -> "component";
            case MODAL -> "modal";
            case LIFECYCLE -> "other";
        };
    }

    static String subjectOf(InteractionEnvelope envelope) {
        var data = envelope.raw().path("data");
        return switch (envelope.kind()) {
            case COMMAND, AUTOCOMPLETE -> data.path("name").asText("");
            case COMPONENT, MODAL -> data.path("custom_id").asText("");
            case LIFECYCLE -> "type-" + envelope.type();
        };
    }
}
