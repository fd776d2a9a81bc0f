package io.guildflow.devtools.cli;

import io.guildflow.devtools.demo.DemoServices;
import io.guildflow.devtools.demo.DemoSession;
import io.guildflow.devtools.demo.PingTraffic;
import io.guildflow.app.runtime.GuildflowProcess;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        // One string: the command list of the dev jar's --help shows only the first.
        description = "Start the Discord emulator, a gateway and two workers against local NATS and PostgreSQL"
                + " (its own when none runs), send a stream of /ping, print each answer and a summary.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--interactions", defaultValue = "200", description = "how many /ping to send (default ${DEFAULT-VALUE})")
    int interactions;

    @Option(names = "--rate", defaultValue = "50", description = "interactions per second (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--guilds", defaultValue = "3", description = "emulated guilds (default ${DEFAULT-VALUE})")
    int guilds;

    @Mixin
    Console console;

    @Option(names = "--own-services", description = "start an embedded PostgreSQL and a nats-server child process"
            + " even when local ones answer (DATABASE_URL and NATS_URL still win when set)")
    boolean ownServices;

    @Option(names = "--keep-running", description = "keep serving after the summary (Ctrl-C to stop)")
    boolean keepRunning;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = Console.open(spec);
        try (DemoServices services = DemoServices.provide(System.getenv(), ownServices)) {
            services.lines().forEach(out::println);
            out.flush();
            return run(out, DemoSession.environment(services.environment(), "demo"));
        }
    }

    private int run(PrintWriter out, Map<String, String> env) throws InterruptedException {
        try (DemoSession session = DemoSession.open(env, guilds, console.workers)) {
            out.printf("emulator: %s (%d guilds)%n", session.emulator().apiUrl(), guilds);
            out.printf("gateway:  http://127.0.0.1:%d/metrics%n", session.cluster().gateway().healthPort());
            for (GuildflowProcess worker : session.cluster().workers()) {
                out.printf("worker:   http://127.0.0.1:%d/metrics%n", worker.healthPort());
            }
            // the same routes `emulator` lists: with --keep-running a person goes on by hand after the summary
            session.emulator().routes().forEach(out::println);
            out.printf("sending %d /ping at %.0f/s …%n", interactions, rate);
            out.flush();
            PingTraffic.Run run = new PingTraffic(session.emulator()).run(interactions, rate,
                    Duration.ofSeconds(10), record -> {
                        out.printf("  %s  guild %s  %4d ms  %s%n", record.id(),
                                record.guildId() == null ? "dm" : record.guildId(),
                                record.acknowledgementLatency().toMillis(), record.content());
                        out.flush();
                    });
            out.println("summary: " + run.describe());
            out.flush();
            if (keepRunning) {
                out.println("still serving; Ctrl-C to stop");
                out.flush();
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                stop.await();
            }
            return run.everyInteractionAnsweredOnceInTime() ? 0 : 1;
        }
    }
}
