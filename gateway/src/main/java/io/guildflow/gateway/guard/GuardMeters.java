package io.guildflow.gateway.guard;

import io.guildflow.common.telemetry.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicInteger;

/** What the acknowledgement guard counts and times (named in {@link MetricNames}; listed in docs/operations.md). */
final class GuardMeters {
    final Counter deferrals;
    final Counter racesLost;
    final Counter late;
    final Counter failures;
    final Counter dropped;
    final Counter stoodDown;
    final Counter handedOver;
    final Counter unavailable;
    final Counter atReceipt;
    final Timer deferralAge;
    final Timer receiptLag;
    final Timer timerLag;
    final Timer sendLatency;

    GuardMeters(MeterRegistry registry, AtomicInteger tracked, DeadlineBudget budget) {
        deferrals = counter(registry, MetricNames.GUARD_DEFERRALS, "Interactions the guard acknowledged itself");
        racesLost = counter(registry, MetricNames.GUARD_RACES_LOST,
                "Guard acknowledgements refused because a worker or another gateway was first (40060)");
        late = counter(registry, MetricNames.GUARD_LATE, "Guard acknowledgements Discord refused as too late (10062)");
        failures = counter(registry, MetricNames.GUARD_FAILURES, "Guard acknowledgements that failed otherwise");
        dropped = counter(registry, MetricNames.GUARD_DROPPED, "Interactions not watched because the guard was full");
        stoodDown = counter(registry, MetricNames.GUARD_STOOD_DOWN, "Interactions a worker answered before the deadline");
        handedOver = counter(registry, MetricNames.GUARD_HANDED_OVER,
                "Interactions another gateway on the same shard acknowledged, so this one sent nothing");
        unavailable = counter(registry, MetricNames.GUARD_UNAVAILABLE,
                "Users told the bot is temporarily unavailable because their interaction could not be published");
        atReceipt = counter(registry, MetricNames.GUARD_AT_RECEIPT,
                "Interactions the guard acknowledged on arrival: declared so, or the pipeline was behind");
        deferralAge = Timer.builder(MetricNames.GUARD_DEFERRAL_AGE)
                .description("Time from receiving an interaction to the guard's accepted acknowledgement")
                .register(registry);
        receiptLag = Timer.builder(MetricNames.GATEWAY_RECEIPT_LAG)
                .description("Time from an interaction's creation at Discord (its id) to the gateway reading it")
                .register(registry);
        timerLag = Timer.builder(MetricNames.GUARD_TIMER_LAG)
                .description("How late the guard's deadline timers fired").register(registry);
        sendLatency = Timer.builder(MetricNames.GUARD_SEND_LATENCY)
                .description("Time from the guard's decision to acknowledge to Discord's answer").register(registry);
        Gauge.builder(MetricNames.GUARD_WATCHED, tracked, AtomicInteger::get)
                .description("Interactions watched or being acknowledged by the guard").register(registry);
        Gauge.builder(MetricNames.GUARD_RESERVE, budget, b -> DeadlineBudget.seconds(b.reserveNanos(System.nanoTime())))
                .description("Seconds of Discord's window the guard keeps for its own measured lag")
                .baseUnit("seconds").register(registry);
        Gauge.builder(MetricNames.GUARD_BEHIND, budget, b -> b.behind(System.nanoTime()) ? 1 : 0)
                .description("1 while the pipeline answers too late and the guard acknowledges at receipt")
                .register(registry);
    }

    private static Counter counter(MeterRegistry registry, String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }
}
