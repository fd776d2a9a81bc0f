package io.guildflow.app.demo;

import io.guildflow.testkit.recording.InteractionRecord;
import java.time.Duration;
import java.util.List;

/**
 * What became of a run of interactions, read from the emulator's recording (Discord's view, not ours).
 *
 * @param duplicates interactions with more than one accepted acknowledgement, or an acknowledgement
 *                   refused because one had already been accepted and the content was then replaced
 */
public record TrafficSummary(int sent, int answered, int withinDeadline, int duplicates, Duration p50,
                             Duration p99, Duration max, Duration elapsed) {
    public static final Duration DISCORD_DEADLINE = Duration.ofSeconds(3);

    public static TrafficSummary of(List<InteractionRecord> records, Duration elapsed) {
        List<Duration> latencies = records.stream()
                .filter(InteractionRecord::acknowledged)
                .map(InteractionRecord::acknowledgementLatency)
                .sorted()
                .toList();
        int within = (int) latencies.stream().filter(l -> l.compareTo(DISCORD_DEADLINE) <= 0).count();
        int duplicates = (int) records.stream().filter(r -> r.acceptedAcknowledgements() > 1).count();
        return new TrafficSummary(records.size(), latencies.size(), within, duplicates,
                percentile(latencies, 0.50), percentile(latencies, 0.99),
                latencies.isEmpty() ? Duration.ZERO : latencies.get(latencies.size() - 1), elapsed);
    }

    static Duration percentile(List<Duration> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return Duration.ZERO;
        }
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    public boolean allAnsweredOnceInTime() {
        return answered == sent && withinDeadline == sent && duplicates == 0;
    }

    public String describe() {
        double seconds = Math.max(1, elapsed.toMillis()) / 1000.0;
        return String.format(
                "sent %d, answered %d, within 3 s %d, duplicates %d, latency p50 %d ms, p99 %d ms, max %d ms,"
                        + " %.1f interactions/s",
                sent, answered, withinDeadline, duplicates, p50.toMillis(), p99.toMillis(), max.toMillis(),
                sent / seconds);
    }
}
