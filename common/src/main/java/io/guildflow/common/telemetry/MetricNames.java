package io.guildflow.common.telemetry;

import java.util.List;

/**
 * Every meter name Guildflow registers, in Micrometer's dotted form. The Prometheus name (what
 * dashboards and alert rules query) follows from it: dots become underscores, counters gain
 * {@code _total}, timers {@code _seconds_count/_sum/_max}, gauges with a base unit its suffix.
 * {@link #PROMETHEUS} lists those scraped names, so tests can hold the dashboard to them.
 */
public final class MetricNames {
    /** Tag naming the shard of a per-shard meter. */
    public static final String TAG_SHARD = "shard";
    /** Tag naming the interaction kind: command, component, modal, autocomplete. */
    public static final String TAG_KIND = "kind";
    /** Tag naming a gateway event's dispatch type as its subject token: message_create, guild_member_add. */
    public static final String TAG_EVENT_TYPE = "type";

    // Discord session, per shard (the names bot operators' dashboards already use)
    public static final String DISCORD_CONNECTED = "discordbot.connected";
    public static final String DISCORD_LATENCY = "discordbot.latency";
    /**
     * Registered as a function counter: the Prometheus client reserves {@code _total} for counters
     * and strips it from a gauge, and {@code discordbot_guilds_total} is the name dashboards use.
     * Query its value, never {@code rate()}: it drops when the bot leaves a guild.
     */
    public static final String DISCORD_GUILDS = "discordbot.guilds";
    public static final String DISCORD_LAST_DISPATCH_AGE = "discordbot.last.dispatch.age";
    public static final String DISCORD_IDENTIFY_REMAINING = "discordbot.identify.remaining";

    // Gateway
    public static final String GATEWAY_RECEIVED = "guildflow.gateway.interactions.received";
    public static final String GATEWAY_MALFORMED = "guildflow.gateway.interactions.malformed";
    public static final String GATEWAY_PUBLISHED = "guildflow.gateway.interactions.published";
    public static final String GATEWAY_DUPLICATES = "guildflow.gateway.interactions.duplicates";
    public static final String GATEWAY_ABANDONED = "guildflow.gateway.interactions.abandoned";
    public static final String GATEWAY_PUBLISH_FAILURES = "guildflow.gateway.publish.failures";
    /** Discord's receipt at the gateway to JetStream's publish acknowledgement. */
    public static final String GATEWAY_PUBLISH_LATENCY = "guildflow.gateway.publish";
    public static final String GATEWAY_PUBLISH_BACKLOG = "guildflow.gateway.publish.backlog";
    /** Discord's creation time (the interaction id) to the gateway's receipt. */
    public static final String GATEWAY_RECEIPT_LAG = "guildflow.gateway.receipt_lag";
    public static final String GUARD_PREFIX = "guildflow.gateway.guard.";
    public static final String GUARD_DEFERRALS = GUARD_PREFIX + "deferrals";
    public static final String GUARD_RACES_LOST = GUARD_PREFIX + "races_lost";
    public static final String GUARD_LATE = GUARD_PREFIX + "late";
    public static final String GUARD_FAILURES = GUARD_PREFIX + "failures";
    public static final String GUARD_DROPPED = GUARD_PREFIX + "dropped";
    public static final String GUARD_STOOD_DOWN = GUARD_PREFIX + "stood_down";
    public static final String GUARD_HANDED_OVER = GUARD_PREFIX + "handed_over";
    public static final String GUARD_UNAVAILABLE = GUARD_PREFIX + "unavailable";
    public static final String GUARD_DEFERRAL_AGE = GUARD_PREFIX + "deferral_age";
    public static final String GUARD_WATCHED = GUARD_PREFIX + "watched";
    public static final String GUARD_AT_RECEIPT = GUARD_PREFIX + "at_receipt";
    public static final String GUARD_TIMER_LAG = GUARD_PREFIX + "timer_lag";
    public static final String GUARD_SEND_LATENCY = GUARD_PREFIX + "send_latency";
    public static final String GUARD_RESERVE = GUARD_PREFIX + "reserve";
    public static final String GUARD_BEHIND = GUARD_PREFIX + "behind";
    public static final String LIFECYCLE_PUBLISHED = "guildflow.gateway.lifecycle.published";
    public static final String LIFECYCLE_DROPPED = "guildflow.gateway.lifecycle.dropped";
    /** Gateway events (per {@link #TAG_EVENT_TYPE}): received from Discord, stored, stored already by another copy. */
    public static final String GATEWAY_EVENTS_RECEIVED = "guildflow.gateway.events.received";
    public static final String GATEWAY_EVENTS_PUBLISHED = "guildflow.gateway.events.published";
    public static final String GATEWAY_EVENTS_DUPLICATES = "guildflow.gateway.events.duplicates";
    /** Events lost because the event buffer was full: the gateway's only loss path for events. */
    public static final String GATEWAY_EVENTS_DROPPED = "guildflow.gateway.events.dropped";
    public static final String GATEWAY_EVENTS_PUBLISH_FAILURES = "guildflow.gateway.events.publish_failures";
    /** Bytes of events received and not yet stored (gauge, base unit bytes). */
    public static final String GATEWAY_EVENTS_BUFFER = "guildflow.gateway.events.buffer";

    // Worker
    public static final String WORKER_INTERACTIONS = "guildflow.worker.interactions";
    public static final String WORKER_HANDLE = "guildflow.worker.handle";
    /** Discord's creation time (the interaction id) to the accepted answer. */
    public static final String WORKER_ANSWER_LATENCY = "guildflow.worker.answer.latency";
    public static final String WORKER_QUEUE_WAIT = "guildflow.worker.queue.wait";
    public static final String WORKER_REDELIVERIES = "guildflow.worker.redeliveries";
    public static final String WORKER_DEAD_LETTERS = "guildflow.worker.dead_letters";
    public static final String WORKER_RETRIES = "guildflow.worker.retries";
    /** Answers Discord refused for good: the code says an answer is sent, the published name keeps "deliveries". */
    public static final String WORKER_DELIVERIES_REFUSED = "guildflow.worker.deliveries_refused";
    public static final String WORKER_IN_FLIGHT = "guildflow.worker.in_flight";
    /** The intake's adaptive limit of events in hand (at most {@code WORKER_CONCURRENCY}). */
    public static final String WORKER_INTAKE_LIMIT = "guildflow.worker.intake.limit";
    public static final String CONSUMER_PENDING = "guildflow.worker.consumer.pending";
    public static final String CONSUMER_ACK_PENDING = "guildflow.worker.consumer.ack_pending";
    /** Undelivered rows of the environment's Discord outbox, sampled every few seconds by each worker. */
    public static final String WORKER_OUTBOX_BACKLOG = "guildflow.worker.outbox.backlog";
    /** Gateway events per dispatch type ({@code type}) and {@code outcome}: handled, duplicate, failed, …. */
    public static final String WORKER_EVENTS = "guildflow.worker.events";
    /** The gateway's receipt of an event ({@code Gf-Received-At}) to its handlers' commit, per type. */
    public static final String WORKER_EVENT_LAG = "guildflow.worker.event.lag";
    public static final String WORKER_EVENT_DEAD_LETTERS = "guildflow.worker.event.dead_letters";

    // Both
    public static final String NATS_CONNECTED = "guildflow.nats.connected";
    public static final String DISCORD_REQUESTS = "guildflow.discord.requests";
    public static final String DISCORD_RATE_LIMITED = "guildflow.discord.rate_limited";
    /** The REST governor (issue 24): the bot's budget shared by the environment's workers. */
    public static final String GOVERNOR_PREFIX = "guildflow.discord.governor.";
    /** Globally limited requests this process sent in the last second, and its share of the global limit. */
    public static final String GOVERNOR_GLOBAL_USED = GOVERNOR_PREFIX + "global.used";
    public static final String GOVERNOR_GLOBAL_SHARE = GOVERNOR_PREFIX + "global.share";
    public static final String GOVERNOR_PROCESSES = GOVERNOR_PREFIX + "processes";
    /** Requests that waited for the budget, and how long in all, per {@code priority}. */
    public static final String GOVERNOR_WAITS = GOVERNOR_PREFIX + "waits";
    public static final String GOVERNOR_WAITED = GOVERNOR_PREFIX + "waited";
    /** 429s by {@code scope}: user, global, shared. */
    public static final String GOVERNOR_RATE_LIMITED = GOVERNOR_PREFIX + "rate_limited";
    /** The cluster's invalid requests (401, 403, 429) in Discord's ten-minute window. */
    public static final String GOVERNOR_INVALID = GOVERNOR_PREFIX + "invalid_requests";
    /** 0 closed, 1 shedding the outbox, 2 shedding setup too. */
    public static final String GOVERNOR_BREAKER = GOVERNOR_PREFIX + "breaker";
    public static final String GOVERNOR_SHED = GOVERNOR_PREFIX + "shed";

    /** The scraped names of the gateway's own meters (timers by their {@code _count}). */
    public static final List<String> GATEWAY_PROMETHEUS = List.of(
            "discordbot_connected", "discordbot_latency_seconds", "discordbot_guilds_total",
            "discordbot_last_dispatch_age_seconds", "discordbot_identify_remaining",
            "guildflow_gateway_interactions_received_total", "guildflow_gateway_interactions_published_total",
            "guildflow_gateway_publish_failures_total", "guildflow_gateway_publish_seconds_count",
            "guildflow_gateway_receipt_lag_seconds_count", "guildflow_gateway_guard_deferrals_total",
            "guildflow_gateway_guard_races_lost_total", "guildflow_gateway_events_dropped_total",
            "guildflow_gateway_events_buffer_bytes", "guildflow_nats_connected",
            "guildflow_discord_requests_seconds_count");

    /** The scraped names of the worker's own meters. */
    public static final List<String> WORKER_PROMETHEUS = List.of(
            "guildflow_worker_interactions_total", "guildflow_worker_handle_seconds_count",
            "guildflow_worker_answer_latency_seconds_count", "guildflow_worker_redeliveries_total",
            "guildflow_worker_dead_letters_total", "guildflow_worker_in_flight", "guildflow_worker_intake_limit",
            "guildflow_worker_consumer_pending", "guildflow_worker_consumer_ack_pending",
            "guildflow_worker_outbox_backlog", "guildflow_nats_connected", "guildflow_discord_requests_seconds_count",
            "guildflow_discord_governor_global_used", "guildflow_discord_governor_global_share",
            "guildflow_discord_governor_processes", "guildflow_discord_governor_waits_total",
            "guildflow_discord_governor_waited_seconds_total", "guildflow_discord_governor_rate_limited_total",
            "guildflow_discord_governor_invalid_requests", "guildflow_discord_governor_breaker",
            "guildflow_discord_governor_shed_total", "hikaricp_connections_active", "jvm_memory_used_bytes");

    private MetricNames() {
    }
}
