package io.guildflow.devtools.cli;

import io.guildflow.devtools.bench.BenchmarkLauncher;
import io.guildflow.testsupport.bench.EmulatorThroughput;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        // The first string is the summary the dev jar's --help lists: a whole sentence, not a cut-off line.
        // It names both targets: the list shows nothing else of the command.
        description = {"Measure the pipeline (default: the emulator in this JVM, a gateway and N workers as separate"
                + " processes under open-loop traffic, then the monolith and the floor at the same rate), with"
                + " `bench emulator` the emulator alone, or with `bench gateway-crash` what a gateway's SIGKILL"
                + " loses.",
                "Writes results.json and chart.png to --out."})
final class BenchCommand implements Callable<Integer> {
    @Parameters(index = "0", defaultValue = "pipeline", paramLabel = "<target>",
            description = "pipeline, emulator or gateway-crash (default ${DEFAULT-VALUE})")
    String target;

    @Option(names = "--gateways", defaultValue = "1", description = "gateway-crash: gateways holding the shards, the"
            + " first SIGKILLed halfway through --duration and restarted at once (default ${DEFAULT-VALUE})")
    int gateways;

    @Option(names = "--rate", defaultValue = "200", description = "interactions per second (default ${DEFAULT-VALUE};"
            + " with --find-max the first step)")
    double rate;

    @Option(names = "--duration", defaultValue = "20s", description = "measured time, e.g. 20s or 1m"
            + " (default ${DEFAULT-VALUE}; with --find-max per step)")
    String duration;

    @Option(names = "--warmup", defaultValue = "5s", description = "traffic right after start-up, reported as the"
            + " cold start (default ${DEFAULT-VALUE})")
    String warmup;

    @Option(names = "--guilds", defaultValue = "3", description = "guilds in the emulator (default ${DEFAULT-VALUE})")
    int guilds;

    @Option(names = "--mix", defaultValue = "ping", description = "ping or mixed (default ${DEFAULT-VALUE})")
    String mix;

    @Option(names = "--out", description = "directory for results.json, chart.png and the processes' logs"
            + " (default bench-results/<time>)")
    Path out;

    @Option(names = "--find-max", description = "raise the rate until p99 > 100 ms or answers go missing, for 1, 2"
            + " and 4 workers and the floor")
    boolean findMax;

    @Option(names = "--no-references", description = "skip the floor and the monolith")
    boolean noReferences;

    @Option(names = "--jvm-option", paramLabel = "<option>", description = "an extra option for every child JVM,"
            + " e.g. --jvm-option=-Xmx160m (repeatable)")
    java.util.List<String> jvmOptions = new java.util.ArrayList<>();

    @Option(names = "--events", defaultValue = "0", paramLabel = "<multiple>", description = "repeat the measured"
            + " run with members' messages (gateway events) at this multiple of --rate beside it, e.g. 5; reports"
            + " interaction p99 with and without them, events handled and their lag (default 0: none)")
    double events;

    @Option(names = "--event-rounds", defaultValue = "3", paramLabel = "<n>", description = "with --events: alternate"
            + " this many runs without and with the messages and report the median of their p99 ratios, so one"
            + " neighbour's burst does not decide the figure (default 3)")
    int eventRounds;

    @Option(names = "--outbox", defaultValue = "0", paramLabel = "<multiple>", description = "after the other"
            + " measured runs, one more with /signup create (each an outbox post, held back by Discord's limits and the"
            + " REST governor) at this multiple of --rate beside it; reports interaction p99 with and without, and what"
            + " the outbox did (default 0: none)")
    double outbox;

    @Option(names = "--profile", description = "record every child JVM with JDK Flight Recorder into --out")
    boolean profile;

    @Mixin
    Console console;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = Console.open(spec);
        switch (target) {
            case "emulator" -> {
                out.println(EmulatorThroughput.measure().summary());
                return 0;
            }
            case "pipeline" -> {
                return new BenchmarkLauncher(new BenchmarkLauncher.Options(rate, parse("--duration", duration),
                        parse("--warmup", warmup), console.workers, guilds, mix, findMax, !noReferences, profile,
                        jvmOptions, this.out, events, eventRounds, outbox, 0), out)
                        .run(System.getenv(), spec.commandLine().getErr());
            }
            case "gateway-crash" -> {
                if (gateways < 1) {
                    spec.commandLine().getErr().println("guildflow-dev bench: --gateways must be positive");
                    return 2;
                }
                return new BenchmarkLauncher(new BenchmarkLauncher.Options(rate, parse("--duration", duration),
                        Duration.ZERO, console.workers, guilds, mix, false, false, profile, jvmOptions, this.out, 0, 1,
                        0, gateways), out).run(System.getenv(), spec.commandLine().getErr());
            }
            default -> {
                spec.commandLine().getErr().println("guildflow-dev bench: unknown target '" + target
                        + "': expected pipeline, emulator or gateway-crash");
                return 2;
            }
        }
    }

    private Duration parse(String option, String value) {
        try {
            return BenchmarkLauncher.duration(value);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    option + "=" + value + " is not valid: expected a duration such as 20s, 500ms or 2m");
        }
    }
}
