package io.guildflow.app.demo;

import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.EmulatedUser;
import io.guildflow.testkit.recording.InteractionRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Sends {@code /ping} through the emulator at a steady rate (open loop: the schedule does not wait
 * for answers, as Discord users do not), spread over every guild and member, then waits for the
 * answers and reports them as they arrive.
 */
public final class PingTraffic {
    private final DiscordEmulator emulator;

    public PingTraffic(DiscordEmulator emulator) {
        this.emulator = emulator;
    }

    /**
     * @param onAnswer called once per answered interaction, in the order answers are seen
     * @param settle   how long to wait for the last answers after the last dispatch
     */
    public TrafficSummary run(int count, double perSecond, Duration settle, Consumer<InteractionRecord> onAnswer)
            throws InterruptedException {
        List<EmulatedGuild> guilds = emulator.guilds();
        long intervalNanos = (long) (1_000_000_000L / perSecond);
        long start = System.nanoTime();
        List<Long> ids = new ArrayList<>(count);
        Set<Long> pending = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            EmulatedGuild guild = guilds.get(i % guilds.size());
            EmulatedUser user = guild.members().get((i / guilds.size()) % guild.members().size());
            DispatchedInteraction sent = emulator.slashCommand(guild, user, "ping", Map.of());
            ids.add(sent.id());
            pending.add(sent.id());
            if (i % 16 == 0) {
                report(pending, onAnswer);
            }
        }
        long deadline = System.nanoTime() + settle.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            report(pending, onAnswer);
            Thread.sleep(10);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return TrafficSummary.of(ids.stream().map(emulator::interaction).toList(), elapsed);
    }

    private void report(Set<Long> pending, Consumer<InteractionRecord> onAnswer) {
        pending.removeIf(id -> {
            InteractionRecord record = emulator.interaction(id);
            if (record.respondedAt() == null) {
                return false;
            }
            onAnswer.accept(record);
            return true;
        });
    }
}
