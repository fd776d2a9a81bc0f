package io.guildflow.devtools.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.common.nats.NatsConnections;
import io.guildflow.common.nats.StreamProvisioner;
import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.devtools.demo.Preflight;
import io.guildflow.testkit.DiscordEmulator;
import io.nats.client.Connection;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One `bench` invocation: the emulator in this JVM (it plays Discord and drives the traffic), Guildflow's gateway
 * and workers as separate processes, then the monolith and the floor at the same rate, so every figure is also a
 * ratio measured on the same machine a minute apart.
 */
final class Benchmark {
    static final String GUILDFLOW = "guildflow";
    static final String COLD_START = "cold start";
    static final String MONOLITH = "monolith";
    static final String FLOOR = "floor";
    static final String WITH_EVENTS = "guildflow + events";
    static final String WITH_OUTBOX = "guildflow + outbox";

    private static final java.time.Duration CATCH_UP = java.time.Duration.ofSeconds(60);
    /** How long the workers may take, after the flood, to handle what it sent before it counts as not handled. */
    private static final java.time.Duration EVENTS_SETTLE = java.time.Duration.ofSeconds(60);
    /** How long the outbox may take, after its flood, to post what it queued before the bench reports the backlog. */
    private static final java.time.Duration OUTBOX_SETTLE = java.time.Duration.ofSeconds(30);

    private final BenchPlan plan;
    private final Map<String, String> environment;
    private final GuildflowConfig config;
    private final PrintWriter out;

    Benchmark(BenchPlan plan, Map<String, String> environment, PrintWriter out) {
        this.plan = plan;
        this.environment = environment;
        this.config = GuildflowConfig.fromEnvironment(environment);
        this.out = out;
    }

    /** @return 0 when every Guildflow interaction was answered once within 3 s, 1 otherwise */
    int run() throws Exception {
        Preflight.check(config);
        Files.createDirectories(plan.out());
        BenchResults results = new BenchResults(plan);
        say("bench: %.0f/s for %d s after a %d s cold start, %d worker(s), %d guild(s), mix %s; load average %s",
                plan.rate(), plan.duration().toSeconds(), plan.warmup().toSeconds(), plan.workers(), plan.guilds(),
                plan.mix().label(), LoadAverage.read());
        try (DiscordEmulator emulator = emulator()) {
            removeStreams();
            measureGuildflow(emulator, plan, results);
            if (plan.references()) {
                measureMonolith(emulator, results);
                measureFloor(results);
            }
        } finally {
            removeStreams();
        }
        summarize(results);
        boolean eventsClean = plan.eventFlood() == 0 || results.section("events").path("withEventsClean").asBoolean()
                && events(results, "handled") == events(results, "sent");
        ObjectNode outbox = results.section("outbox");
        boolean outboxClean = plan.outboxFlood() == 0 || outbox.path("withOutboxClean").asBoolean()
                && outbox.path("answered").asInt() == outbox.path("sent").asInt();
        return results.runs().get(GUILDFLOW).clean() && eventsClean && outboxClean ? 0 : 1;
    }

    private static int events(BenchResults results, String field) {
        return results.section("events").path(field).asInt(-1);
    }

    /**
     * Raises the rate by a quarter per step until p99 passes 100 ms or an answer is missing, for 1, 2 and 4 workers.
     *
     * @return {@link #findMaxExitCode}: 0 with a highest sustained rate for every Guildflow deployment, else 1
     */
    int findMax() throws Exception {
        Preflight.check(config);
        Files.createDirectories(plan.out());
        BenchResults results = new BenchResults(plan);
        var section = results.section("findMax");
        say("find-max: from %.0f/s, %d s per step, +25%% per step, until p99 > 100 ms or an answer is missing;"
                + " load average %s", plan.rate(), plan.duration().toSeconds(), LoadAverage.read());
        Map<String, Double> highest = new LinkedHashMap<>();
        int[] repeated = {0};
        int unanswered = 0;
        try (DiscordEmulator emulator = emulator()) {
            for (int workers : List.of(1, 2, 4)) {
                removeStreams();
                try (Deployment deployment = Deployment.guildflow(emulator, environment, workers, plan.jvmOptions(),
                        plan.out())) {
                    OpenLoopTraffic traffic = new OpenLoopTraffic(emulator, plan.mix());
                    traffic.run(plan.rate(), plan.warmup(), out, deployment::describeUsage);
                    catchUp(traffic);
                    double best = climb(section, workers + " workers", rate -> {
                        LatencyRun run = traffic.run(rate, plan.duration(), out, deployment::describeUsage);
                        repeated[0] += run.duplicates();
                        return run;
                    }, results);
                    highest.put(workers + " worker(s)", best);
                    say("highest sustained rate with %d worker(s): %.0f/s", workers, best);
                    // The step that was too much may answer late, but it must answer: a minute on, nothing is pending.
                    int outstanding = traffic.awaitCaughtUp(CATCH_UP);
                    if (outstanding > 0) {
                        say("%d interaction(s) of the last step with %d worker(s) still unanswered after %d s",
                                outstanding, workers, CATCH_UP.toSeconds());
                    }
                    unanswered += outstanding;
                }
            }
            FloorReference floor = floor();
            floor.run(plan.rate(), plan.warmup());
            double best = climb(section, FLOOR, rate -> floor.run(rate, plan.duration()), results);
            say("highest sustained rate of the floor: %.0f/s", best);
        } finally {
            removeStreams();
        }
        results.write(plan.out().resolve("results.json"));
        BenchChart.write(results.runs(), "find-max steps (answer latency)", plan.out().resolve("chart.png"));
        say("wrote %s and %s", plan.out().resolve("results.json"), plan.out().resolve("chart.png"));
        int exitCode = findMaxExitCode(highest, repeated[0], unanswered);
        if (exitCode != 0) {
            say("find-max: no answer (exit 1): highest sustained rates %s, interactions answered more than once: %d,"
                    + " never answered: %d", highest, repeated[0], unanswered);
        }
        return exitCode;
    }

    /**
     * find-max answers "how high can it go"; like a plain run it exits 1 when it has no such answer: a Guildflow
     * deployment sustained not even the first step's rate (reported as 0/s), a step answered an interaction more
     * than once, or an interaction was never answered (a minute after the last step, neither answered nor refused as
     * too late): never right, whatever the rate. The floor is a reference and does not decide the code.
     */
    static int findMaxExitCode(Map<String, Double> highestSustainedRates, int repeatedAnswers, int unanswered) {
        boolean everyDeploymentSustainedOne = !highestSustainedRates.isEmpty()
                && highestSustainedRates.values().stream().allMatch(rate -> rate > 0);
        return everyDeploymentSustainedOne && repeatedAnswers == 0 && unanswered == 0 ? 0 : 1;
    }

    private interface Step {
        LatencyRun at(double rate) throws Exception;
    }

    private double climb(com.fasterxml.jackson.databind.node.ObjectNode section, String name, Step step,
                         BenchResults results) throws Exception {
        double best = 0;
        boolean firstAgain = true;
        var steps = section.putObject(name).putArray("steps");
        for (double rate = plan.rate(); ; rate = Math.round(rate * 1.25)) {
            LatencyRun run = step.at(rate);
            if (best == 0 && firstAgain && !(run.clean() && LatencyRun.millis(run.answer(), 99) <= 100)) {
                // Fresh processes still compiling, or a neighbour's burst: one failed first step would report 0/s.
                firstAgain = false;
                say("%s at %.0f/s: not sustained on the first try (%s); counted as warm-up, trying again", name, rate,
                        BenchResults.describe(name, run));
                run = step.at(rate);
            }
            double p99 = LatencyRun.millis(run.answer(), 99);
            boolean sustained = run.clean() && p99 <= 100;
            steps.addObject().put("rate", rate).put("p99Millis", p99).put("answered", run.answered())
                    .put("sent", run.sent()).put("sustained", sustained).put("loadAverage", LoadAverage.read());
            say("%s at %.0f/s: %s → %s", name, rate, BenchResults.describe(name, run),
                    sustained ? "sustained" : "not sustained");
            results.add(name + " " + Math.round(rate) + "/s", run);
            if (!sustained) {
                section.with(name).put("highestSustainedRate", best);
                return best;
            }
            best = rate;
        }
    }

    /** The measured run starts once the warm-up's backlog is gone (at most a minute later). */
    private void catchUp(OpenLoopTraffic traffic) throws InterruptedException {
        long started = System.nanoTime();
        boolean caughtUp = traffic.awaitCaughtUp(CATCH_UP) == 0;
        say(caughtUp ? "caught up with the warm-up's backlog after %.1f s" : "still behind after %.0f s; measuring anyway",
                (System.nanoTime() - started) / 1e9);
    }

    private void measureGuildflow(DiscordEmulator emulator, BenchPlan plan, BenchResults results) throws Exception {
        say("guildflow: starting %d worker process(es) and a gateway process", plan.workers());
        try (Deployment deployment = Deployment.guildflow(emulator, environment, plan.workers(), plan.jvmOptions(),
                plan.out())) {
            OpenLoopTraffic traffic = new OpenLoopTraffic(emulator, plan.mix());
            say("guildflow: cold start, the first %d s after every process reported ready", plan.warmup().toSeconds());
            // With --events the event path is warmed too, so neither measured run pays for its first compilation.
            PacedSender<EventFlood.Sent> warmEvents = plan.eventFlood() > 0
                    ? eventFlood(emulator).start(plan.rate() * plan.eventFlood(), plan.warmup()) : null;
            record(results, COLD_START, traffic.run(plan.rate(), plan.warmup(), out, deployment::describeUsage));
            catchUp(traffic);
            if (warmEvents != null) {
                say("cold start %s", eventFlood(emulator).settle(warmEvents.await(), plan.rate() * plan.eventFlood(),
                        EVENTS_SETTLE).describe());
            }
            say("guildflow: measuring");
            Map<String, ProcessUsage> before = deployment.usage();
            LatencyRun run = traffic.run(plan.rate(), plan.duration(), out, deployment::describeUsage);
            record(results, GUILDFLOW, run);
            results.processes(GUILDFLOW, before, deployment.usage(), run.sent());
            if (plan.eventFlood() > 0) {
                measureWithEvents(emulator, deployment, traffic, run, results);
            }
            if (plan.outboxFlood() > 0) {
                measureWithOutbox(emulator, deployment, traffic, run, results);
            }
        }
    }

    /**
     * The measured run once more with signups beside it, each an outbox post: the posts queue behind Discord's limits
     * (each channel's bucket, the global one) while the interactions must not (issue 24's target: their p99 at most
     * 1.5× that of the plain measured run). Last, as its backlog drains for a while after it.
     */
    private void measureWithOutbox(DiscordEmulator emulator, Deployment deployment, OpenLoopTraffic traffic,
                                   LatencyRun without, BenchResults results) throws Exception {
        double signupRate = plan.rate() * plan.outboxFlood();
        say("guildflow: with %.0f /signup create/s (%.1f× the interaction rate, each an outbox post) beside the"
                + " interactions", signupRate, plan.outboxFlood());
        Map<String, ProcessUsage> before = deployment.usage();
        OutboxFlood.Flight flight = new OutboxFlood(emulator, config.requireDatabase()).start(signupRate,
                plan.duration());
        LatencyRun with = traffic.run(plan.rate(), plan.duration(), out, deployment::describeUsage);
        record(results, WITH_OUTBOX, with);
        results.processes(WITH_OUTBOX, before, deployment.usage(), with.sent());
        OutboxFlood.OutboxRun outbox = flight.settle(OUTBOX_SETTLE);
        say("%s  (load average %s)", outbox.describe(), LoadAverage.read());
        double withP99 = LatencyRun.millis(with.answer(), 99);
        double withoutP99 = LatencyRun.millis(without.answer(), 99);
        say("interaction answer p99 with the outbox flood %.1f ms, without %.1f ms: %.2f× (target ≤ 1.5×)", withP99,
                withoutP99, withP99 / withoutP99);
        ObjectNode section = results.section("outbox");
        outbox.writeTo(section);
        section.put("withoutP99Millis", withoutP99).put("withP99Millis", withP99)
                .put("interactionP99RatioWithOutbox", withP99 / withoutP99).put("withOutboxClean", with.clean())
                .put("loadAverage", LoadAverage.read());
    }

    /**
     * The same measured run again with members' messages beside it, from the same processes a few seconds later, so
     * the two interaction p99s compare like for like; then what the workers made of the messages. With several
     * rounds the runs alternate (without, with, without, with, …; the plain measured run is the first "without") and
     * the median of the rounds' ratios is the figure: a p99 of a few milliseconds moves with anything that takes a
     * core for a moment, and one such moment should not decide it.
     */
    private void measureWithEvents(DiscordEmulator emulator, Deployment deployment, OpenLoopTraffic traffic,
                                   LatencyRun firstWithout, BenchResults results) throws Exception {
        double eventRate = plan.rate() * plan.eventFlood();
        EventFlood flood = eventFlood(emulator);
        ObjectNode section = results.section("events");
        var rounds = section.putArray("rounds");
        List<Double> ratios = new ArrayList<>();
        Histogram pooledWithout = LatencyRun.histogram();
        Histogram pooledWith = LatencyRun.histogram();
        int sentTotal = 0;
        int handledTotal = 0;
        boolean clean = true;
        for (int round = 1; round <= plan.eventRounds(); round++) {
            String suffix = round == 1 ? "" : ", round " + round;
            LatencyRun without = firstWithout;
            if (round > 1) {
                say("guildflow: round %d of %d, without messages", round, plan.eventRounds());
                without = traffic.run(plan.rate(), plan.duration(), out, deployment::describeUsage);
                record(results, GUILDFLOW + suffix, without);
            }
            say("guildflow: round %d of %d, with %.0f messages/s (%.1f× the interaction rate) beside the interactions",
                    round, plan.eventRounds(), eventRate, plan.eventFlood());
            Map<String, ProcessUsage> before = deployment.usage();
            PacedSender<EventFlood.Sent> sender = flood.start(eventRate, plan.duration());
            LatencyRun with = traffic.run(plan.rate(), plan.duration(), out, deployment::describeUsage);
            List<EventFlood.Sent> sent = sender.await();
            record(results, WITH_EVENTS + suffix, with);
            if (round == 1) {
                results.processes(WITH_EVENTS, before, deployment.usage(), with.sent());
            }
            // Settled before the next "without" run, so no backlog of this flood runs beside it.
            EventFlood.EventRun events = flood.settle(sent, eventRate, EVENTS_SETTLE);
            say("%s  (load average %s)", events.describe(), LoadAverage.read());
            double withP99 = LatencyRun.millis(with.answer(), 99);
            double withoutP99 = LatencyRun.millis(without.answer(), 99);
            double ratio = withP99 / withoutP99;
            say("round %d: interaction answer p99 with the events %.1f ms, without %.1f ms: %.2f×", round, withP99,
                    withoutP99, ratio);
            ObjectNode row = rounds.addObject().put("withoutP99Millis", withoutP99).put("withP99Millis", withP99)
                    .put("ratio", ratio).put("loadAverage", LoadAverage.read());
            events.writeTo(row);
            if (round == 1) {
                events.writeTo(section);
            }
            ratios.add(ratio);
            pooledWithout.add(without.answer());
            pooledWith.add(with.answer());
            sentTotal += events.sent();
            handledTotal += events.handled();
            clean &= with.clean();
        }
        double median = median(ratios);
        double pooled = LatencyRun.millis(pooledWith, 99) / LatencyRun.millis(pooledWithout, 99);
        say("interaction answer p99 with the events against without: median of %d round(s) %.2f×, all rounds pooled"
                + " %.2f× (target ≤ 1.5×); rounds %s", ratios.size(), median, pooled, ratios.stream()
                .map(r -> String.format(Locale.ROOT, "%.2f×", r)).toList());
        section.put("sent", sentTotal).put("handled", handledTotal).put("withEventsClean", clean)
                .put("interactionP99RatioWithEvents", median).put("interactionP99RatioPooled", pooled)
                .put("loadAverage", LoadAverage.read());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private void measureMonolith(DiscordEmulator emulator, BenchResults results) throws Exception {
        say("monolith: the same handlers behind a JDA listener in one process, no NATS");
        try (Deployment deployment = Deployment.monolith(emulator, environment, plan.jvmOptions(), plan.out())) {
            OpenLoopTraffic traffic = new OpenLoopTraffic(emulator, plan.mix());
            traffic.run(plan.rate(), plan.warmup(), out, deployment::describeUsage);
            catchUp(traffic);
            say("monolith: measuring after a %d s warm-up", plan.warmup().toSeconds());
            Map<String, ProcessUsage> before = deployment.usage();
            LatencyRun run = traffic.run(plan.rate(), plan.duration(), out, deployment::describeUsage);
            record(results, MONOLITH, run);
            results.processes(MONOLITH, before, deployment.usage(), run.sent());
        }
    }

    private void measureFloor(BenchResults results) throws Exception {
        say("floor: jnats → JetStream → 2 pull consumers → 1 PostgreSQL commit → OkHttp POST to Jetty, in this JVM");
        FloorReference floor = floor();
        floor.run(plan.rate(), plan.warmup());
        record(results, FLOOR, floor.run(plan.rate(), plan.duration()));
    }

    private EventFlood eventFlood(DiscordEmulator emulator) {
        return new EventFlood(emulator, config.requireDatabase());
    }

    private FloorReference floor() {
        return new FloorReference(config.nats().servers().urls().get(0), config.requireDatabase());
    }

    private void record(BenchResults results, String name, LatencyRun run) {
        results.add(name, run);
        say("%s  (load average %s)", BenchResults.describe(name, run), LoadAverage.read());
        run.duplicatePatterns().forEach((pattern, examples) -> say("  duplicates: %d × %s, e.g. %s", examples.count(),
                pattern, examples.examples().get(0)));
    }

    private void summarize(BenchResults results) throws IOException {
        results.processes("bench (emulator, driver, floor)", Map.of(), Map.of("bench", ProcessUsage.self()), 0);
        results.processLines().forEach(out::println);
        Map<String, Double> ratios = results.ratios(GUILDFLOW, List.of(FLOOR, MONOLITH));
        ratios.forEach((what, ratio) -> say(Double.isNaN(ratio)
                ? "guildflow %s: n/a (a side has no answers in time; see missing above)" : "guildflow %s: %.1f×",
                what, ratio));
        results.write(plan.out().resolve("results.json"));
        BenchChart.write(results.runs(), String.format(Locale.ROOT, "guildflow-dev bench: %.0f/s, %d worker(s), mix %s,"
                        + " load average %s", plan.rate(), plan.workers(), plan.mix().label(), LoadAverage.read()),
                plan.out().resolve("chart.png"));
        say("wrote %s and %s", plan.out().resolve("results.json"), plan.out().resolve("chart.png"));
    }

    private DiscordEmulator emulator() {
        // Discord dispatches registered commands only; these are the ones the traffic mixes use.
        List<String> commands = new ArrayList<>(List.of(TrafficMix.commandNames()));
        if (plan.outboxFlood() > 0) {
            commands.add(OutboxFlood.COMMAND);
        }
        return BotCommands.emulator().guilds(plan.guilds()).commands(commands.toArray(String[]::new)).build().start();
    }

    /** A previous run's unanswered events would only be refused by this run's emulator: start clean. */
    private void removeStreams() throws InterruptedException {
        removeStreams(config);
    }

    static void removeStreams(GuildflowConfig config) throws InterruptedException {
        try (Connection nats = NatsConnections.connect(config.nats().servers(), "guildflow-bench-reset")) {
            new StreamProvisioner(config.nats().topology()).removeStreams(nats);
        }
    }

    private void say(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }
}
