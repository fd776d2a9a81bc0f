package io.guildflow.devtools.bench;

import io.guildflow.devtools.demo.DemoSession;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The `bench` command's options, checked, turned into a plan and run. */
public final class BenchmarkLauncher {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)?");
    private static final String DEFAULT_DATABASE_URL =
            "postgres://postgres@127.0.0.1:5432/postgres?currentSchema=guildflow_bench";

    private final Options options;
    private final PrintWriter out;

    /**
     * What {@code bench} was asked, as given on the command line; {@link #run} checks it.
     *
     * @param jvmOptions    extra options for every child JVM
     * @param directory     where results go; null: {@code bench-results/<time>}
     * @param eventFlood    {@code --events}: messages per interaction beside a second measured run (0: none)
     * @param eventRounds   {@code --event-rounds}: pairs of runs without and with them
     * @param outboxFlood   {@code --outbox}: signups (each an outbox post) per interaction beside a last run (0: none)
     * @param crashGateways {@code bench gateway-crash}: this many gateways, the first SIGKILLed halfway (0: the
     *                      pipeline bench)
     */
    public record Options(double rate, Duration duration, Duration warmup, int workers, int guilds, String mix,
                          boolean findMax, boolean references, boolean profile, List<String> jvmOptions,
                          Path directory, double eventFlood, int eventRounds, double outboxFlood, int crashGateways) {
        public Options {
            jvmOptions = List.copyOf(jvmOptions);
        }
    }

    public BenchmarkLauncher(Options options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    /** {@code 20s}, {@code 500ms}, {@code 2m}, or plain seconds. */
    public static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(text);
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    /** @return the exit code: 0 done, 1 Guildflow lost or repeated an answer, 2 an option is invalid */
    public int run(Map<String, String> processEnvironment, PrintWriter err) throws Exception {
        Options o = options;
        TrafficMix trafficMix;
        try {
            trafficMix = TrafficMix.valueOf(o.mix().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("guildflow-dev bench: --mix=" + o.mix() + " is not valid: expected ping or mixed");
            return 2;
        }
        if (o.rate() <= 0 || o.workers() < 1 || o.guilds() < 1 || o.duration().isZero() || o.warmup().isNegative()
                || o.eventFlood() < 0 || o.eventRounds() < 1 || o.outboxFlood() < 0) {
            err.println("guildflow-dev bench: --rate, --duration, --workers, --guilds and --event-rounds must be"
                    + " positive, --events and --outbox not negative");
            return 2;
        }
        Path results = o.directory() != null ? o.directory() : Path.of("bench-results",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        List<String> jvmOptions = new ArrayList<>(o.jvmOptions());
        if (o.profile()) {
            // One recording per process (ChildProcess fills in the name), written when it stops.
            jvmOptions.add("-XX:StartFlightRecording=settings=profile,filename="
                    + results.toAbsolutePath().resolve(ChildProcess.NAME_PLACEHOLDER + ".jfr"));
        }
        BenchPlan plan = new BenchPlan(o.rate(), o.duration(), o.warmup(), o.workers(), o.guilds(), trafficMix,
                results, o.references(), jvmOptions, o.eventFlood(), o.eventRounds(), o.outboxFlood());
        Map<String, String> environment = new HashMap<>(processEnvironment);
        environment.putIfAbsent("DATABASE_URL", DEFAULT_DATABASE_URL);
        if (o.crashGateways() > 0) {
            return new GatewayCrash(plan, o.crashGateways(), DemoSession.environment(environment, "bench"), out).run();
        }
        Benchmark benchmark = new Benchmark(plan, DemoSession.environment(environment, "bench"), out);
        return o.findMax() ? benchmark.findMax() : benchmark.run();
    }
}
