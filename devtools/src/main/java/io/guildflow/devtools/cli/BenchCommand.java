package io.guildflow.devtools.cli;

import io.guildflow.devtools.demo.DemoSession;
import io.guildflow.devtools.demo.PingTraffic;
import io.guildflow.testkit.bench.EmulatorThroughput;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure. `bench pipeline` (default): emulator → gateway → JetStream → workers → PostgreSQL →",
                "emulator at a fixed open-loop rate, after a warm-up. `bench emulator`: the emulator alone."})
final class BenchCommand implements Callable<Integer> {
    @Parameters(index = "0", defaultValue = "pipeline", paramLabel = "<target>",
            description = "pipeline or emulator (default ${DEFAULT-VALUE})")
    String target;

    @Option(names = "--rate", defaultValue = "200", description = "interactions per second (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--seconds", defaultValue = "15", description = "measured seconds (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--warmup", defaultValue = "5", description = "warm-up seconds, not counted (default ${DEFAULT-VALUE})")
    int warmup;

    @Mixin
    Console console;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = Console.open(spec);
        switch (target) {
            case "emulator" -> {
                out.println(EmulatorThroughput.measure().summary());
                return 0;
            }
            case "pipeline" -> {
                return pipeline(out);
            }
            default -> {
                spec.commandLine().getErr().println("guildflow bench: unknown target '" + target
                        + "': expected pipeline or emulator");
                return 2;
            }
        }
    }

    private int pipeline(PrintWriter out) throws InterruptedException {
        try (DemoSession session = DemoSession.open(DemoSession.environment(System.getenv(), "bench"), 3, console.workers)) {
            PingTraffic traffic = new PingTraffic(session.emulator());
            out.printf("warm-up: %d s at %.0f/s%n", warmup, rate);
            out.flush();
            traffic.run((int) (rate * warmup), rate, Duration.ofSeconds(10), record -> { });
            out.printf("measuring: %d s at %.0f/s with %d workers%n", seconds, rate, console.workers);
            out.flush();
            PingTraffic.Run run = traffic.run((int) (rate * seconds), rate, Duration.ofSeconds(15), record -> { });
            out.println("result: " + run.describe());
            return run.everyInteractionAnsweredOnceInTime() ? 0 : 1;
        }
    }
}
