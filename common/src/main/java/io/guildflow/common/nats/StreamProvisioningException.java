package io.guildflow.common.nats;

import io.guildflow.common.StartupException;

/**
 * JetStream refused to create or update a stream, key-value bucket or the durable consumer. At
 * start-up that is a deployment that cannot work (most often {@code STREAM_REPLICAS} above the
 * number of JetStream servers), so it is a {@link StartupException}: one line on stderr, naming what
 * and JetStream's reason, and exit code 2 instead of a stack trace.
 */
public final class StreamProvisioningException extends StartupException {
    private static final long serialVersionUID = 1L;

    StreamProvisioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
