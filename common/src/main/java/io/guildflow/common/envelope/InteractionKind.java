package io.guildflow.common.envelope;

import java.util.Locale;
import java.util.Optional;

/**
 * The last token of an interaction's subject; how workers, metrics and dead letters group interactions.
 * Only interactions have a kind: guild joins and removals travel on a subject family of their own
 * ({@code Topology#lifecycleSubject}).
 */
public enum InteractionKind {
    COMMAND,
    COMPONENT,
    MODAL,
    AUTOCOMPLETE,
    /**
     * An interaction type this code does not know (one Discord adds later; PING, which only reaches
     * HTTP endpoints, never the gateway). Forwarded with its raw payload intact, so nothing is lost, and
     * dead-lettered by the worker: no handler can serve a type the runtime cannot parse.
     */
    UNKNOWN;

    public String subjectToken() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Maps Discord's interaction type (2 command, 3 component, 4 autocomplete, 5 modal; anything else unknown). */
    public static InteractionKind ofDiscordType(int type) {
        return switch (type) {
            case 2 -> COMMAND;
            case 3 -> COMPONENT;
            case 4 -> AUTOCOMPLETE;
            case 5 -> MODAL;
            default -> UNKNOWN;
        };
    }

    /** The kind whose {@link #subjectToken()} this is, or empty. */
    public static Optional<InteractionKind> ofSubjectToken(String token) {
        for (InteractionKind kind : values()) {
            if (kind.subjectToken().equals(token)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
