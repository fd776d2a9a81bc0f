package io.guildflow.devtools.bench;

import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.devtools.demo.Preflight;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testsupport.load.LoadGenerator;
import io.guildflow.testsupport.load.LoadSummary;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code bench gateway-crash}: what a gateway's crash costs. Steady {@code /ping} traffic; halfway through, the first
 * gateway is SIGKILLed and its replacement started at once, as a restart policy does. With one gateway, every
 * interaction Discord dispatches while no session holds the shard is lost (Discord drops it after 3 s); with two, the
 * other session already received it.
 */
final class GatewayCrash {
    /** Room for the last interactions' answers (and a wrong second one) to arrive. */
    private static final Duration SETTLE = Duration.ofSeconds(10);

    private final BenchPlan plan;
    private final int gateways;
    private final Map<String, String> environment;
    private final GuildflowConfig config;
    private final PrintWriter out;

    GatewayCrash(BenchPlan plan, int gateways, Map<String, String> environment, PrintWriter out) {
        this.plan = plan;
        this.gateways = gateways;
        this.environment = environment;
        this.config = GuildflowConfig.fromEnvironment(environment);
        this.out = out;
    }

    /** @return 0 when nothing was answered twice (losses are the measurement, not a failure), 1 otherwise */
    int run() throws Exception {
        Preflight.check(config);
        Files.createDirectories(plan.out());
        int count = (int) Math.round(plan.rate() * plan.duration().toSeconds());
        say("gateway crash: %d gateway(s), %d worker(s), %d /ping at %.0f/s; SIGKILL of the first gateway after %d,"
                + " restarted at once; load average %s", gateways, plan.workers(), count, plan.rate(), count / 2,
                LoadAverage.read());
        try (DiscordEmulator emulator = BotCommands.emulator().guilds(plan.guilds()).commands("ping").build().start()) {
            Benchmark.removeStreams(config);
            try (Deployment deployment = Deployment.guildflow(emulator, environment, plan.workers(), gateways,
                    plan.jvmOptions(), plan.out())) {
                String victim = gateways == 1 ? "gateway" : "gateway-1";
                AtomicInteger dispatched = new AtomicInteger();
                CompletableFuture<Duration> restart = new CompletableFuture<>();
                List<DispatchedInteraction> sent = new LoadGenerator(emulator).run("ping", count, plan.rate(),
                        i -> Map.of(), interaction -> {
                            if (dispatched.incrementAndGet() == count / 2) {
                                CompletableFuture.runAsync(() -> restart.complete(crash(deployment, victim, emulator)));
                            }
                        });
                Duration gap = restart.get();
                Thread.sleep(SETTLE.toMillis());
                LoadSummary summary = LoadSummary.of(emulator, sent.stream().map(DispatchedInteraction::id).toList());
                say("gateway crash: the replacement was ready %.1f s after the kill", gap.toMillis() / 1000.0);
                say("gateway crash: %d sent, %d acknowledged within 3 s, %d never acknowledged, %d refused as late,"
                        + " %d answered more than once", summary.sent(), summary.answeredWithin3s(),
                        summary.sent() - summary.answered(), summary.late(), summary.duplicates());
                return summary.duplicates() == 0 ? 0 : 1;
            }
        } finally {
            Benchmark.removeStreams(config);
        }
    }

    private Duration crash(Deployment deployment, String victim, DiscordEmulator emulator) {
        try {
            return deployment.crashGateway(victim, emulator, environment, plan.jvmOptions(), plan.out());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting " + victim, e);
        }
    }

    private void say(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }
}
