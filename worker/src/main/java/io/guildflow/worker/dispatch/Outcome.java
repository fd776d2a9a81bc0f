package io.guildflow.worker.dispatch;

import java.util.Locale;

/** How an interaction ended, as stored in the ledger and tagged on metrics. */
public enum Outcome {
    /** A handler answered. */
    ANSWERED,
    /** A slash command no handler knows (stale registration, renamed command). */
    UNKNOWN_COMMAND,
    /** A component, modal or autocomplete nobody handles: answered with a neutral reply. */
    UNHANDLED,
    /** The handler threw; its effects were rolled back and the user got an apology. */
    FAILED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
