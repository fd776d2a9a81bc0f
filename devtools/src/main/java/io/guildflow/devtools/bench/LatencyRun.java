package io.guildflow.devtools.bench;

import io.guildflow.testkit.recording.InteractionRecord;
import io.guildflow.testsupport.load.LoadSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What happened to one run's interactions, in Discord's terms (the emulator's recording), with latencies counted
 * from each interaction's due time.
 *
 * @param acknowledgement due time to the first accepted acknowledgement, microseconds
 * @param answer          due time to the first visible answer (a reply, or the edit after a deferral), microseconds
 * @param deferred        first acknowledgement was a deferral (type 5 or 6): with {@code --mix ping} only the
 *                        gateway's guard defers
 * @param late            callbacks refused as too late (10062)
 * @param duplicates      interactions answered more than once, by {@link LoadSummary}'s rule
 * @param duplicatePatterns what the emulator recorded for those, by pattern: how many, and up to three examples with
 *                        the time of each answer
 * @param refused         interactions with any other refused callback
 * @param timeline        one entry per second of sending
 * @param sendLag         due time to the emulator's dispatch, microseconds: the sender's (this JVM's) own delay,
 *                        already inside both latencies; large values mean the benchmark itself was starved
 */
record LatencyRun(double rate, int sent, int acknowledged, int answered, int answeredWithin3s, int deferred,
                  int late, int duplicates, Map<String, Examples> duplicatePatterns, int refused, Duration sending, Histogram acknowledgement,
                  Histogram answer, List<Second> timeline, Histogram sendLag) {

    /** How many interactions showed one pattern, and a few of them in detail. */
    record Examples(int count, List<String> examples) {}

    /** One second of the run: what was due in it and how it fared, and how many answers arrived in it. */
    record Second(int second, int due, int answered, double p50Millis, double p99Millis, int answersArrived) {}

    static Histogram histogram() {
        return new Histogram(Duration.ofMinutes(2).toNanos() / 1000, 3);
    }

    static LatencyRun of(double rate, Instant start, List<OpenLoopTraffic.Sent> sent, List<InteractionRecord> records,
                         Duration sending) {
        Histogram acknowledgement = histogram();
        Histogram answer = histogram();
        Histogram sendLag = histogram();
        int seconds = (int) Math.max(1, Math.ceil(sending.toNanos() / 1e9));
        List<Histogram> perSecond = new ArrayList<>();
        int[] due = new int[seconds];
        int[] arrived = new int[seconds + 10];
        for (int s = 0; s < seconds; s++) {
            perSecond.add(histogram());
        }
        int acknowledged = 0;
        int answered = 0;
        int within = 0;
        int deferred = 0;
        int refused = 0;
        for (int i = 0; i < sent.size(); i++) {
            Instant dueAt = sent.get(i).due();
            InteractionRecord record = records.get(i);
            int second = Math.min(seconds - 1, (int) (Duration.between(start, dueAt).toNanos() / 1_000_000_000L));
            due[second]++;
            sendLag.recordValue(micros(dueAt, record.dispatchedAt()));
            if (record.acknowledgedAt() != null) {
                acknowledged++;
                acknowledgement.recordValue(micros(dueAt, record.acknowledgedAt()));
                Integer type = record.acknowledgementType();
                if (type != null && (type == 5 || type == 6)) {
                    deferred++;
                }
            }
            if (record.respondedAt() != null) {
                answered++;
                long micros = micros(dueAt, record.respondedAt());
                answer.recordValue(micros);
                perSecond.get(second).recordValue(micros);
                if (Duration.between(record.dispatchedAt(), record.respondedAt()).compareTo(Duration.ofSeconds(3)) <= 0) {
                    within++;
                }
                int arrival = (int) (Duration.between(start, record.respondedAt()).toNanos() / 1_000_000_000L);
                arrived[Math.min(arrived.length - 1, arrival)]++;
            }
            if (record.refusals().stream().anyMatch(r -> r.code() != 40060 && r.code() != 10062)) {
                refused++;
            }
        }
        // Discord's rules for late and duplicate answers are the load summary's (a deferral answered by one refused
        // callback and one edit is answered once).
        LoadSummary rules = LoadSummary.of(records);
        int late = rules.late();
        int duplicates = rules.duplicates();
        Map<String, Examples> patterns = new LinkedHashMap<>();
        LoadSummary.duplicatePatterns(records).forEach((pattern, matching) -> patterns.put(pattern, new Examples(
                matching.size(), matching.stream().limit(3).map(LoadSummary::callbackTimes).toList())));
        List<Second> timeline = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            Histogram h = perSecond.get(s);
            timeline.add(new Second(s, due[s], (int) h.getTotalCount(), millis(h, 50), millis(h, 99), arrived[s]));
        }
        return new LatencyRun(rate, sent.size(), acknowledged, answered, within, deferred, late, duplicates,
                Map.copyOf(patterns), refused, sending, acknowledgement, answer, List.copyOf(timeline), sendLag);
    }

    /**
     * A reference run (no Discord in it): only arrivals were measured, so acknowledgement and answer are the same
     * and nothing can be deferred, refused or duplicated.
     */
    static LatencyRun reference(double rate, int sent, Histogram answer, List<Histogram> perSecond, Duration sending,
                                Histogram sendLag) {
        List<Second> timeline = new ArrayList<>();
        for (int s = 0; s < perSecond.size(); s++) {
            Histogram h = perSecond.get(s);
            int answered = (int) h.getTotalCount();
            timeline.add(new Second(s, (int) Math.round(rate), answered, millis(h, 50), millis(h, 99), answered));
        }
        int answered = (int) answer.getTotalCount();
        int within = (int) answer.getCountBetweenValues(0, Duration.ofSeconds(3).toNanos() / 1000);
        return new LatencyRun(rate, sent, answered, answered, within, 0, 0, 0, Map.of(), 0, sending, answer.copy(), answer.copy(),
                List.copyOf(timeline), sendLag);
    }

    private static long micros(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toNanos() / 1000);
    }

    static double millis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    int missing() {
        return sent - answered;
    }

    /**
     * Every interaction acknowledged in time (the emulator refuses a late one) and answered, once, nothing refused:
     * the run counts as sustained. The answer itself may follow a deferral after more than 3 s, as on Discord.
     */
    boolean clean() {
        return acknowledged == sent && answered == sent && late == 0 && duplicates == 0 && refused == 0;
    }

    /** Answers per second over the sending time. */
    double throughput() {
        return answered / Math.max(0.001, sending.toNanos() / 1e9);
    }
}
