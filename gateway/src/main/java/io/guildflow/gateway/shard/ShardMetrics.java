package io.guildflow.gateway.shard;

import io.guildflow.common.telemetry.MetricNames;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.RawGatewayEvent;
import net.dv8tion.jda.api.hooks.EventListener;

/**
 * The per-shard {@code discordbot_*} gauges. Learns its shards from their events (JDA sends a
 * status change as a shard starts), and keeps the newest session of each, as a restarted shard
 * is a new {@link JDA}. The age of the last dispatch is what shows a shard that stays
 * "connected" while Discord stopped sending it anything.
 */
public final class ShardMetrics implements EventListener {
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<Integer, Shard> shards = new ConcurrentHashMap<>();
    private final AtomicLong identifyRemaining = new AtomicLong(-1);

    public ShardMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        Gauge.builder(MetricNames.DISCORD_IDENTIFY_REMAINING, identifyRemaining, AtomicLong::get)
                .description("IDENTIFYs left today (session_start_limit.remaining of GET /gateway/bot; -1 unknown)")
                .register(registry);
    }

    /** {@code session_start_limit.remaining} as Discord last reported it. */
    public void identifyRemaining(long remaining) {
        identifyRemaining.set(remaining);
    }

    @Override
    public void onEvent(GenericEvent event) {
        JDA session = event.getJDA();
        int id = session.getShardInfo().getShardId();
        Shard shard = shards.computeIfAbsent(id, this::register);
        shard.session = session;
        if (event instanceof RawGatewayEvent) {
            shard.lastDispatchMillis = clock.millis();
        }
    }

    private Shard register(int id) {
        Shard shard = new Shard(clock.millis());
        String tag = Integer.toString(id);
        Gauge.builder(MetricNames.DISCORD_CONNECTED, shard, s -> s.session.getStatus() == JDA.Status.CONNECTED ? 1 : 0)
                .description("1 while the shard's session is connected, else 0")
                .tag(MetricNames.TAG_SHARD, tag).register(registry);
        Gauge.builder(MetricNames.DISCORD_LATENCY, shard, s -> s.session.getGatewayPing() < 0
                        ? Double.NaN : s.session.getGatewayPing() / 1000.0)
                .description("Heartbeat round trip of the shard's session").baseUnit("seconds")
                .tag(MetricNames.TAG_SHARD, tag).register(registry);
        FunctionCounter.builder(MetricNames.DISCORD_GUILDS, shard, s -> s.session.getGuildCache().size())
                .description("Guilds on the shard")
                .tag(MetricNames.TAG_SHARD, tag).register(registry);
        Gauge.builder(MetricNames.DISCORD_LAST_DISPATCH_AGE, shard,
                        s -> (clock.millis() - s.lastDispatchMillis) / 1000.0)
                .description("Time since the shard's last dispatch (since its start before the first)")
                .baseUnit("seconds").tag(MetricNames.TAG_SHARD, tag).register(registry);
        return shard;
    }

    private static final class Shard {
        volatile JDA session;
        volatile long lastDispatchMillis;

        Shard(long startedMillis) {
            this.lastDispatchMillis = startedMillis;
        }
    }
}
