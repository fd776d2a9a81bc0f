package io.guildflow.common.nats;

import io.guildflow.common.DaemonThreads;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.support.Status;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link Nats#connect(Options)} without jnats' wait after a refused login. jnats (2.26) reads the server's
 * {@code -ERR 'Authorization Violation'} during its first connect, hands it to the error listener, and then
 * still waits the whole connection timeout for a PONG the server never sends (it closed the connection),
 * before throwing {@link AuthenticationException} (nats-io/nats.java pull request 522, closed unmerged). So
 * a wrong password took the connection timeout per server before its one-line failure.
 *
 * <p>Here the connect runs on a daemon thread and the caller returns as soon as every server listed has
 * refused the login; the abandoned attempt closes its own connection when jnats gives up. Any other outcome
 * is jnats' own: the connection, or its exception. Every event still reaches the options' own listener.
 */
public final class FirstConnection implements ErrorListener {
    private final ErrorListener delegate;
    private final int servers;
    private final AtomicInteger refusals = new AtomicInteger();
    private final CompletableFuture<String> refused = new CompletableFuture<>();

    /**
     * @param delegate where every error still goes
     * @param servers  how many servers the options list: refusals from all of them end the wait
     */
    FirstConnection(ErrorListener delegate, int servers) {
        this.delegate = delegate;
        this.servers = Math.max(1, servers);
    }

    /**
     * Connects with {@code options} (their error listener still hears every error).
     *
     * @throws AuthenticationException as soon as each server refused the login, with jnats' own wording
     * @throws IOException             when jnats cannot connect for any other reason
     */
    public static Connection connect(Options options) throws IOException, InterruptedException {
        FirstConnection watch = new FirstConnection(options.getErrorListener(), options.getServers().size());
        Options watched = new Options.Builder(options).errorListener(watch).build();
        CompletableFuture<Connection> connected = new CompletableFuture<>();
        DaemonThreads.thread("nats-first-connect", () -> {
            try {
                connected.complete(Nats.connect(watched));
            } catch (Exception | Error e) {
                connected.completeExceptionally(e);
            }
        }).start();
        Object first;
        try {
            first = CompletableFuture.anyOf(connected, watch.refused).get();
        } catch (InterruptedException e) {
            // Nobody takes the connection now: should jnats still open it, it is closed, not leaked.
            connected.thenAccept(FirstConnection::closeQuietly);
            throw e;
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
        if (first instanceof String error) {
            // jnats cannot connect once refused; should it all the same, the connection is closed, not leaked.
            connected.thenAccept(FirstConnection::closeQuietly);
            throw new AuthenticationException("Authentication error connecting to NATS server: " + error);
        }
        return (Connection) first;
    }

    /** The connect's own exception, as Nats.connect would have thrown it. */
    private static IOException unwrap(ExecutionException e) throws InterruptedException {
        if (e.getCause() instanceof IOException io) {
            return io;
        }
        if (e.getCause() instanceof InterruptedException interrupted) {
            throw interrupted;
        }
        if (e.getCause() instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e.getCause() instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(e.getCause());
    }

    /** The refusals jnats itself recognises ({@code NatsConnection.isAuthenticationError}). */
    static boolean isRefusal(String error) {
        String text = String.valueOf(error).toLowerCase(Locale.ROOT);
        return text.startsWith("user authentication") || text.contains("authorization violation")
                || text.startsWith("account authentication expired");
    }

    /** The server's error that ended the wait, once every server refused; not done before. */
    CompletableFuture<String> refused() {
        return refused;
    }

    @Override
    public void errorOccurred(Connection conn, String error) {
        if (isRefusal(error) && refusals.incrementAndGet() >= servers) {
            refused.complete(error);
        }
        delegate.errorOccurred(conn, error);
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
        delegate.exceptionOccurred(conn, exp);
    }

    @Override
    public void slowConsumerDetected(Connection conn, Consumer consumer) {
        delegate.slowConsumerDetected(conn, consumer);
    }

    @Override
    public void messageDiscarded(Connection conn, Message msg) {
        delegate.messageDiscarded(conn, msg);
    }

    @Override
    public void heartbeatAlarm(Connection conn, JetStreamSubscription sub, long lastStreamSequence,
                               long lastConsumerSequence) {
        delegate.heartbeatAlarm(conn, sub, lastStreamSequence, lastConsumerSequence);
    }

    @Override
    public void unhandledStatus(Connection conn, JetStreamSubscription sub, Status status) {
        delegate.unhandledStatus(conn, sub, status);
    }

    @Override
    public void pullStatusWarning(Connection conn, JetStreamSubscription sub, Status status) {
        delegate.pullStatusWarning(conn, sub, status);
    }

    @Override
    public void pullStatusError(Connection conn, JetStreamSubscription sub, Status status) {
        delegate.pullStatusError(conn, sub, status);
    }

    @Override
    public void flowControlProcessed(Connection conn, JetStreamSubscription sub, String subject,
                                     FlowControlSource source) {
        delegate.flowControlProcessed(conn, sub, subject, source);
    }

    @Override
    public void socketWriteTimeout(Connection conn) {
        delegate.socketWriteTimeout(conn);
    }

    @Override
    public String supplyMessage(String label, Connection conn, Consumer consumer, Subscription sub, Object... pairs) {
        return delegate.supplyMessage(label, conn, consumer, sub, pairs);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
