package io.guildflow.app.cli;

import io.guildflow.app.config.BotMode;
import io.guildflow.app.config.GuildflowConfig;
import io.guildflow.app.runtime.EventSubscription;
import io.guildflow.app.runtime.GuildflowProcess;
import io.guildflow.app.runtime.WorkerPriority;
import io.guildflow.common.telemetry.LogIdentity;
import io.guildflow.common.telemetry.LogSetup;
import io.guildflow.worker.dispatch.HandlerCatalog;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import sun.misc.Signal;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start what BOT_MODE says: gateway, worker, or standalone (both in one process, still through NATS).")
final class RunCommand implements Callable<Integer> {

    @Override
    public Integer call() throws InterruptedException {
        GuildflowConfig config = GuildflowConfig.fromEnvironment().validateForMode();
        BotMode mode = config.process().mode();
        LogSetup.configure(config.telemetry().logLevel(), config.telemetry().lokiUrl().orElse(null),
                new LogIdentity("guildflow", mode.label(), config.environment()));
        if (mode == BotMode.WORKER) {
            WorkerPriority.lower(config.process().workerNice()); // before the worker's threads start: they inherit it
        }
        ClassLoader bot = Thread.currentThread().getContextClassLoader();
        HandlerCatalog handlers = HandlerCatalog.discover(bot);
        GuildflowProcess process = GuildflowProcess.start(config, Clock.systemUTC(), handlers,
                EventSubscription.discover(bot), instanceName());
        // SIGTERM/SIGINT close in order (the gateway flushes what it received, within SHUTDOWN_TIMEOUT) and the
        // command then returns 0; the JVM's default would exit 143 after hooks. The hook covers other exits.
        for (String signal : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(signal), received -> new Thread(process::close, "gf-shutdown").start());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::close, "gf-shutdown-hook"));
        LoggerFactory.getLogger(RunCommand.class).info("guildflow {} running in environment {}; health on port {}",
                mode.label(), config.environment(), process.healthPort());
        process.awaitTermination();
        return 0;
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
