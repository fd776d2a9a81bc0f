package io.guildflow.app.cli;

import io.guildflow.app.runtime.GuildflowProcess;
import io.guildflow.common.config.GuildflowConfig;
import io.guildflow.common.telemetry.LogSetup;
import io.guildflow.worker.dispatch.HandlerCatalog;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start what BOT_MODE says: gateway, worker, or standalone (both in one process, still through NATS).")
final class RunCommand implements Callable<Integer> {

    @Override
    public Integer call() throws InterruptedException {
        GuildflowConfig config = GuildflowConfig.fromEnvironment().validateForMode();
        LogSetup.configure(config.logLevel(), config.lokiUrl().orElse(null));
        HandlerCatalog handlers = HandlerCatalog.discover(Thread.currentThread().getContextClassLoader());
        GuildflowProcess process = GuildflowProcess.start(config, Clock.systemUTC(), handlers, instanceName());
        Runtime.getRuntime().addShutdownHook(new Thread(process::close, "gf-shutdown"));
        stopOn(process::close, "TERM", "INT");
        LoggerFactory.getLogger(RunCommand.class).info("guildflow {} running in environment {}; health on port {}",
                config.mode().label(), config.environment(), process.healthPort());
        process.awaitTermination();
        return 0;
    }

    /**
     * SIGTERM (a deploy) and SIGINT stop gracefully and the process exits 0: the worker stops pulling,
     * finishes or hands back what it holds. With only a shutdown hook the JVM would exit 143.
     */
    @SuppressWarnings("sunapi")
    private static void stopOn(Runnable stop, String... signals) {
        for (String name : signals) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> new Thread(stop, "gf-stop-" + name).start());
        }
    }

    /**
     * The pod or host name plus this process's id and a random suffix: what an operator recognises in
     * the ledger and in NATS connection lists, and unique even for two workers on one host (or two
     * containers whose processes are both pid 1).
     */
    static String instanceName() {
        return hostName() + "-" + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "worker";
        }
    }
}
