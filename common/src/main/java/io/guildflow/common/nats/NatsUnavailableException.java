package io.guildflow.common.nats;

import io.guildflow.common.StartupException;

/** NATS could not be reached at start-up; the message says where we looked. */
public final class NatsUnavailableException extends StartupException {
    private static final long serialVersionUID = 1L;
    private final String servers;

    public NatsUnavailableException(String servers, Throwable cause) {
        super("cannot connect to NATS at " + servers + " (NATS_URL): " + cause.getMessage(), cause);
        this.servers = servers;
    }

    public String servers() {
        return servers;
    }
}
