package io.guildflow.common.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.classic.util.ContextInitializer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogSetupTest {

    private static final LogIdentity IDENTITY = new LogIdentity("guildflow", "worker", "test");
    private final LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();

    @AfterEach
    void restoreTestConfig() throws JoranException {
        // put logback-test.xml back so other test classes log as before
        ctx.reset();
        new ContextInitializer(ctx).autoConfig();
    }

    @Test
    void parsesTheFiveLevels() {
        assertEquals(Level.TRACE, LogSetup.parseLevel("trace"));
        assertEquals(Level.DEBUG, LogSetup.parseLevel("DEBUG"));
        assertEquals(Level.INFO, LogSetup.parseLevel(" info "));
        assertEquals(Level.WARN, LogSetup.parseLevel("warn"));
        assertEquals(Level.ERROR, LogSetup.parseLevel("error"));
        assertEquals(Level.INFO, LogSetup.parseLevel(null), "unset defaults to info");
    }

    @Test
    void invalidLevelNamesTheSettingAndChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogSetup.configure("verbose", null, IDENTITY));
        assertTrue(e.getMessage().contains("LOG_LEVEL"), e.getMessage());
        assertTrue(e.getMessage().contains("trace, debug, info, warn, error"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LogSetup.parseLevel(""));
        assertThrows(IllegalArgumentException.class, () -> LogSetup.parseLevel("warning"));
    }

    @Test
    void configureSetsRootAndQuietsLibrariesWithoutMakingThemLouder() {
        LogSetup.configure("debug", null, IDENTITY);
        assertEquals(Level.DEBUG, ctx.getLogger("ROOT").getLevel());
        assertEquals(Level.WARN, ctx.getLogger("okhttp3").getLevel());
        assertEquals(Level.INFO, ctx.getLogger("net.dv8tion").getLevel());
        assertTrue(ctx.getLogger("ROOT").getAppender("STDOUT") != null);

        LogSetup.configureHuman("error");
        assertEquals(Level.ERROR, ctx.getLogger("ROOT").getLevel());
        assertEquals(Level.ERROR, ctx.getLogger("net.dv8tion").getLevel(), "never louder than root");
    }

    @Test
    void javaUtilLoggingRecordsBecomeLogLines() {
        LogSetup.configure("info", null, IDENTITY);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> seen =
                new ch.qos.logback.core.read.ListAppender<>();
        seen.setContext(ctx);
        seen.start();
        ctx.getLogger("ROOT").addAppender(seen);
        java.util.logging.Logger pgjdbc = java.util.logging.Logger.getLogger("org.postgresql.Driver");
        pgjdbc.warning("connection refused");
        pgjdbc.fine("not at info");
        LogSetup.configure("debug", null, IDENTITY);
        ctx.getLogger("ROOT").addAppender(seen);
        pgjdbc.fine("jdbc:postgresql://db/app?password=secret");
        assertEquals(1, seen.list.size(), "pgjdbc below INFO stays out, even at LOG_LEVEL=debug (it prints"
                + " connection URLs with passwords): " + seen.list);
        assertEquals("connection refused", seen.list.get(0).getFormattedMessage());
        assertEquals(Level.WARN, seen.list.get(0).getLevel());
        assertEquals(0, java.util.logging.Logger.getLogger("").getHandlers().length - 1,
                "the bridge is the only handler: no raw text on stderr");
    }

    @Test
    void jsonLinesCarryMdcTraceId() {
        LogstashEncoder encoder = LogSetup.jsonEncoder(ctx, IDENTITY);
        LoggingEvent event = new LoggingEvent();
        event.setLoggerName("io.guildflow.worker");
        event.setLevel(Level.INFO);
        event.setMessage("answered interaction");
        event.setTimeStamp(System.currentTimeMillis());
        event.setThreadName("t");
        event.setMDCPropertyMap(Map.of("trace_id", "0af7651916cd43dd8448eb211c80319c"));
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
        encoder.stop();
        assertTrue(line.startsWith("{"), line);
        assertTrue(line.contains("\"trace_id\":\"0af7651916cd43dd8448eb211c80319c\""), line);
        assertTrue(line.contains("\"message\":\"answered interaction\""), line);
        assertTrue(line.contains("\"mode\":\"worker\"") && line.contains("\"environment\":\"test\"")
                && line.contains("\"app\":\"guildflow\""), line);
    }
}
