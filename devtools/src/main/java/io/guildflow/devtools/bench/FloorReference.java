package io.guildflow.devtools.bench;

import io.guildflow.common.DaemonThreads;
import io.guildflow.common.config.DatabaseSettings;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import org.HdrHistogram.Histogram;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The floor: the least any JetStream-based design can cost here. An open-loop jnats publisher → a JetStream file
 * stream → two pull consumers → one PostgreSQL commit per message → an OkHttp POST to a trivial Jetty endpoint,
 * which stops the clock. No JDA, no envelope, no handler. Runs inside the benchmark's JVM; latency is counted from
 * each message's due time to its arrival at the endpoint.
 */
final class FloorReference {
    private static final int CONSUMERS = 2;
    private static final int THREADS_PER_CONSUMER = 8;
    private static final MediaType JSON = MediaType.get("application/json");

    private final String natsUrl;
    private final DatabaseSettings database;

    FloorReference(String natsUrl, DatabaseSettings database) {
        this.natsUrl = natsUrl;
        this.database = database;
    }

    LatencyRun run(double rate, Duration duration) throws Exception {
        String name = "GF_BENCH_FLOOR_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
        String subject = "gfbenchfloor." + name.toLowerCase(java.util.Locale.ROOT);
        String table = "gf_bench_floor_" + name.substring(name.length() - 8).toLowerCase(java.util.Locale.ROOT);
        int count = (int) Math.round(rate * duration.toNanos() / 1e9);
        long periodNanos = (long) (1e9 / rate);
        Arrivals arrivals = new Arrivals((int) Math.max(1, Math.ceil(duration.toNanos() / 1e9)));
        Server endpoint = endpoint(arrivals);
        int port = ((ServerConnector) endpoint.getConnectors()[0]).getLocalPort();
        OkHttpClient http = new OkHttpClient();
        List<ExecutorService> pools = new ArrayList<>();
        List<Thread> pullers = new ArrayList<>();
        try (Connection nats = Nats.connect(new Options.Builder().server(natsUrl).build());
             java.sql.Connection admin = connect()) {
            try (Statement statement = admin.createStatement()) {
                statement.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, body text, at timestamptz DEFAULT now())");
            }
            JetStreamManagement jsm = nats.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder().name(name).subjects(subject + ".>")
                    .storageType(StorageType.File).build());
            jsm.addOrUpdateConsumer(name, ConsumerConfiguration.builder().durable("floor")
                    .ackPolicy(AckPolicy.Explicit).ackWait(Duration.ofSeconds(10)).build());
            String url = "http://127.0.0.1:" + port + "/answer";
            try {
                for (int c = 0; c < CONSUMERS; c++) {
                    ExecutorService pool = Executors.newFixedThreadPool(THREADS_PER_CONSUMER);
                    pools.add(pool);
                    JetStreamSubscription subscription = nats.jetStream().subscribe(null,
                            PullSubscribeOptions.bind(name, "floor"));
                    Thread puller = DaemonThreads.thread("floor-pull-" + c,
                            () -> pull(subscription, pool, table, http, url));
                    pullers.add(puller);
                    puller.start();
                }
                JetStream js = nats.jetStream();
                long start = System.nanoTime();
                arrivals.start(start);
                for (int i = 0; i < count; i++) {
                    long due = start + i * periodNanos;
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(Math.min(wait, 1_000_000));
                    }
                    arrivals.sent(due, System.nanoTime());
                    Headers headers = new Headers().put("Nats-Msg-Id", name + "-" + i);
                    js.publishAsync(io.nats.client.impl.NatsMessage.builder().subject(subject + ".guild." + (i % 3))
                            .headers(headers).data(payload(i, due)).build());
                }
                Duration sending = Duration.ofNanos(System.nanoTime() - start);
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (arrivals.count() < count && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                return arrivals.toRun(rate, count, sending);
            } finally {
                pullers.forEach(Thread::interrupt);
                pools.forEach(ExecutorService::shutdownNow);
                for (ExecutorService pool : pools) {
                    pool.awaitTermination(2, TimeUnit.SECONDS);
                }
                jsm.deleteStream(name);
                try (Statement statement = admin.createStatement()) {
                    statement.execute("DROP TABLE IF EXISTS " + table);
                }
            }
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
            endpoint.stop();
        }
    }

    private static byte[] payload(int index, long due) {
        return ByteBuffer.allocate(16).putLong(index).putLong(due).array();
    }

    /**
     * Like a worker (its {@code EventConsumer}): asks for as many messages as it has free threads, every pull on
     * one subscription, each thread with its own connection.
     */
    private void pull(JetStreamSubscription subscription, ExecutorService pool, String table, OkHttpClient http,
                      String url) {
        ThreadLocal<PreparedStatement> inserts = ThreadLocal.withInitial(() -> prepare(table));
        java.util.concurrent.Semaphore free = new java.util.concurrent.Semaphore(THREADS_PER_CONSUMER);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                free.acquire();
                int requested = 1 + free.drainPermits();
                int received = 0;
                try {
                    Iterator<Message> pulled = subscription.iterate(requested, Duration.ofSeconds(1));
                    while (pulled.hasNext()) {
                        received++;
                        Message taken = pulled.next();
                        pool.execute(() -> {
                            try {
                                handle(taken, inserts.get(), http, url);
                            } finally {
                                free.release();
                            }
                        });
                    }
                } finally {
                    free.release(requested - received);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
    }

    private static void handle(Message message, PreparedStatement insert, OkHttpClient http, String url) {
        ByteBuffer data = ByteBuffer.wrap(message.getData());
        long index = data.getLong();
        try {
            insert.setLong(1, index);
            insert.setString(2, "floor");
            insert.executeUpdate();
            insert.getConnection().commit();
            try (okhttp3.Response ignored = http.newCall(new okhttp3.Request.Builder().url(url)
                    .post(RequestBody.create(message.getData(), JSON)).build()).execute()) {
                message.ack();
            }
        } catch (SQLException | IOException e) {
            message.nakWithDelay(Duration.ofMillis(100));
        }
    }

    private PreparedStatement prepare(String table) {
        try {
            java.sql.Connection connection = connect();
            connection.setAutoCommit(false);
            return connection.prepareStatement("INSERT INTO " + table + " (id, body) VALUES (?, ?) ON CONFLICT DO NOTHING");
        } catch (SQLException e) {
            throw new IllegalStateException("floor: cannot connect to PostgreSQL: " + e.getMessage(), e);
        }
    }

    private java.sql.Connection connect() throws SQLException {
        return database.connect(0);
    }

    private static Server endpoint(Arrivals arrivals) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                ByteBuffer body = org.eclipse.jetty.io.Content.Source.asByteBuffer(request);
                body.getLong();
                arrivals.arrived(body.getLong(), System.nanoTime());
                response.setStatus(204);
                callback.succeeded();
                return true;
            }
        });
        server.start();
        return server;
    }

    /** Arrivals at the endpoint, by due second. */
    private static final class Arrivals {
        private final Histogram all = LatencyRun.histogram();
        private final Histogram sendLag = LatencyRun.histogram();
        private final List<Histogram> perSecond = new ArrayList<>();
        private final AtomicInteger count = new AtomicInteger();
        private long start;

        Arrivals(int seconds) {
            for (int s = 0; s < seconds; s++) {
                perSecond.add(LatencyRun.histogram());
            }
        }

        void start(long startNanos) {
            this.start = startNanos;
        }

        synchronized void arrived(long due, long now) {
            long micros = Math.max(0, (now - due) / 1000);
            all.recordValue(micros);
            perSecond.get((int) Math.min(perSecond.size() - 1, Math.max(0, (due - start) / 1_000_000_000L)))
                    .recordValue(micros);
            count.incrementAndGet();
        }

        synchronized void sent(long due, long now) {
            sendLag.recordValue(Math.max(0, (now - due) / 1000));
        }

        int count() {
            return count.get();
        }

        synchronized LatencyRun toRun(double rate, int sent, Duration sending) {
            return LatencyRun.reference(rate, sent, all, perSecond, sending, sendLag);
        }
    }
}
