package io.guildflow.app.config;

import io.guildflow.app.registration.BotVersion;
import io.guildflow.common.config.EnvironmentValues;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * What this process is and how it starts and stops: {@code BOT_MODE}, {@code METRICS_ADDRESS},
 * {@code SHUTDOWN_TIMEOUT}, {@code WORKER_NICE}, {@code BOT_VERSION}.
 *
 * @param shutdownTimeout how long a SIGTERM may take before the process exits, for either role: the gateway
 *                        publishes and guards what it received, a worker lets its in-flight events finish, then
 *                        hands the rest back
 * @param workerNice      the CPU priority a worker process ({@code BOT_MODE=worker}) lowers itself to, as Unix
 *                        {@code nice} counts (0 leaves it alone)
 * @param botVersion      the version that registers commands; empty: the jar manifest's
 */
public record ProcessSettings(BotMode mode, InetSocketAddress metricsAddress, Duration shutdownTimeout,
                              int workerNice, Optional<BotVersion> botVersion) {
    public static final String DEFAULT_METRICS_ADDRESS = ":8080";
    /** Inside Kubernetes' default grace period of 30 s, with time left for the JVM to exit. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);
    /**
     * A worker on the gateway's host yields the CPU to it: on a saturated machine the gateway must read each
     * interaction and acknowledge it within Discord's 3 s, while a worker's answer can wait a little (seen on
     * 2 cores, fresh processes at 200/s: at equal priority receipt lag and acknowledgements grew past 3 s;
     * with workers at 10, p50 7 ms).
     */
    public static final int DEFAULT_WORKER_NICE = 10;
    /** The least favourable priority Unix has. */
    public static final int MAX_NICE = 19;

    public static ProcessSettings from(EnvironmentValues values) {
        return new ProcessSettings(
                values.optional("BOT_MODE").map(v -> BotMode.parse("BOT_MODE", v)).orElse(BotMode.STANDALONE),
                values.listenAddress("METRICS_ADDRESS", DEFAULT_METRICS_ADDRESS),
                values.duration("SHUTDOWN_TIMEOUT", DEFAULT_SHUTDOWN_TIMEOUT),
                values.wholeNumber("WORKER_NICE", DEFAULT_WORKER_NICE, 0, MAX_NICE,
                        "a whole number from 0 to " + MAX_NICE),
                values.optional("BOT_VERSION").map(v -> BotVersion.parse("BOT_VERSION", v)));
    }
}
