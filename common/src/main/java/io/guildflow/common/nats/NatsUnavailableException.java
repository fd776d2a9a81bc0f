package io.guildflow.common.nats;

import io.guildflow.common.DependencyException;
import java.util.Optional;

/** NATS could not be reached at start-up, or refused us; the message says where we looked (exit 3). */
public final class NatsUnavailableException extends DependencyException {
    private static final long serialVersionUID = 1L;
    private final String servers;

    public NatsUnavailableException(String servers, Throwable cause) {
        this("cannot connect to NATS at " + servers + " (NATS_URL): " + hideUserInfo(cause.getMessage()), servers, cause);
    }

    /** NATS could not be reached, or refused the TLS handshake ({@code tlsFailure}: then which CA setting to check). */
    static NatsUnavailableException unreachable(NatsServers servers, Optional<String> tlsFailure, Throwable cause) {
        if (tlsFailure.isEmpty()) {
            return new NatsUnavailableException(servers.describe(), cause);
        }
        String trust = servers.caFile().map(ca -> "the CA in NATS_CA_FILE=" + ca).orElse("the JVM's trusted CAs");
        return new NatsUnavailableException("cannot connect to NATS at " + servers.describe() + " (NATS_URL): "
                + hideUserInfo(tlsFailure.get()) + " (its certificate must be signed by " + trust
                + " and name the host in NATS_URL)", servers.describe(), cause);
    }

    /** jnats names the servers it tried, as given: with any password or token in them. */
    private static String hideUserInfo(String message) {
        return String.valueOf(message).replaceAll("//[^\\s/@,\\]]+@", "//****@");
    }

    private NatsUnavailableException(String message, String servers, Throwable cause) {
        super(message, cause);
        this.servers = servers;
    }

    /** The server refused to let us in: says which credentials it refused (never their value) or that none were given. */
    static NatsUnavailableException refused(NatsServers servers, String serverReason, Throwable cause) {
        String where = servers.describe();
        String message = servers.credentialSource()
                .map(source -> "NATS at " + where + " refused the credentials (" + source + "): " + serverReason)
                .orElse("NATS at " + where + " refused the connection: it requires credentials"
                        + " (set NATS_CREDS, or user:password@ or token@ in NATS_URL): " + serverReason);
        return new NatsUnavailableException(message, where, cause);
    }

    public String servers() {
        return servers;
    }
}
