package io.guildflow.gateway.guard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.common.discord.DiscordApiException;
import io.guildflow.common.discord.DiscordRestClient;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.telemetry.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acknowledgement guard: every interaction the gateway forwards is watched until a worker
 * signals that it answered ({@code gf.<env>.acked.<id>}); an interaction still unanswered
 * {@code deadline} after the gateway received it (or after Discord created it, when the gateway
 * read it late: see {@link DiscordWindow}) is acknowledged here, so Discord never shows
 * "The application did not respond". The worker that answers later finds its callback refused
 * (40060) and edits {@code @original} instead.
 *
 * <p>Timers are local, so the guard keeps its promise while NATS is unreachable. Its state is
 * bounded: past {@code capacity} watched interactions new ones are not watched and are counted
 * as dropped. Two gateways watching the same interaction (during a rollout) may both send:
 * Discord accepts one and refuses the other with 40060, counted as a race lost.
 */
public final class AckGuard implements AutoCloseable {
    /** The Discord calls the guard makes; a {@code DiscordRestClient} in production. */
    public interface DiscordCalls {
        /** @param callback the callback body, {@code {"type":…,"data":{…}}} */
        void acknowledge(String interactionId, String token, ObjectNode callback);

        void editOriginal(String applicationId, String token, ObjectNode message);

        void followUp(String applicationId, String token, ObjectNode message);

        static DiscordCalls over(DiscordRestClient rest) {
            return new DiscordCalls() {
                @Override
                public void acknowledge(String interactionId, String token, ObjectNode callback) {
                    rest.respond(interactionId, token, callback);
                }

                @Override
                public void editOriginal(String applicationId, String token, ObjectNode message) {
                    rest.editOriginal(applicationId, token, message);
                }

                @Override
                public void followUp(String applicationId, String token, ObjectNode message) {
                    rest.followUp(applicationId, token, message);
                }
            };
        }
    }

    /**
     * @param deadline counted from when the gateway received the dispatch ({@code ACK_DEADLINE})
     * @param capacity interactions watched at once (received but neither answered nor deferred)
     * @param senders  threads sending deferrals; calls wait on the network, so a burst of deadlines
     *                 (every worker down) must not queue behind a few slow calls
     */
    public record Settings(Duration deadline, int capacity, int senders) {
        public static Settings withDeadline(Duration deadline) {
            return new Settings(deadline, 100_000, 32);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(AckGuard.class);

    private final Settings settings;
    private final Clock clock;
    private final DiscordCalls discord;
    private final ConcurrentHashMap<String, Watch> watches = new ConcurrentHashMap<>();
    private final AtomicInteger tracked = new AtomicInteger();
    private final ScheduledThreadPoolExecutor timers;
    private final ExecutorService senders;
    private final Counter deferrals;
    private final Counter racesLost;
    private final Counter late;
    private final Counter failures;
    private final Counter dropped;
    private final Counter stoodDown;
    private final Counter unavailable;
    private final Timer deferralAge;
    private final Timer receiptLag;

    public AckGuard(Settings settings, Clock clock, DiscordCalls discord, MeterRegistry registry) {
        this.settings = settings;
        this.clock = clock;
        this.discord = discord;
        this.timers = new ScheduledThreadPoolExecutor(1, daemon("gf-guard-timer"));
        this.timers.setRemoveOnCancelPolicy(true); // a stood-down timer must not linger until its deadline
        this.senders = new ThreadPoolExecutor(settings.senders(), settings.senders(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemon("gf-guard-send"));
        this.deferrals = counter(registry, MetricNames.GUARD_DEFERRALS, "Interactions the guard acknowledged itself");
        this.racesLost = counter(registry, MetricNames.GUARD_RACES_LOST,
                "Guard acknowledgements refused because a worker or another gateway was first (40060)");
        this.late = counter(registry, MetricNames.GUARD_LATE, "Guard acknowledgements Discord refused as too late (10062)");
        this.failures = counter(registry, MetricNames.GUARD_FAILURES, "Guard acknowledgements that failed otherwise");
        this.dropped = counter(registry, MetricNames.GUARD_DROPPED, "Interactions not watched because the guard was full");
        this.stoodDown = counter(registry, MetricNames.GUARD_STOOD_DOWN, "Interactions a worker answered before the deadline");
        this.unavailable = counter(registry, MetricNames.GUARD_UNAVAILABLE,
                "Users told the bot is temporarily unavailable because their interaction could not be published");
        this.deferralAge = Timer.builder(MetricNames.GUARD_DEFERRAL_AGE)
                .description("Time from receiving an interaction to the guard's accepted acknowledgement")
                .register(registry);
        this.receiptLag = Timer.builder(MetricNames.GATEWAY_RECEIPT_LAG)
                .description("Time from an interaction's creation at Discord (its id) to the gateway reading it")
                .register(registry);
        Gauge.builder(MetricNames.GUARD_WATCHED, tracked, AtomicInteger::get)
                .description("Interactions watched or being acknowledged by the guard").register(registry);
    }

    /** Starts watching; call before the envelope is published, so no answer can come before the watch. */
    public void watch(InteractionEnvelope envelope) {
        Optional<ObjectNode> standIn = StandInResponses.forKind(envelope.kind());
        if (standIn.isEmpty() || timers.isShutdown()) {
            return;
        }
        if (tracked.incrementAndGet() > settings.capacity()) {
            tracked.decrementAndGet();
            dropped.increment();
            log.warn("acknowledgement guard full ({} interactions); interaction {} is not guarded",
                    settings.capacity(), envelope.interactionId());
            return;
        }
        Watch watch = new Watch(envelope, standIn.get());
        if (watches.putIfAbsent(envelope.interactionId(), watch) != null) {
            tracked.decrementAndGet(); // the same dispatch again (a RESUME replay): one watch suffices
            return;
        }
        Instant windowStart = DiscordWindow.start(envelope.interactionId(), envelope.receivedAt());
        receiptLag.record(Duration.between(windowStart, envelope.receivedAt()));
        Duration elapsed = Duration.between(windowStart, clock.instant());
        long delayNanos = Math.max(0, settings.deadline().minus(elapsed).toNanos());
        watch.timer = timers.schedule(() -> fire(envelope.interactionId()), delayNanos, TimeUnit.NANOSECONDS);
    }

    /** A worker answered: no stand-in acknowledgement for this interaction. Unknown ids are ignored. */
    public void standDown(String interactionId) {
        Watch watch = watches.remove(interactionId);
        if (watch == null) {
            return;
        }
        ScheduledFuture<?> timer = watch.timer;
        if (timer != null) {
            timer.cancel(false);
        }
        tracked.decrementAndGet();
        stoodDown.increment();
    }

    /**
     * Tells the user of an interaction that will never reach a worker that the bot is temporarily
     * unavailable: in the acknowledgement itself when the guard has not acknowledged yet, else in
     * the deferred message (commands, modals) or an ephemeral follow-up (components, whose message
     * belongs to someone else). Autocomplete already got its empty choices.
     */
    public void tellUnavailable(InteractionEnvelope envelope) {
        if (StandInResponses.forKind(envelope.kind()).isEmpty()) {
            return;
        }
        Watch watch = watches.remove(envelope.interactionId());
        if (watch != null && watch.timer != null) {
            watch.timer.cancel(false);
        }
        if (watch == null) {
            tracked.incrementAndGet(); // counted while the message is on its way
        }
        senders.execute(() -> {
            try {
                StandInResponses.Unavailable notice = StandInResponses.unavailable(envelope.kind());
                if (watch != null) {
                    discord.acknowledge(envelope.interactionId(), envelope.token(), notice.asAcknowledgement());
                } else if (notice.editsOriginal()) {
                    discord.editOriginal(envelope.applicationId(), envelope.token(), notice.message());
                } else if (notice.followsUp()) {
                    discord.followUp(envelope.applicationId(), envelope.token(), notice.message());
                }
                unavailable.increment();
            } catch (RuntimeException e) {
                failures.increment();
                log.warn("could not tell the user of interaction {} that the bot is unavailable: {}",
                        envelope.interactionId(), e.getMessage());
            } finally {
                tracked.decrementAndGet();
            }
        });
    }

    /** Interactions watched or being acknowledged right now. */
    public int watched() {
        return tracked.get();
    }

    private void fire(String interactionId) {
        Watch watch = watches.remove(interactionId);
        if (watch == null) {
            return; // stood down meanwhile
        }
        senders.execute(() -> send(watch));
    }

    private void send(Watch watch) {
        InteractionEnvelope envelope = watch.envelope;
        try {
            discord.acknowledge(envelope.interactionId(), envelope.token(), watch.standIn);
            deferrals.increment();
            deferralAge.record(Duration.between(envelope.receivedAt(), clock.instant()));
            log.debug("interaction {} acknowledged by the guard (type {})", envelope.interactionId(),
                    watch.standIn.path("type").asInt());
        } catch (DiscordApiException e) {
            if (e.isAlreadyAcknowledged()) {
                racesLost.increment(); // the worker or another gateway was first: nothing to do
            } else if (e.isUnknownInteraction()) {
                late.increment();
                log.warn("interaction {} expired before the guard could acknowledge it ({} ms after receipt)",
                        envelope.interactionId(), Duration.between(envelope.receivedAt(), clock.instant()).toMillis());
            } else {
                failures.increment();
                log.warn("guard could not acknowledge interaction {}: {}", envelope.interactionId(), e.getMessage());
            }
        } catch (RuntimeException e) {
            failures.increment();
            log.warn("guard could not acknowledge interaction {}: {}", envelope.interactionId(), e.getMessage());
        } finally {
            tracked.decrementAndGet();
        }
    }

    /**
     * Waits until every watched interaction was answered or acknowledged, at most {@code timeout}:
     * a gateway that stops reading keeps its promise for what it already received.
     *
     * @return whether nothing was left watched
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (tracked.get() > 0 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return tracked.get() == 0;
    }

    @Override
    public void close() {
        timers.shutdownNow();
        senders.shutdown();
    }

    private static Counter counter(MeterRegistry registry, String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One watched interaction; the timer is set right after the watch is registered. */
    private static final class Watch {
        final InteractionEnvelope envelope;
        final ObjectNode standIn;
        volatile ScheduledFuture<?> timer;

        Watch(InteractionEnvelope envelope, ObjectNode standIn) {
            this.envelope = envelope;
            this.standIn = standIn;
        }
    }
}
