package io.guildflow.common.telemetry;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import com.github.loki4j.logback.Loki4jAppender;
import com.github.loki4j.logback.PipelineConfigAppenderBase;
import java.net.URI;

/**
 * LOKI_URL: the process pushes its log events to Loki itself (loki4j: batching, retries, a bounded
 * queue that drops rather than blocks), labelled app, mode and environment; trace and interaction
 * ids travel as structured metadata (the MDC), not as labels, so label cardinality stays low.
 */
final class LokiPush {
    static final String PUSH_PATH = "/loki/api/v1/push";
    private static final long BATCH_TIMEOUT_MILLIS = 1_000;

    private LokiPush() {
    }

    /** Operators often give Loki's base URL: the push path is added when no path is given. */
    static String pushUrl(String lokiUrl) {
        String trimmed = lokiUrl.trim();
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("LOKI_URL must be an absolute http(s) URL such as http://loki:3100");
        }
        String path = uri.getPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            return trimmed.replaceAll("/+$", "") + PUSH_PATH;
        }
        return trimmed;
    }

    static Loki4jAppender appender(LoggerContext ctx, String pushUrl, LogIdentity identity) {
        Loki4jAppender loki = new Loki4jAppender();
        loki.setContext(ctx);
        loki.setName("LOKI");
        PipelineConfigAppenderBase.HttpCfg http = new PipelineConfigAppenderBase.HttpCfg();
        http.setUrl(pushUrl);
        http.setUseProtobufApi(false); // Loki's JSON push API
        loki.setHttp(http);
        PipelineConfigAppenderBase.BatchCfg batch = new PipelineConfigAppenderBase.BatchCfg();
        batch.setTimeoutMs(BATCH_TIMEOUT_MILLIS);
        loki.setBatch(batch);
        loki.setLabels(identity.asLokiLabels());
        // Level and logger in the line; ids (MDC) travel as structured metadata, loki4j's default.
        PatternLayout message = new PatternLayout();
        message.setContext(ctx);
        message.setPattern("%level %logger - %msg%ex");
        message.start();
        loki.setMessage(message);
        loki.start();
        return loki;
    }
}
