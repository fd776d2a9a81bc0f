package io.guildflow.common.discord.governor;

import io.guildflow.common.telemetry.MetricNames;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * The governor's meters, read from its state at scrape time (nothing on the request path). Every
 * series exists from the start, so an alert on a 429 scope or a shed priority works before the first.
 */
final class GovernorMetrics {
    private GovernorMetrics() {
    }

    static void bind(RestGovernor governor, MeterRegistry registry) {
        GovernorStats stats = governor.stats();
        Gauge.builder(MetricNames.GOVERNOR_GLOBAL_USED, governor, g -> g.snapshot().globalUsed())
                .description("globally limited Discord requests this process sent in the last second").register(registry);
        Gauge.builder(MetricNames.GOVERNOR_GLOBAL_SHARE, governor, g -> g.snapshot().globalShare())
                .description("this process's share of the bot's global limit, requests per second").register(registry);
        Gauge.builder(MetricNames.GOVERNOR_PROCESSES, governor, g -> g.snapshot().processes())
                .description("processes sharing the bot's REST budget").register(registry);
        Gauge.builder(MetricNames.GOVERNOR_INVALID, governor, g -> g.snapshot().invalidInWindow())
                .description("invalid Discord requests (401, 403, 429) of the cluster in the last ten minutes")
                .register(registry);
        Gauge.builder(MetricNames.GOVERNOR_BREAKER, governor, g -> g.snapshot().breakerState())
                .description("0 closed, 1 shedding the outbox, 2 shedding setup too").register(registry);
        for (String scope : new String[] {"user", "global", "shared"}) {
            FunctionCounter.builder(MetricNames.GOVERNOR_RATE_LIMITED, stats, s -> s.rateLimitedCount(scope))
                    .tag("scope", scope).description("Discord 429s by scope").register(registry);
        }
        for (Priority priority : Priority.values()) {
            String tag = priority.name().toLowerCase(Locale.ROOT);
            FunctionCounter.builder(MetricNames.GOVERNOR_WAITS, stats, s -> s.waits(priority))
                    .tag("priority", tag).description("requests that waited for the REST budget").register(registry);
            FunctionCounter.builder(MetricNames.GOVERNOR_WAITED, stats, s -> s.waitedMillis(priority) / 1000.0)
                    .tag("priority", tag).baseUnit("seconds").description("time requests waited for the REST budget")
                    .register(registry);
            FunctionCounter.builder(MetricNames.GOVERNOR_SHED, stats, s -> s.shedCount(priority))
                    .tag("priority", tag).description("requests the invalid-request breaker refused").register(registry);
        }
    }
}
