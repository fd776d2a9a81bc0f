package io.guildflow.common.nats;

import io.guildflow.common.config.GuildflowConfig;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens NATS connections with the settings every Guildflow process wants: reconnect forever, log transitions. */
public final class NatsConnections {
    private static final Logger log = LoggerFactory.getLogger(NatsConnections.class);

    private NatsConnections() {
    }

    /**
     * @throws NatsUnavailableException with where it looked, when the first connection fails
     */
    public static Connection connect(GuildflowConfig config, String connectionName) {
        Options.Builder options = Options.builder()
                .servers(config.natsUrls().toArray(String[]::new))
                .connectionName(connectionName)
                .connectionTimeout(Duration.ofSeconds(3))
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(500))
                .connectionListener(NatsConnections::logTransition)
                .errorListener(new LoggingErrorListener(connectionName));
        config.natsCredentials().ifPresent(path -> options.credentialPath(path.toString()));
        try {
            return Nats.connect(options.build());
        } catch (IOException e) {
            throw new NatsUnavailableException(String.join(",", config.natsUrls()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsUnavailableException(String.join(",", config.natsUrls()), e);
        }
    }

    private static void logTransition(Connection connection, ConnectionListener.Events event) {
        String name = connection.getOptions().getConnectionName();
        switch (event) {
            case DISCONNECTED -> log.warn("NATS connection {} lost; reconnecting", name);
            case RECONNECTED -> log.info("NATS connection {} re-established", name);
            case CLOSED -> log.info("NATS connection {} closed", name);
            default -> log.debug("NATS connection {}: {}", name, event);
        }
    }
}
