package io.guildflow.devtools.cli;

import io.guildflow.devtools.demo.BotCommands;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.bot.EmulatorSettings;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = "Run a local Discord (gateway WebSocket + REST) to point a runtime at by hand.")
final class EmulatorCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "4444", description = "port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "address to listen on and to put in the URLs it hands out; in a container its "
                    + "host name (default ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--guilds", defaultValue = "3", description = "emulated guilds (default ${DEFAULT-VALUE})")
    int guilds;

    @Option(names = "--shards", defaultValue = "1", description = "shards GET gateway/bot recommends (default ${DEFAULT-VALUE})")
    int shards;

    @Override
    public Integer call() throws InterruptedException {
        Console.configureLogs();
        CountDownLatch stop = new CountDownLatch(1);
        try (DiscordEmulator emulator = BotCommands.emulator().host(host).port(port).guilds(guilds).shards(shards)
                .build().start()) {
            BotCommands.registerIn(emulator, BotCommands.discover());
            PrintStream out = System.out;
            emulator.printListening(out);
            out.printf("point a runtime at it: DISCORD_API_URL=%s DISCORD_GATEWAY_URL=%s DISCORD_TOKEN=%s%s%n",
                    emulator.apiUrl(), emulator.gatewayUrl(), emulator.token(),
                    Optional.ofNullable(EmulatorSettings.of(emulator).get("DISCORD_PRIVILEGED_INTENTS"))
                            .map(intents -> " DISCORD_PRIVILEGED_INTENTS=" + intents).orElse(""));
            out.printf("send a /ping:  curl -s -X POST 'http://%s:%d/_emulator/slash?name=ping'%n"
                    + "what happened: curl -s http://%s:%d/_emulator/interactions/<id>%n",
                    host, emulator.port(), host, emulator.port());
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
        return 0;
    }
}
