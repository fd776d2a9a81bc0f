package io.guildflow.app.runtime;

import io.guildflow.app.config.BotMode;
import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.common.runtime.EmbeddedRuntime;
import io.guildflow.worker.dispatch.HandlerCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Guildflow in the caller's JVM, standalone (gateway and worker, still through NATS), for the
 * testkit's bot extension: it finds this class through
 * {@code META-INF/services/io.guildflow.common.runtime.EmbeddedRuntime}, so testkit needs no
 * dependency on the runtime.
 */
public final class EmbeddedGuildflow implements EmbeddedRuntime {

    @Override
    public Running start(Map<String, String> settings, ClassLoader handlers, Duration readyTimeout)
            throws InterruptedException {
        Map<String, String> standalone = new HashMap<>(settings);
        standalone.put("BOT_MODE", BotMode.STANDALONE.label());
        GuildflowConfig config = GuildflowConfig.fromEnvironment(standalone).validateForMode();
        GuildflowProcess process = GuildflowProcess.start(config, Clock.systemUTC(), HandlerCatalog.discover(handlers),
                EventSubscription.discover(handlers), "embedded-" + config.environment());
        try {
            process.awaitReady(readyTimeout);
        } catch (RuntimeException | InterruptedException e) {
            process.close();
            throw e;
        }
        return new Running() {
            @Override
            public void close() {
                process.close();
            }

            @Override
            public List<String> unrouted() {
                return process.unrouted();
            }
        };
    }
}
