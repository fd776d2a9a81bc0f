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

    private final double rate;
    private final Duration duration;
    private final Duration warmup;
    private final int workers;
    private final int guilds;
    private final String mix;
    private final PrintWriter out;
    private final boolean findMax;
    private final boolean references;
    private final boolean profile;
    private final List<String> extraJvmOptions;
    private final Path directory;
    private double eventFlood;
    private int eventRounds = 1;
    private double outboxFlood;
    private int crashGateways;

    public BenchmarkLauncher(double rate, Duration duration, Duration warmup, int workers, int guilds, String mix,
                             PrintWriter out, boolean findMax, boolean references, boolean profile,
                             List<String> extraJvmOptions, Path directory) {
        this.rate = rate;
        this.duration = duration;
        this.warmup = warmup;
        this.workers = workers;
        this.guilds = guilds;
        this.mix = mix;
        this.out = out;
        this.findMax = findMax;
        this.references = references;
        this.profile = profile;
        this.extraJvmOptions = List.copyOf(extraJvmOptions);
        this.directory = directory;
    }

    /**
     * {@code --events}: messages per interaction, sent beside a second measured run (0: none); {@code --event-rounds}:
     * how many pairs of runs without and with them.
     */
    public BenchmarkLauncher eventFlood(double multiple, int rounds) {
        this.eventFlood = multiple;
        this.eventRounds = rounds;
        return this;
    }

    /** {@code --outbox}: signups (each an outbox post) per interaction, sent beside a last measured run (0: none). */
    public BenchmarkLauncher outboxFlood(double multiple) {
        this.outboxFlood = multiple;
        return this;
    }

    /** {@code bench gateway-crash}: this many gateways, the first SIGKILLed halfway and restarted at once. */
    public BenchmarkLauncher gatewayCrash(int gateways) {
        this.crashGateways = gateways;
        return this;
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
        TrafficMix trafficMix;
        try {
            trafficMix = TrafficMix.valueOf(mix.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("guildflow-dev bench: --mix=" + mix + " is not valid: expected ping or mixed");
            return 2;
        }
        if (rate <= 0 || workers < 1 || guilds < 1 || duration.isZero() || warmup.isNegative() || eventFlood < 0
                || eventRounds < 1 || outboxFlood < 0) {
            err.println("guildflow-dev bench: --rate, --duration, --workers, --guilds and --event-rounds must be"
                    + " positive, --events and --outbox not negative");
            return 2;
        }
        Path results = directory != null ? directory : Path.of("bench-results",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        List<String> jvmOptions = new ArrayList<>(extraJvmOptions);
        if (profile) {
            // One recording per process (ChildProcess fills in the name), written when it stops.
            jvmOptions.add("-XX:StartFlightRecording=settings=profile,filename="
                    + results.toAbsolutePath().resolve(ChildProcess.NAME_PLACEHOLDER + ".jfr"));
        }
        BenchPlan plan = new BenchPlan(rate, duration, warmup, workers, guilds, trafficMix, results, references,
                jvmOptions, eventFlood, eventRounds, outboxFlood);
        Map<String, String> environment = new HashMap<>(processEnvironment);
        environment.putIfAbsent("DATABASE_URL", DEFAULT_DATABASE_URL);
        if (crashGateways > 0) {
            return new GatewayCrash(plan, crashGateways, DemoSession.environment(environment, "bench"), out).run();
        }
        Benchmark benchmark = new Benchmark(plan, DemoSession.environment(environment, "bench"), out);
        return findMax ? benchmark.findMax() : benchmark.run();
    }
}
