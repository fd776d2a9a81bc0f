package io.guildflow.gateway.shard;

import io.guildflow.common.DaemonThreads;
import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.common.discord.DiscordRestClient;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.SessionRecreateEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code discordbot_identify_remaining} current. Discord tells the remaining daily IDENTIFY
 * budget only in {@code GET gateway/bot}, so it is read at start, every {@link #PERIOD} (the budget
 * also resets, and other processes of the bot spend it), and shortly after any shard of this
 * process identified (a new session spends one; a resume does not). Refreshes after identifies are
 * coalesced: a start-up of many shards asks once per {@link #AFTER_IDENTIFY}, not once per shard.
 */
public final class IdentifyBudget implements EventListener, AutoCloseable {
    public static final Duration PERIOD = Duration.ofMinutes(5);
    static final Duration AFTER_IDENTIFY = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(IdentifyBudget.class);

    private final DiscordRestClient rest;
    private final ShardMetrics metrics;
    private final Duration afterIdentify;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("gf-identify-budget"));

    /**
     * @param period        how often to ask besides after identifies
     * @param afterIdentify delay from a READY to the refresh, so close READYs share one request
     */
    public IdentifyBudget(DiscordRestClient rest, ShardMetrics metrics, Duration period, Duration afterIdentify) {
        this.rest = rest;
        this.metrics = metrics;
        this.afterIdentify = afterIdentify;
        timer.scheduleWithFixedDelay(this::refresh, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    public IdentifyBudget(DiscordRestClient rest, ShardMetrics metrics) {
        this(rest, metrics, PERIOD, AFTER_IDENTIFY);
    }

    /** Asks Discord now; on failure the gauge keeps the last known value (the budget changes slowly). */
    public void refresh() {
        try {
            JsonNode remaining = rest.get("gateway/bot").path("session_start_limit").path("remaining");
            if (remaining.canConvertToLong()) {
                metrics.identifyRemaining(remaining.asLong());
            }
        } catch (RuntimeException e) {
            log.debug("IDENTIFY budget not refreshed: {}", e.getMessage());
        }
    }

    @Override
    public void onEvent(GenericEvent event) {
        if ((event instanceof ReadyEvent || event instanceof SessionRecreateEvent)
                && refreshQueued.compareAndSet(false, true)) {
            timer.schedule(() -> {
                refreshQueued.set(false);
                refresh();
            }, afterIdentify.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
