package io.guildflow.common.nats;

import io.guildflow.common.DependencyException;

/**
 * JetStream refused to create or update a stream, key-value bucket or the durable consumer. At
 * start-up that is a deployment that cannot work (most often {@code STREAM_REPLICAS} above the
 * number of JetStream servers). JetStream is the one refusing, so it is a {@link DependencyException}:
 * one line on stderr, naming what and JetStream's reason, and exit code 3 instead of a stack trace.
 */
public final class StreamProvisioningException extends DependencyException {
    private static final long serialVersionUID = 1L;

    StreamProvisioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
