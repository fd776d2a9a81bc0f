package io.guildflow.devtools.bench;

import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.recording.InteractionRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Open-loop traffic through the emulator: interaction i is due at {@code start + i / rate} whatever happened to
 * the ones before, and its latency counts from that due time, so a stall in the system (or in the sender) shows
 * up in the figures instead of silently lowering the rate. Answers are read from the emulator's recording.
 */
final class OpenLoopTraffic {
    /** Long enough for the edit after a guard's deferral, which may come well after Discord's 3 s. */
    private static final Duration SETTLE = Duration.ofSeconds(10);

    private final DiscordEmulator emulator;
    private final TrafficMix mix;
    /** Every interaction of the last run, for {@link #awaitCaughtUp}. */
    private volatile List<String> lastRun = List.of();

    OpenLoopTraffic(DiscordEmulator emulator, TrafficMix mix) {
        this.emulator = emulator;
        this.mix = mix;
    }

    /** One interaction as sent: its id and when it was due. */
    record Sent(String id, Instant due) {}

    /**
     * Sends for {@code duration} at {@code rate}, printing a progress line per second, then waits up to 10 s for the
     * last answers.
     *
     * @param usage the processes' CPU and memory, for the progress line
     */
    LatencyRun run(double rate, Duration duration, PrintWriter progress, Supplier<String> usage)
            throws InterruptedException {
        List<EmulatedGuild> guilds = emulator.guilds().stream().filter(g -> !g.members().isEmpty()).toList();
        if (guilds.isEmpty()) {
            throw new IllegalStateException("the emulator has no guild with members");
        }
        int count = (int) Math.round(rate * duration.toNanos() / 1e9);
        long periodNanos = (long) (1e9 / rate);
        List<Sent> sent = new ArrayList<>(count);
        Instant start = emulator.clock().instant();
        long startNanos = System.nanoTime();
        long nextProgress = startNanos + 1_000_000_000L;
        int answeredBefore = 0;
        for (int i = 0; i < count; i++) {
            awaitDue(startNanos + i * periodNanos);
            EmulatedGuild guild = guilds.get(i % guilds.size());
            EmulatedUser user = member(guild, i / guilds.size());
            TrafficMix.Command command = mix.command(i);
            String id = emulator.slashCommand(guild, user, command.name(), command.options()).id();
            sent.add(new Sent(id, start.plusNanos(i * periodNanos)));
            if (System.nanoTime() >= nextProgress) {
                answeredBefore = progress(progress, sent, answeredBefore, usage);
                nextProgress += 1_000_000_000L;
            }
        }
        Duration sending = Duration.ofNanos(System.nanoTime() - startNanos);
        long settleDeadline = System.nanoTime() + SETTLE.toNanos();
        int firstUnanswered = 0;
        while (System.nanoTime() < settleDeadline && (firstUnanswered = firstUnanswered(sent, firstUnanswered)) < sent.size()) {
            Thread.sleep(50);
        }
        List<InteractionRecord> records = new ArrayList<>(sent.size());
        for (Sent one : sent) {
            records.add(emulator.interaction(one.id()));
        }
        lastRun = sent.stream().map(Sent::id).toList();
        return LatencyRun.of(rate, start, sent, records, sending);
    }

    /** Parks until {@code dueNanos} ({@link System#nanoTime}); returns at once when it is past. */
    static void awaitDue(long dueNanos) {
        long wait;
        while ((wait = dueNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(wait, 1_000_000));
        }
    }

    /** The guild's members in turn, so every sender spreads its traffic the same way. */
    static EmulatedUser member(EmulatedGuild guild, int turn) {
        return guild.members().get(turn % guild.members().size());
    }

    /** Answers among the last second's sends are cheap to count: look only at the tail. */
    private int progress(PrintWriter out, List<Sent> sent, int answeredBefore, Supplier<String> usage) {
        int answered = 0;
        long worstMicros = 0;
        Instant now = emulator.clock().instant();
        for (Sent one : sent.subList(answeredBefore, sent.size())) {
            InteractionRecord record = emulator.interaction(one.id());
            if (record.respondedAt() == null) {
                break;
            }
            answered++;
            worstMicros = Math.max(worstMicros, Duration.between(one.due(), record.respondedAt()).toNanos() / 1000);
        }
        int total = answeredBefore + answered;
        int waiting = sent.size() - total;
        long oldestWaitingMillis = waiting == 0 ? 0
                : Duration.between(sent.get(total).due(), now).toMillis();
        out.printf(Locale.ROOT, "  sent %6d  answered %6d  waiting %5d (oldest %5d ms)  worst new answer %6.1f ms  %s%n",
                sent.size(), total, waiting, oldestWaitingMillis, worstMicros / 1000.0, usage.get());
        out.flush();
        return total;
    }

    /**
     * Waits until no interaction of the last run is outstanding (each was answered, or refused as too late, which
     * is final), so a backlog left by an earlier phase (the cold start, an overloaded step) does not count against
     * the next one. An interaction deferred by the guard is outstanding until its edit arrives.
     *
     * @return how many were still outstanding when {@code timeout} ran out: 0 when the system caught up
     */
    int awaitCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> ids = lastRun;
        int next = 0;
        while (true) {
            while (next < ids.size() && settled(emulator.interaction(ids.get(next)))) {
                next++;
            }
            if (next == ids.size()) {
                return 0;
            }
            if (System.nanoTime() >= deadline) {
                return (int) ids.subList(next, ids.size()).stream()
                        .filter(id -> !settled(emulator.interaction(id))).count();
            }
            Thread.sleep(100);
        }
    }

    /** Answered, or refused as too late: nothing more will happen to it. */
    static boolean settled(InteractionRecord record) {
        return record.respondedAt() != null || record.refusals().stream().anyMatch(r -> r.code() == 10062);
    }

    private int firstUnanswered(List<Sent> sent, int from) {
        int index = from;
        while (index < sent.size() && emulator.interaction(sent.get(index).id()).respondedAt() != null) {
            index++;
        }
        return index;
    }
}
