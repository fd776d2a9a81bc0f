package io.guildflow.common.telemetry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Programmatic Logback setup, so the app does not depend on a logback.xml being found on the
 * classpath (shaded jars and tests carry their own). Logback's context is process-wide by design:
 * call this once from {@code main}, not per runtime.
 *
 * <p>{@link #configure} is for services: JSON lines on stdout (with the MDC, hence
 * {@code trace_id}/{@code span_id}), which is what container log agents (Promtail, Alloy) ship to
 * Loki, or that {@code LOKI_URL} pushes there directly. {@link #configureHuman} is for commands a
 * person runs and reads.
 */
public final class LogSetup {

    /** Chatty libraries and the most verbose level we let through from them. */
    private static final Map<String, Level> LIBRARY_LEVELS = Map.of(
            "okhttp3", Level.WARN,
            "io.nats", Level.INFO,
            "com.zaxxer.hikari", Level.INFO,
            "net.dv8tion", Level.INFO,
            "org.flywaydb", Level.INFO,
            // pgjdbc's debug lines (through java.util.logging) print connection URLs, password included
            "org.postgresql", Level.INFO,
            "io.opentelemetry", Level.WARN);

    private LogSetup() {
    }

    /**
     * JSON to stdout at {@code level} (the LOG_LEVEL setting), each line carrying {@code identity}
     * (app, mode, environment). With {@code lokiUrl} (LOKI_URL) the same events are also pushed to
     * Loki, labelled with {@code identity}, in batches of at most a second.
     *
     * @throws IllegalArgumentException if {@code level} is not trace|debug|info|warn|error, or
     *                                  {@code lokiUrl} is not an absolute http(s) URL
     */
    public static void configure(String level, String lokiUrl, LogIdentity identity) {
        Level root = parseLevel(level);
        String pushUrl = lokiUrl == null || lokiUrl.isBlank() ? null : LokiPush.pushUrl(lokiUrl);
        LoggerContext ctx = context();
        install(ctx, root, jsonEncoder(ctx, identity));
        if (pushUrl != null) {
            ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(LokiPush.appender(ctx, pushUrl, identity));
            LoggerFactory.getLogger(LogSetup.class).info("pushing logs to Loki at {}", URI.create(pushUrl).getHost());
        }
    }

    /** Short plain-text lines for interactive commands such as the development jar's {@code demo}. */
    public static void configureHuman(String level) {
        Level root = parseLevel(level);
        LoggerContext ctx = context();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%d{HH:mm:ss} %-5level %logger{0} - %msg%n");
        encoder.start();
        install(ctx, root, encoder);
    }

    /**
     * LOKI_URL as the push appender gets it: a base URL gains Loki's push path.
     *
     * @throws IllegalArgumentException if it is not an absolute http(s) URL
     */
    public static String lokiPushUrl(String lokiUrl) {
        return LokiPush.pushUrl(lokiUrl);
    }

    /**
     * Parses LOG_LEVEL. Null means unset and defaults to info; anything else must be one of the
     * five names (case-insensitive) - we refuse to guess, because Logback silently maps typos to DEBUG.
     */
    public static Level parseLevel(String level) {
        if (level == null) {
            return Level.INFO;
        }
        return switch (level.trim().toLowerCase(Locale.ROOT)) {
            case "trace" -> Level.TRACE;
            case "debug" -> Level.DEBUG;
            case "info" -> Level.INFO;
            case "warn" -> Level.WARN;
            case "error" -> Level.ERROR;
            default -> throw new IllegalArgumentException("LOG_LEVEL must be one of trace, debug, info, warn, error but was '"
                    + (level.length() > 20 ? level.substring(0, 20) + "..." : level) + "'");
        };
    }

    static LogstashEncoder jsonEncoder(LoggerContext ctx, LogIdentity identity) {
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(ctx);
        encoder.setIncludeMdc(true); // the default, stated because trace_id depends on it
        encoder.setCustomFields(identity.asJson());
        encoder.start();
        return encoder;
    }

    private static LoggerContext context() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext ctx) {
            return ctx;
        }
        throw new IllegalStateException("SLF4J is not bound to Logback but to " + factory.getClass().getName());
    }

    private static void install(LoggerContext ctx, Level rootLevel, Encoder<ILoggingEvent> encoder) {
        ctx.reset(); // drops whatever logback.xml / earlier call installed
        // java.util.logging (pgjdbc) to SLF4J, instead of raw text on stderr where start-up failures are one line;
        // the propagator keeps JUL's levels in step, so disabled JUL records are not even built.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        LevelChangePropagator levels = new LevelChangePropagator();
        levels.setContext(ctx);
        levels.setResetJUL(true);
        levels.start();
        ctx.addListener(levels);
        ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
        stdout.setContext(ctx);
        stdout.setName("STDOUT");
        stdout.setEncoder(encoder);
        stdout.start();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(rootLevel);
        root.addAppender(stdout);
        // Only ever make libraries quieter than root, never louder: LOG_LEVEL=warn must stay warn.
        LIBRARY_LEVELS.forEach((name, libLevel) ->
                ctx.getLogger(name).setLevel(libLevel.isGreaterOrEqual(rootLevel) ? libLevel : rootLevel));
    }
}
