package io.guildflow.common.envelope;

import java.util.Locale;

/** The last token of an event subject; how workers and dead letters group interactions. */
public enum InteractionKind {
    COMMAND,
    COMPONENT,
    MODAL,
    AUTOCOMPLETE,
    LIFECYCLE;

    public String subjectToken() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Maps Discord's interaction type (1 ping, 2 command, 3 component, 4 autocomplete, 5 modal). */
    public static InteractionKind ofDiscordType(int type) {
        return switch (type) {
            case 2 -> COMMAND;
            case 3 -> COMPONENT;
            case 4 -> AUTOCOMPLETE;
            case 5 -> MODAL;
            default -> LIFECYCLE;
        };
    }
}
