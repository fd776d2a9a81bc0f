package io.guildflow.common.telemetry;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends java.util.logging records (pgjdbc logs through it) to SLF4J, so they become log lines on
 * stdout like everything else instead of raw text on stderr, where start-up failures are one line.
 */
final class JulToSlf4j extends Handler {
    private final SimpleFormatter formatter = new SimpleFormatter();

    /** Replaces the JUL root logger's handlers (the console one) with this bridge. */
    static void install() {
        java.util.logging.Logger root = LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        root.addHandler(new JulToSlf4j());
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null || !isLoggable(record)) {
            return;
        }
        Logger logger = LoggerFactory.getLogger(record.getLoggerName() == null ? "jul" : record.getLoggerName());
        String message = formatter.formatMessage(record);
        int level = record.getLevel().intValue();
        if (level >= Level.SEVERE.intValue()) {
            logger.error(message, record.getThrown());
        } else if (level >= Level.WARNING.intValue()) {
            logger.warn(message, record.getThrown());
        } else if (level >= Level.INFO.intValue()) {
            logger.info(message, record.getThrown());
        } else if (level >= Level.FINE.intValue()) {
            logger.debug(message, record.getThrown());
        } else {
            logger.trace(message, record.getThrown());
        }
    }

    @Override
    public void flush() {
        // SLF4J appenders flush themselves
    }

    @Override
    public void close() {
        // nothing held
    }
}
