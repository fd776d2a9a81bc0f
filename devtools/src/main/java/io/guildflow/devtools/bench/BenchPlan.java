package io.guildflow.devtools.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one `bench` invocation runs.
 *
 * @param warmup     traffic right after the processes start, reported separately as the cold start
 * @param references also measure the floor and the monolith
 * @param jvmOptions extra options for every child JVM (e.g. a flight recording)
 * @param eventFlood  0, or gateway events (members' messages) per interaction: the measured run is repeated with that
 *                    many times the interaction rate in messages beside it
 * @param eventRounds how many pairs of measured runs without and with the messages (the first "without" is the
 *                    plain measured run)
 * @param outboxFlood 0, or {@code /signup create} (each an outbox post) per interaction: a last measured run with that
 *                    many times the interaction rate in signups beside it
 */
record BenchPlan(double rate, Duration duration, Duration warmup, int workers, int guilds, TrafficMix mix, Path out,
                 boolean references, List<String> jvmOptions, double eventFlood,
                 int eventRounds, double outboxFlood) {
    BenchPlan {
        if (rate <= 0 || duration.isNegative() || duration.isZero() || workers < 1 || guilds < 1 || eventFlood < 0
                || eventRounds < 1 || outboxFlood < 0) {
            throw new IllegalArgumentException("rate, duration, workers and guilds must be positive");
        }
        jvmOptions = List.copyOf(jvmOptions);
    }

    BenchPlan withRate(double newRate) {
        return new BenchPlan(newRate, duration, warmup, workers, guilds, mix, out, references, jvmOptions, eventFlood, eventRounds, outboxFlood);
    }

    BenchPlan withWorkers(int newWorkers) {
        return new BenchPlan(rate, duration, warmup, newWorkers, guilds, mix, out, references, jvmOptions, eventFlood, eventRounds, outboxFlood);
    }
}
