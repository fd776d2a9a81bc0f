package io.guildflow.testsupport.bench;

import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.model.EmulatedGuild;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures how fast the emulator is, with recording on: REST calls/s over raw HTTP/1.1 keep-alive connections, and
 * gateway dispatches/s to a connected WebSocket client that counts frames. Starts and stops its own emulator (rate
 * limits off). Used by the development jar's {@code bench emulator}.
 */
public final class EmulatorThroughput {
    private EmulatorThroughput() {}

    /** 4 REST threads for 3 s, dispatches for 3 s. */
    public static ThroughputResult measure() {
        return measure(4, Duration.ofSeconds(3), Duration.ofSeconds(3));
    }

    public static ThroughputResult measure(int restThreads, Duration restDuration, Duration dispatchDuration) {
        try (DiscordEmulator emu = DiscordEmulator.builder()
                .guilds(1)
                .globalRateLimit(0)
                .routeRateLimits(false)
                .commands("bench")
                .build()
                .start()) {
            // warm-up, not counted
            rest(emu, restThreads, Duration.ofSeconds(1));
            long[] rest = rest(emu, restThreads, restDuration);
            double restSeconds = rest[2] / 1e9;
            double[] gw = dispatches(emu, dispatchDuration);
            return new ThroughputResult(restThreads, rest[0], rest[1], restSeconds, rest[0] / restSeconds,
                    (long) gw[0], gw[1], gw[0] / gw[1], emu.restCallCount(), emu.gatewayFrames().size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Returns {calls ok, errors, elapsed nanos}. */
    private static long[] rest(DiscordEmulator emu, int threads, Duration duration) throws InterruptedException {
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try (RawHttpClient c = new RawHttpClient("127.0.0.1", emu.port(), "GET", "/api/v10/users/@me",
                        "Bot " + emu.token())) {
                    while (System.nanoTime() < deadline) {
                        if (c.call() == 200) {
                            ok.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                }
            }, "bench-rest-" + t);
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        return new long[] {ok.get(), errors.get(), System.nanoTime() - start};
    }

    /** Returns {dispatches received, seconds}. */
    private static double[] dispatches(DiscordEmulator emu, Duration duration) throws InterruptedException {
        FrameCounter counter = new FrameCounter();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(emu.gatewayUrl() + "/?v=10&encoding=json"), counter)
                .join();
        ws.sendText("{\"op\":2,\"d\":{\"token\":\"" + emu.token()
                + "\",\"intents\":0,\"properties\":{\"os\":\"linux\",\"browser\":\"bench\",\"device\":\"bench\"}}}",
                true).join();
        if (!counter.ready.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("benchmark client received no READY");
        }
        EmulatedGuild guild = emu.guild(0);
        long window = 5_000;
        long sent = 0;
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        while (System.nanoTime() < deadline) {
            if (sent - counter.interactions.get() >= window) {
                Thread.onSpinWait();
                continue;
            }
            emu.slashCommand(guild, guild.members().get((int) (sent % guild.members().size())), "bench", Map.of());
            sent++;
        }
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (counter.interactions.get() < sent && System.nanoTime() < waitUntil) {
            Thread.sleep(1);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bench done").join();
        return new double[] {counter.interactions.get(), seconds};
    }

    private static final class FrameCounter implements WebSocket.Listener {
        final CountDownLatch ready = new CountDownLatch(1);
        final AtomicLong interactions = new AtomicLong();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                if (frame.startsWith("{\"op\":0,") && frame.contains("\"t\":\"INTERACTION_CREATE\"")) {
                    interactions.incrementAndGet();
                } else if (frame.contains("\"t\":\"READY\"")) {
                    ready.countDown();
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /** {@code java ... EmulatorThroughput [restThreads] [seconds]} prints the figures. */
    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.out.println(measure(threads, Duration.ofSeconds(seconds), Duration.ofSeconds(seconds)).summary());
    }
}
