package io.guildflow.devtools.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.common.config.DatabaseSettings;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.EmulatedUser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Gateway events beside the interactions: members' messages (MESSAGE_CREATE, which the example bot's
 * {@code CountMessages} handles) sent open loop through the emulator's gateway, and what the workers made of them,
 * read from the event ledger ({@code handled_events}, one row per handled event, keyed {@code message_create:<id>}).
 * The ledger is the workers' own record, so "handled" here means committed, not merely delivered.
 */
final class EventFlood {
    private static final String KEY_PREFIX = "message_create:";
    private static final String HANDLED = "SELECT event_key, handled_at FROM handled_events"
            + " WHERE type = 'MESSAGE_CREATE' AND handled_at >= ?";

    /** One message as sent: its id and when it was due. */
    record Sent(String id, Instant due) {}

    private final DiscordEmulator emulator;
    private final DatabaseSettings database;

    EventFlood(DiscordEmulator emulator, DatabaseSettings database) {
        this.emulator = emulator;
        this.database = database;
    }

    /** Sends {@code rate} messages a second for {@code duration}, round-robin over the guilds and their members. */
    PacedSender<Sent> start(double rate, Duration duration) {
        List<EmulatedGuild> guilds = emulator.guilds().stream().filter(g -> !g.members().isEmpty()).toList();
        return PacedSender.start("bench-event-flood", emulator.clock(), rate, duration, (i, due) -> {
            EmulatedGuild guild = guilds.get(i % guilds.size());
            EmulatedUser author = OpenLoopTraffic.member(guild, i / guilds.size());
            return new Sent(emulator.userMessage(guild, author, "bench message " + i).id(), due);
        });
    }

    /**
     * What the workers made of one flood.
     *
     * @param lag        due time of the message to its ledger row's {@code handled_at} (PostgreSQL's {@code now()}: the
     *                   start of the handling transaction, so the commit itself is not included), microseconds
     * @param throughput handled events a second, from the first message's due time to the last ledger row
     */
    record EventRun(int sent, int handled, double offeredRate, double throughput, Histogram lag) {
        String describe() {
            return String.format(Locale.ROOT, "events: %d sent at %.0f/s, %d handled, %.0f/s handled (first due to last"
                    + " handled), lag p50 %.0f ms, p99 %.0f ms, max %.0f ms", sent, offeredRate, handled, throughput,
                    LatencyRun.millis(lag, 50), LatencyRun.millis(lag, 99), LatencyRun.millis(lag, 100));
        }

        void writeTo(ObjectNode node) {
            node.put("sent", sent).put("handled", handled).put("offeredPerSecond", offeredRate)
                    .put("handledPerSecond", throughput).put("lagP50Millis", LatencyRun.millis(lag, 50))
                    .put("lagP99Millis", LatencyRun.millis(lag, 99)).put("lagMaxMillis", LatencyRun.millis(lag, 100));
        }
    }

    /** Waits (at most {@code timeout}) until the ledger has every message sent, then measures. */
    EventRun settle(List<Sent> sent, double offeredRate, Duration timeout) throws SQLException, InterruptedException {
        Map<String, Instant> due = new HashMap<>();
        sent.forEach(one -> due.put(KEY_PREFIX + one.id(), one.due()));
        Instant from = sent.isEmpty() ? Instant.now() : sent.get(0).due().minusSeconds(1);
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Instant> handled;
        try (Connection connection = database.connect(0)) {
            do {
                handled = handled(connection, from, due);
                if (handled.size() >= sent.size() || System.nanoTime() >= deadline) {
                    break;
                }
                Thread.sleep(500);
            } while (true);
        }
        Histogram lag = LatencyRun.histogram();
        Instant last = from;
        for (Map.Entry<String, Instant> row : handled.entrySet()) {
            Duration d = Duration.between(due.get(row.getKey()), row.getValue());
            lag.recordValue(Math.max(0, Math.min(lag.getHighestTrackableValue(), d.toNanos() / 1000)));
            last = row.getValue().isAfter(last) ? row.getValue() : last;
        }
        double seconds = sent.isEmpty() ? 0 : Duration.between(sent.get(0).due(), last).toNanos() / 1e9;
        return new EventRun(sent.size(), handled.size(), offeredRate, seconds > 0 ? handled.size() / seconds : 0, lag);
    }

    /** This flood's ledger rows: key to handled_at. */
    private static Map<String, Instant> handled(Connection connection, Instant from, Map<String, Instant> due)
            throws SQLException {
        Map<String, Instant> rows = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(HANDLED)) {
            query.setTimestamp(1, Timestamp.from(from));
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    String key = result.getString(1);
                    if (due.containsKey(key)) {
                        rows.put(key, result.getTimestamp(2).toInstant());
                    }
                }
            }
        }
        return rows;
    }
}
