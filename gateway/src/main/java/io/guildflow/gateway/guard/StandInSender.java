package io.guildflow.gateway.guard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.common.DaemonThreads;
import io.guildflow.common.discord.DiscordApiException;
import io.guildflow.common.envelope.InteractionEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the {@link AckGuard} sends to Discord, on threads of its own so that a slow Discord never holds its timers:
 * the stand-in acknowledgement the guard decided on, and the notice that the bot is unavailable. Each send tells
 * the {@link DeadlineBudget} how long it took and counts in {@code tracked} until it is done.
 */
final class StandInSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StandInSender.class);

    private final ExecutorService senders;
    private final DiscordCalls discord;
    private final DeadlineBudget budget;
    private final GuardMeters meters;
    private final AtomicInteger tracked;
    private final Consumer<String> acknowledgedHere;
    private final Clock clock;

    StandInSender(int threads, DiscordCalls discord, DeadlineBudget budget, GuardMeters meters, AtomicInteger tracked,
                  Consumer<String> acknowledgedHere, Clock clock) {
        this.senders = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                DaemonThreads.numbered("gf-guard-send"));
        this.discord = discord;
        this.budget = budget;
        this.meters = meters;
        this.tracked = tracked;
        this.acknowledgedHere = acknowledgedHere;
        this.clock = clock;
    }

    /** Sends the watch's stand-in acknowledgement, decided at {@code decidedNanos}. */
    void acknowledge(Watch watch, long decidedNanos) {
        senders.execute(() -> send(watch, decidedNanos));
    }

    /**
     * Tells the user the bot is unavailable: in the acknowledgement itself when {@code unacknowledged}, else in the
     * deferred message (commands, modals) or an ephemeral follow-up (components, whose message belongs to someone
     * else). The caller counted it in {@code tracked}.
     */
    void tellUnavailable(InteractionEnvelope envelope, ObjectNode standIn, boolean unacknowledged) {
        senders.execute(() -> {
            try {
                StandInResponses.Unavailable notice = new StandInResponses.Unavailable(envelope.kind(), standIn);
                if (unacknowledged) {
                    discord.acknowledge(envelope.interactionId(), envelope.token(), notice.asAcknowledgement());
                } else if (notice.editsOriginal()) {
                    discord.editOriginal(envelope.applicationId(), envelope.token(), notice.message());
                } else if (notice.followsUp()) {
                    discord.followUp(envelope.applicationId(), envelope.token(), notice.message());
                }
                meters.unavailable.increment();
            } catch (RuntimeException e) {
                meters.failures.increment();
                log.warn("could not tell the user of interaction {} that the bot is unavailable: {}",
                        envelope.interactionId(), e.getMessage());
            } finally {
                tracked.decrementAndGet();
            }
        });
    }

    private void send(Watch watch, long decidedNanos) {
        InteractionEnvelope envelope = watch.envelope;
        try {
            discord.acknowledge(envelope.interactionId(), envelope.token(), watch.standIn);
            recordSend(decidedNanos);
            acknowledgedHere.accept(envelope.interactionId());
            meters.deferrals.increment();
            meters.deferralAge.record(Duration.between(envelope.receivedAt(), clock.instant()));
            log.debug("interaction {} acknowledged by the guard (type {})", envelope.interactionId(),
                    watch.standIn.path("type").asInt());
        } catch (DiscordApiException e) {
            recordSend(decidedNanos);
            if (e.isAlreadyAcknowledged()) {
                meters.racesLost.increment(); // the worker or another gateway was first: nothing to do
            } else if (e.isUnknownInteraction()) {
                meters.late.increment();
                long now = System.nanoTime();
                log.warn("interaction {} expired before the guard could acknowledge it: received {} ms after its "
                                + "creation, waited {} ms for a worker, send took {} ms (timer lag {} ms)",
                        envelope.interactionId(),
                        Duration.between(DiscordWindow.start(envelope.interactionId(), envelope.receivedAt()),
                                envelope.receivedAt()).toMillis(),
                        TimeUnit.NANOSECONDS.toMillis(decidedNanos - watch.receivedNanos),
                        TimeUnit.NANOSECONDS.toMillis(now - decidedNanos),
                        watch.dueNanos == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(Math.max(0, decidedNanos - watch.dueNanos)));
            } else {
                meters.failures.increment();
                log.warn("guard could not acknowledge interaction {}: {}", envelope.interactionId(), e.getMessage());
            }
        } catch (RuntimeException e) {
            meters.failures.increment();
            log.warn("guard could not acknowledge interaction {}: {}", envelope.interactionId(), e.getMessage());
        } finally {
            tracked.decrementAndGet();
        }
    }

    private void recordSend(long decidedNanos) {
        long now = System.nanoTime();
        budget.sent(now - decidedNanos, now);
        meters.sendLatency.record(now - decidedNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        senders.shutdown();
    }
}
