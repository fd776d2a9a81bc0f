package io.guildflow.gateway.guard;

import io.guildflow.common.DaemonThreads;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.api.Acknowledgement;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acknowledgement guard: every interaction the gateway forwards is watched until a worker
 * signals that it answered ({@code gf.<env>.acked.<id>}); an interaction still unanswered when its
 * budget runs out ({@link DeadlineBudget}: at most {@code deadline} after Discord created it, see
 * {@link DiscordWindow}, earlier when the guard's own timers or sends lag, at receipt when the
 * pipeline is behind) is acknowledged here, so Discord never shows "The application did not
 * respond". The worker that answers later finds its callback refused (40060) and edits
 * {@code @original} instead.
 *
 * <p>Timers are local, so the guard keeps its promise while NATS is unreachable. Its state is
 * bounded: past {@code capacity} watched interactions new ones are not watched and are counted
 * as dropped.
 *
 * <p>Two gateways holding the same shard both receive each interaction and agree on one
 * acknowledgement: the one whose publish JetStream stored first acknowledges (and tells the others
 * on the acked subject), the other, told by its publish acknowledgement that it was a duplicate,
 * stands by until {@link #STANDBY_LAG} later, in case the first died meanwhile. Only a first
 * gateway slower than that makes both send; Discord then refuses one (40060, a race lost).
 */
public final class AckGuard implements AutoCloseable {
    /**
     * How often the guard looks at the oldest unanswered interaction: a pipeline that stalls is
     * noticed within this much, long before the first deadline.
     */
    private static final Duration STALL_CHECK_PERIOD = Duration.ofMillis(50);
    /**
     * Before any worker has answered (a fresh start) only this many interactions wait for one at a time; the
     * rest are acknowledged at receipt. A first test interaction still gets its worker's own answer, while a
     * burst meeting cold processes does not spend Discord's window on waits that a cold machine needs for
     * the acknowledgements themselves (seen: a first second of 200 interactions all waiting, then all
     * deferred at once, the sends taking 0.9 s).
     */
    static final int UNPROVEN_WAITING = 8;
    /** How many deferred interactions are remembered to learn how late their answers come. */
    private static final int REMEMBERED_DEFERRALS = 16_384;
    /**
     * How much later than the first gateway a standing-by gateway acknowledges (never past Discord's window): room
     * for the first one's send and its word to arrive, small enough that a first gateway that died still leaves time.
     */
    static final Duration STANDBY_LAG = Duration.ofMillis(400);
    /**
     * An acknowledgement due at receipt waits at most this long to learn whether this gateway published the
     * interaction first (usually a millisecond or two); without word from JetStream it goes out anyway.
     */
    static final Duration AGREEMENT_WAIT = Duration.ofMillis(250);

    private static final Logger log = LoggerFactory.getLogger(AckGuard.class);

    private final GuardSettings settings;
    private final StandInPolicy policy;
    private final Clock clock;
    private final DeadlineBudget budget;
    private final RecentInteractions deferred = new RecentInteractions(REMEMBERED_DEFERRALS);
    private final DiscordCalls discord;
    /** Interactions another gateway acknowledged before this one watched them (it read the dispatch later). */
    private final RecentInteractions acknowledgedElsewhere = new RecentInteractions(REMEMBERED_DEFERRALS);
    private final ShardPeers peers = new ShardPeers();
    private final ConcurrentHashMap<String, Watch> watches = new ConcurrentHashMap<>();
    /** Watches in the order they arrived, for the stall check; answered ones are dropped from the head. */
    private final ConcurrentLinkedQueue<Watch> arrivals = new ConcurrentLinkedQueue<>();
    private volatile long nextCheckDue;
    /** The last verdict logged, so an operator sees each change of it once rather than a line per interaction. */
    private final AtomicBoolean reportedBehind = new java.util.concurrent.atomic.AtomicBoolean();
    private final AtomicInteger tracked = new AtomicInteger();
    private final ScheduledThreadPoolExecutor timers;
    private final StandInSender sender;
    private final GuardMeters meters;

    /** @param acknowledgedHere told each interaction this guard acknowledged, for the other gateways ({@link AckedSignals}) */
    public AckGuard(GuardSettings settings, StandInPolicy policy, Clock clock, DiscordCalls discord,
                    Consumer<String> acknowledgedHere, MeterRegistry registry) {
        this.settings = settings;
        this.policy = policy;
        this.clock = clock;
        this.discord = discord;
        this.budget = new DeadlineBudget(settings.deadline());
        this.timers = new ScheduledThreadPoolExecutor(1, DaemonThreads.numbered("gf-guard-timer"));
        this.timers.setRemoveOnCancelPolicy(true); // a stood-down timer must not linger until its deadline
        this.nextCheckDue = System.nanoTime() + STALL_CHECK_PERIOD.toNanos();
        this.timers.scheduleWithFixedDelay(this::checkForStall, STALL_CHECK_PERIOD.toNanos(),
                STALL_CHECK_PERIOD.toNanos(), TimeUnit.NANOSECONDS);
        this.meters = new GuardMeters(registry, tracked, budget);
        this.sender = new StandInSender(settings.senders(), discord, budget, meters, tracked, acknowledgedHere, clock);
    }

    /** Opens the guard's connection to Discord before the first interaction needs it. */
    public void warmUp() {
        try {
            discord.warmUp();
        } catch (RuntimeException e) {
            log.debug("guard warm-up call failed: {}", e.getMessage());
        }
    }

    /** Starts watching; call before the envelope is published, so no answer can come before the watch. */
    public void watch(InteractionEnvelope envelope) {
        Acknowledgement declared = policy.of(envelope);
        Optional<ObjectNode> standIn = StandInResponses.forKind(envelope.kind(), declared);
        if (standIn.isEmpty() || timers.isShutdown()) {
            return;
        }
        if (tracked.incrementAndGet() > settings.capacity()) {
            tracked.decrementAndGet();
            meters.dropped.increment();
            log.warn("acknowledgement guard full ({} interactions); interaction {} is not guarded",
                    settings.capacity(), envelope.interactionId());
            return;
        }
        long now = System.nanoTime();
        Instant windowStart = DiscordWindow.start(envelope.interactionId(), envelope.receivedAt());
        long elapsed = Duration.between(windowStart, clock.instant()).toNanos();
        Watch watch = new Watch(envelope, standIn.get(), now, now - elapsed + GuardSettings.MAX_DEADLINE.toNanos());
        if (acknowledgedElsewhere.remove(envelope.interactionId()).isPresent()
                || watches.putIfAbsent(envelope.interactionId(), watch) != null) {
            tracked.decrementAndGet(); // another gateway acknowledged it already, or a RESUME replayed the dispatch
            return;
        }
        meters.receiptLag.record(Duration.between(windowStart, envelope.receivedAt()));
        // No interaction waits for a pipeline that is behind: the answers to those acknowledged here still
        // reach the guard (deferred), so a recovered pipeline ends the verdict with its first quick one.
        boolean behind = budget.behind(now);
        reportVerdict(behind, now);
        boolean atOnce = declared.atOnce() || behind
                || !budget.proven() && watches.size() > UNPROVEN_WAITING;
        long delayNanos = atOnce ? 0 : budget.waitNanos(elapsed, now);
        if (delayNanos == 0) {
            if (atOnce) {
                meters.atReceipt.increment();
            }
            // due now; with another gateway on the shard only from the one that published it first: see published()
            watch.atOnce = true;
            delayNanos = peers.alone(now) ? 0 : AGREEMENT_WAIT.toNanos();
        }
        schedule(watch, now + delayNanos);
        arrivals.add(watch);
    }

    private void schedule(Watch watch, long dueNanos) {
        watch.dueNanos = dueNanos;
        watch.timer = timers.schedule(() -> fire(watch.envelope.interactionId(), true),
                Math.max(0, dueNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /**
     * JetStream stored this gateway's publish of the interaction: first ({@code duplicate} false), so an
     * acknowledgement due at receipt goes out now; or after another gateway's, which then acknowledges, and this one
     * stands by until {@link #STANDBY_LAG} after its own due time. Unknown ids are ignored.
     */
    public void published(String interactionId, boolean duplicate) {
        if (duplicate) {
            peers.seen(System.nanoTime()); // also when this gateway, alone so far, acknowledged it already
        }
        Watch watch = watches.get(interactionId);
        if (watch == null) {
            return;
        }
        if (!duplicate) {
            if (watch.atOnce) {
                fire(interactionId, false);
            }
            return;
        }
        long now = System.nanoTime();
        // when the first gateway acknowledges: at receipt, or at the due time both gateways computed alike
        long firstDue = watch.atOnce ? now : Math.max(watch.dueNanos, now);
        watch.standby = true;
        watch.atOnce = false;
        ScheduledFuture<?> timer = watch.timer;
        if (timer != null && timer.cancel(false)) {
            schedule(watch, Math.min(firstDue + STANDBY_LAG.toNanos(), watch.lastChanceNanos));
        }
    }

    /** Another gateway holds the same shards (its presence word): acknowledgements due at receipt wait to agree. */
    public void peerPresent() {
        peers.seen(System.nanoTime());
    }

    /**
     * Another gateway acknowledged the interaction (its word on the acked subject): nothing to send here, and
     * nothing learnt about the pipeline. Remembered when it comes before this gateway read the dispatch.
     */
    public void acknowledgedElsewhere(String interactionId) {
        peers.seen(System.nanoTime());
        Watch watch = watches.remove(interactionId);
        if (watch == null) {
            if (!deferred.contains(interactionId)) {
                acknowledgedElsewhere.remember(interactionId, System.nanoTime());
            }
            return;
        }
        ScheduledFuture<?> timer = watch.timer;
        if (timer != null) {
            timer.cancel(false);
        }
        tracked.decrementAndGet();
        meters.handedOver.increment();
    }

    private void reportVerdict(boolean behind, long now) {
        if (reportedBehind.get() != behind && reportedBehind.compareAndSet(!behind, behind)) {
            if (behind) {
                log.info("pipeline behind: acknowledging interactions at receipt ({})", budget.describe(now));
            } else {
                log.info("pipeline caught up: interactions wait for a worker again ({})", budget.describe(now));
            }
        }
    }

    /**
     * The oldest interaction still unanswered says how late the pipeline is before any answer does:
     * once it has waited longer than the budget allows, nothing received since will be answered in
     * time either, so every waiting interaction is acknowledged now, while Discord's window still
     * has room for a slow send.
     */
    private void checkForStall() {
        long now = System.nanoTime();
        budget.timerFired(Math.max(0, now - nextCheckDue), now);
        nextCheckDue = now + STALL_CHECK_PERIOD.toNanos();
        Watch oldest;
        while ((oldest = arrivals.peek()) != null && watches.get(oldest.envelope.interactionId()) != oldest) {
            arrivals.poll(); // answered or acknowledged already
        }
        if (oldest == null) {
            return;
        }
        budget.stillWaiting(oldest.receivedNanos, now);
        boolean behind = budget.behind(now);
        reportVerdict(behind, now);
        if (behind) {
            for (Watch waiting; (waiting = arrivals.poll()) != null; ) {
                if (!waiting.standby && !waiting.atOnce) { // those keep their own timers: see published()
                    fire(waiting.envelope.interactionId(), false);
                }
            }
        }
    }

    /** A worker answered: no stand-in acknowledgement for this interaction. Unknown ids are ignored. */
    public void standDown(String interactionId) {
        Watch watch = watches.remove(interactionId);
        if (watch == null) {
            deferred.remove(interactionId).ifPresent(received -> budget.answered(received, System.nanoTime()));
            return;
        }
        budget.answered(watch.receivedNanos, System.nanoTime());
        ScheduledFuture<?> timer = watch.timer;
        if (timer != null) {
            timer.cancel(false);
        }
        tracked.decrementAndGet();
        meters.stoodDown.increment();
    }

    /**
     * A worker's callback took this long at Discord: the guard's own acknowledgements will take about as long, so it
     * keeps that much of the window in reserve before its first own send finds out (a Discord turning slow).
     */
    public void workerCallbackTook(long millis) {
        long now = System.nanoTime();
        budget.sent(TimeUnit.MILLISECONDS.toNanos(millis), now);
    }

    /**
     * Tells the user of an interaction that will never reach a worker that the bot is temporarily
     * unavailable: in the acknowledgement itself when the guard has not acknowledged yet, else in
     * the deferred message (commands, modals) or an ephemeral follow-up (components, whose message
     * belongs to someone else). Autocomplete already got its empty choices.
     */
    public void tellUnavailable(InteractionEnvelope envelope) {
        Optional<ObjectNode> standIn = StandInResponses.forKind(envelope.kind(), policy.of(envelope));
        if (standIn.isEmpty()) {
            return;
        }
        Watch watch = watches.remove(envelope.interactionId());
        if (watch != null && watch.timer != null) {
            watch.timer.cancel(false);
        }
        if (watch == null) {
            tracked.incrementAndGet(); // counted while the message is on its way
        }
        sender.tellUnavailable(envelope, standIn.get(), watch != null);
    }

    /** Interactions watched or being acknowledged right now. */
    public int watched() {
        return tracked.get();
    }

    /** @param timed whether a timer fired it (the worker had its chance), or it was due at receipt */
    private void fire(String interactionId, boolean timed) {
        Watch watch = watches.remove(interactionId);
        if (watch == null) {
            return; // stood down meanwhile
        }
        long now = System.nanoTime();
        if (!timed && watch.timer != null) {
            watch.timer.cancel(false);
        }
        if (timed && !watch.atOnce) { // not a wait for a worker: for JetStream's word on who published first
            long lag = Math.max(0, now - watch.dueNanos);
            budget.timerFired(lag, now);
            meters.timerLag.record(lag, TimeUnit.NANOSECONDS);
            budget.steppedIn(watch.receivedNanos, now);
        }
        deferred.remember(interactionId, watch.receivedNanos);
        sender.acknowledge(watch, now);
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
        sender.close();
    }
}
