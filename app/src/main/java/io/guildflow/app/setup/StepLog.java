package io.guildflow.app.setup;

import java.io.PrintWriter;

/** Prints each step of setup with its outcome and counts what changed (or would, in a dry run). */
final class StepLog {
    private final PrintWriter out;
    private final boolean dryRun;
    private int changes;

    StepLog(PrintWriter out, boolean dryRun) {
        this.out = out;
        this.dryRun = dryRun;
    }

    /** A step that found everything in place. */
    void unchanged(String step, String outcome) {
        print(step, outcome);
    }

    /** A step that wrote something; in a dry run, {@code wouldDo} is what it would have written. */
    void changed(String step, String done, String wouldDo) {
        changes++;
        print(step, dryRun ? "would " + wouldDo : done);
    }

    int changes() {
        return changes;
    }

    private void print(String step, String outcome) {
        out.printf("  %-28s %s%n", step, outcome);
        out.flush();
    }
}
