package io.guildflow.testkit;

import io.guildflow.testkit.gateway.GatewayHub;
import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/** Jetty 12 server: WebSocket upgrades on any path go to the gateway, everything else to the REST handler. */
final class EmulatorServer {
    private final Server server;
    private final ServerConnector connector;
    private final GatewayHub hub;

    EmulatorServer(String host, int port, Handler http, GatewayHub hub) {
        this.hub = hub;
        QueuedThreadPool pool = new QueuedThreadPool(256, 8);
        pool.setName("discord-emulator");
        pool.setDaemon(true);
        server = new Server(pool);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(Duration.ofMinutes(5).toMillis());
        connector.setAcceptQueueSize(512);
        server.addConnector(connector);
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(Duration.ofMinutes(5));
            container.setMaxTextMessageSize(16L * 1024 * 1024);
            container.addMapping("/*", (request, response, callback) -> hub.newConnection(request.getHttpURI().getPath()));
        });
        ws.setHandler(http);
        server.setHandler(ws);
        // no graceful phase: open gateway connections would only delay stop()
        server.setStopTimeout(0);
    }

    void start() throws Exception {
        server.start();
    }

    int port() {
        return connector.getLocalPort();
    }

    void stop() throws Exception {
        hub.close();
        server.stop();
    }
}
