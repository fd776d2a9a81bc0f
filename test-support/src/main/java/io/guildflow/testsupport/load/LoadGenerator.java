package io.guildflow.testsupport.load;

import io.guildflow.common.DaemonThreads;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.model.EmulatedGuild;
import io.guildflow.testkit.model.EmulatedUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Open-loop load: dispatches N slash commands at a target rate on a fixed schedule (never waiting for answers),
 * spread round-robin over the emulator's guilds and their members. Summarize with {@link LoadSummary#of}.
 */
public final class LoadGenerator {
    private final DiscordEmulator emulator;

    public LoadGenerator(DiscordEmulator emulator) {
        this.emulator = emulator;
    }

    /** Sends {@code count} {@code /command} interactions at {@code perSecond}; returns their ids in send order. */
    public List<String> run(String command, int count, double perSecond) {
        return dispatch(command, count, perSecond, i -> Map.of(), sent -> { }).stream().map(DispatchedInteraction::id).toList();
    }

    /**
     * Same, with per-command options ({@code options.apply(i)} for the i-th command), returning the dispatched
     * interactions.
     */
    public List<DispatchedInteraction> run(String command, int count, double perSecond,
            IntFunction<Map<String, ?>> options) {
        return dispatch(command, count, perSecond, options, sent -> { });
    }

    /** Same, telling {@code onDispatch} of each interaction right after it went out (for live reporting). */
    public List<DispatchedInteraction> run(String command, int count, double perSecond,
            IntFunction<Map<String, ?>> options, Consumer<DispatchedInteraction> onDispatch) {
        return dispatch(command, count, perSecond, options, onDispatch);
    }

    private List<DispatchedInteraction> dispatch(String command, int count, double perSecond,
            IntFunction<Map<String, ?>> options, Consumer<DispatchedInteraction> onDispatch) {
        if (count <= 0) {
            return List.of();
        }
        if (perSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + perSecond);
        }
        List<EmulatedGuild> guilds = emulator.guilds().stream().filter(g -> !g.members().isEmpty()).toList();
        if (guilds.isEmpty()) {
            throw new IllegalStateException("the emulator has no guild with members");
        }
        List<DispatchedInteraction> sent = Collections.synchronizedList(new ArrayList<>(count));
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        long periodNanos = Math.max(1, (long) (1_000_000_000L / perSecond));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("load-generator"));
        try {
            ScheduledFuture<?> task = scheduler.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i >= count) {
                    done.countDown();
                    return;
                }
                EmulatedGuild guild = guilds.get(i % guilds.size());
                EmulatedUser user = guild.members().get((i / guilds.size()) % guild.members().size());
                DispatchedInteraction dispatched = emulator.slashCommand(guild, user, command, options.apply(i));
                sent.add(dispatched);
                onDispatch.accept(dispatched);
                if (i == count - 1) {
                    done.countDown();
                }
            }, 0, periodNanos, TimeUnit.NANOSECONDS);
            long expectedNanos = periodNanos * count;
            if (!done.await(expectedNanos + Duration.ofMinutes(1).toNanos(), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("load generator did not finish; sent " + sent.size());
            }
            task.cancel(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted after " + sent.size() + " commands", e);
        } finally {
            scheduler.shutdownNow();
        }
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }
}
