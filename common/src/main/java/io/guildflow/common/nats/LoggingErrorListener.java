package io.guildflow.common.nats;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes jnats' asynchronous errors into our logs instead of its default stderr printing. */
final class LoggingErrorListener implements ErrorListener {
    private static final Logger log = LoggerFactory.getLogger(LoggingErrorListener.class);
    private final String connectionName;
    private final BooleanSupplier established;
    private volatile Exception lastBeforeEstablished;

    LoggingErrorListener(String connectionName, BooleanSupplier established) {
        this.connectionName = connectionName;
        this.established = established;
    }

    @Override
    public void errorOccurred(Connection conn, String error) {
        log.warn("NATS server error on {}: {}", connectionName, error);
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
        if (!established.getAsBoolean()) {
            lastBeforeEstablished = exp;
            log.debug("NATS client error on {} before the first connection: {}", connectionName, exp.toString());
            return;
        }
        log.warn("NATS client error on {}: {}", connectionName, exp.toString());
    }

    /** Why the first connection failed, when jnats' own exception does not say (it names only the servers). */
    Optional<Exception> lastFailureBeforeEstablished() {
        return Optional.ofNullable(lastBeforeEstablished);
    }

    @Override
    public void slowConsumerDetected(Connection conn, io.nats.client.Consumer consumer) {
        log.warn("NATS slow consumer on {}", connectionName);
    }
}
