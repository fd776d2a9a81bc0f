package io.guildflow.app.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Shutting down must go on past a part that fails to close, so the rest still releases its resources. */
final class Resources {
    private static final Logger log = LoggerFactory.getLogger(Resources.class);

    private Resources() {
    }

    static void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
        }
    }
}
