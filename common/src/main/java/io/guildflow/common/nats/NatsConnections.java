package io.guildflow.common.nats;

import io.guildflow.common.config.ConfigException;
import io.nats.client.AuthHandler;
import io.nats.client.AuthenticationException;
import io.guildflow.common.telemetry.MetricNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens NATS connections with the settings every Guildflow process wants: reconnect forever, log transitions. */
public final class NatsConnections {
    private static final Logger log = LoggerFactory.getLogger(NatsConnections.class);
    private static final String JWT_MARKER = "BEGIN NATS USER JWT";

    private NatsConnections() {
    }

    /** {@code guildflow_nats_connected{connection=role}}: 1 while {@code connection} is connected, else 0. */
    public static void meter(Connection connection, String role, MeterRegistry registry) {
        Gauge.builder(MetricNames.NATS_CONNECTED, connection, c -> c.getStatus() == Connection.Status.CONNECTED ? 1 : 0)
                .description("1 while the process's NATS connection is connected, else 0")
                .tag("connection", role).register(registry);
    }

    /**
     * @throws NatsUnavailableException with where it looked, when the first connection fails
     */
    public static Connection connect(NatsServers servers, String connectionName) {
        // Until the first connection stands, failures are the caller's to report (one clear line), not jnats' to log.
        AtomicBoolean connectedOnce = new AtomicBoolean();
        LoggingErrorListener errors = new LoggingErrorListener(connectionName, connectedOnce::get);
        Options.Builder options = Options.builder()
                .servers(servers.urls().toArray(String[]::new))
                .connectionName(connectionName)
                .connectionTimeout(Duration.ofSeconds(3))
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(500))
                .connectionListener((connection, event) -> logTransition(connection, event, connectedOnce))
                .errorListener(errors);
        servers.credentials().ifPresent(path -> options.authHandler(authHandler(path)));
        if (servers.usesTls()) {
            // jnats' default mode dials a host name's first address and hands TLS that address, so the certificate
            // would be checked against an IP; happy-eyeballs keeps the name from NATS_URL.
            options.sslContext(NatsTls.clientContext(servers.caFile()))
                    .hostnameResolveMode(Options.HostnameResolveMode.HappyEyeballs);
        }
        try {
            // Not Nats.connect: jnats waits out the connection timeout after a refused login (FirstConnection).
            return FirstConnection.connect(options.build());
        } catch (AuthenticationException e) {
            throw NatsUnavailableException.refused(servers, serverReason(e), e);
        } catch (IOException e) {
            throw NatsUnavailableException.unreachable(servers, tlsFailure(e, errors), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsUnavailableException(servers.describe(), e);
        }
    }

    /**
     * nsc's credentials files hold a user JWT (operator mode) and its seed; a file with only the
     * seed is for nkey users that the server's own configuration lists (see docs/security.md).
     */
    private static AuthHandler authHandler(Path credentials) {
        try {
            return Files.readString(credentials, StandardCharsets.UTF_8).contains(JWT_MARKER)
                    ? Nats.credentials(credentials.toString())
                    : Nats.credentials(null, credentials.toString());
        } catch (IOException e) {
            throw new ConfigException("NATS_CREDS=" + credentials + " cannot be read: " + e.getClass().getSimpleName());
        }
    }

    /** A refused TLS handshake (untrusted CA, wrong host name), which jnats reports only to the error listener. */
    private static Optional<String> tlsFailure(IOException thrown, LoggingErrorListener errors) {
        for (Throwable cause : List.of(thrown, errors.lastFailureBeforeEstablished().orElse(thrown))) {
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (t instanceof SSLException) {
                    return Optional.of("TLS handshake refused: " + t.getMessage());
                }
            }
        }
        return Optional.empty();
    }

    /** "Authentication error connecting to NATS server: Authorization Violation" → the server's own words. */
    private static String serverReason(AuthenticationException e) {
        String message = String.valueOf(e.getMessage());
        return message.substring(message.lastIndexOf(": ") + 1).trim();
    }

    private static void logTransition(Connection connection, ConnectionListener.Events event,
                                      AtomicBoolean connectedOnce) {
        String name = connection.getOptions().getConnectionName();
        if (event == ConnectionListener.Events.CONNECTED) {
            connectedOnce.set(true);
        }
        if (!connectedOnce.get()) {
            log.debug("NATS connection {} not yet established: {}", name, event);
            return;
        }
        switch (event) {
            case DISCONNECTED -> log.warn("NATS connection {} lost; reconnecting", name);
            case RECONNECTED -> log.info("NATS connection {} re-established", name);
            case CLOSED -> log.info("NATS connection {} closed", name);
            default -> log.debug("NATS connection {}: {}", name, event);
        }
    }
}
