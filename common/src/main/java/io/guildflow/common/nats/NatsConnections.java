package io.guildflow.common.nats;

import io.guildflow.common.config.NatsSettings;
import io.guildflow.common.telemetry.MetricNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens NATS connections with the settings every Guildflow process wants: reconnect forever, log transitions. */
public final class NatsConnections {
    private static final Logger log = LoggerFactory.getLogger(NatsConnections.class);

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
    public static Connection connect(NatsSettings settings, String connectionName) {
        // Until the first connection stands, failures are the caller's to report (one clear line), not jnats' to log.
        AtomicBoolean connectedOnce = new AtomicBoolean();
        Options.Builder options = Options.builder()
                .servers(settings.urls().toArray(String[]::new))
                .connectionName(connectionName)
                .connectionTimeout(Duration.ofSeconds(3))
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(500))
                .connectionListener((connection, event) -> logTransition(connection, event, connectedOnce))
                .errorListener(new LoggingErrorListener(connectionName, connectedOnce::get));
        settings.credentials().ifPresent(path -> options.credentialPath(path.toString()));
        try {
            return Nats.connect(options.build());
        } catch (IOException e) {
            throw new NatsUnavailableException(settings.describe(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsUnavailableException(settings.describe(), e);
        }
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
