package io.guildflow.common.runtime;

import java.time.Duration;
import java.util.Map;

/**
 * Starts Guildflow inside the caller's JVM. The runtime provides it through {@link java.util.ServiceLoader};
 * the testkit's bot extension uses it, so the testkit (which the runtime's own tests use) never
 * depends on the runtime.
 */
public interface EmbeddedRuntime {

    /**
     * Starts gateway and worker with these settings (the environment variables' names and forms)
     * and the handlers {@code handlers} lists in its service files; returns once every readiness
     * check passes.
     */
    Running start(Map<String, String> settings, ClassLoader handlers, Duration readyTimeout) throws InterruptedException;

    /** A started runtime; closing stops it gracefully. */
    interface Running extends AutoCloseable {
        @Override
        void close();

        /**
         * Interactions no handler claimed so far, once per name, each with the names the bot registered
         * for that kind; the testkit fails a test on them unless the test allows it.
         */
        default java.util.List<String> unrouted() {
            return java.util.List.of();
        }
    }
}
