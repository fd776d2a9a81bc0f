package io.guildflow.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.app.e2e.CommandLineIT.Result;
import io.guildflow.common.nats.StreamProvisioner;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.recording.RestCall;
import io.guildflow.testsupport.environment.IsolatedEnvironment;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `guildflow setup <guild>` through the packaged runtime, with a bot's handlers on the class path. */
class SetupCommandIT {
    private static final String COMMANDS_ROUTE = "/applications/{application.id}/guilds/{guild.id}/commands";

    @TempDir
    static Path bot;
    private static String classPath;

    @BeforeAll
    static void botWithTwoCommands() throws Exception {
        Path services = Files.createDirectories(bot.resolve("META-INF/services"));
        Files.writeString(services.resolve("io.guildflow.api.InteractionHandler"),
                SetupHandlers.Greet.class.getName() + "\n" + SetupHandlers.Roll.class.getName() + "\n");
        classPath = Path.of("target", "guildflow.jar") + File.pathSeparator + Path.of("target", "test-classes")
                + File.pathSeparator + bot;
    }

    private static Result setup(Map<String, String> env, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "setup";
        System.arraycopy(args, 0, command, 1, args.length);
        return CommandLineIT.runMain(env, classPath, command);
    }

    private static Map<String, String> env(IsolatedEnvironment environment, DiscordEmulator emulator) {
        Map<String, String> env = new HashMap<>(environment.settings());
        // The schema as an operator names it (DATABASE_SCHEMA), not on the URL: setup prepares what the worker uses.
        env.put("DATABASE_URL", IsolatedEnvironment.PG_URL);
        env.put("DATABASE_SCHEMA", environment.schema());
        env.put("DISCORD_TOKEN", emulator.token());
        env.put("DISCORD_API_URL", emulator.apiUrl());
        return env;
    }

    private static List<RestCall> writes(DiscordEmulator emulator) {
        return emulator.restCalls().stream().filter(call -> !call.method().equals("GET")).toList();
    }

    @Test
    void setsUpANewGuildOnceThenChangesNothingAndADryRunWritesNothing() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("setup");
             DiscordEmulator emulator = DiscordEmulator.builder().guilds(1).build().start();
             Connection nats = Nats.connect(IsolatedEnvironment.NATS_URL)) {
            Map<String, String> env = env(environment, emulator);
            String guild = emulator.guild(0).id();
            Subscription changes = nats.subscribe(environment.topology().configSubject(guild));
            nats.flush(Duration.ofSeconds(2));
            String[] args = {guild, "--channel", "Bot Logs", "--role", "Guildflow"};

            Result dryRun = setup(env, append(args, "--dry-run"));
            assertEquals(0, dryRun.exitCode(), dryRun.out() + dryRun.err());
            assertTrue(dryRun.out().contains("commands                     would register 3 (/greet, /roll, /config)"),
                    dryRun.out());
            assertTrue(dryRun.out().contains("dry run: 7 change(s) would be made; nothing was written"), dryRun.out());
            assertEquals(List.of(), writes(emulator), "a dry run makes no write call");
            assertEquals(0, environment.count("SELECT count(*) FROM information_schema.schemata WHERE schema_name = '"
                    + environment.schema() + "'"), "a dry run creates nothing in the database");
            assertFalse(new StreamProvisioner(environment.topology()).streamExists(nats), "nor a stream");
            assertFalse(restBudgetExists(nats, environment), "nor the shared REST budget's bucket");

            Result first = setup(env, args);
            assertEquals(0, first.exitCode(), first.out() + first.err());
            assertTrue(first.out().contains("guild " + guild + " is set up: 7 change(s) made"), first.out());
            assertEquals(1, emulator.restCalls("PUT", COMMANDS_ROUTE).size(), "one bulk overwrite");
            assertEquals(List.of("config", "greet", "roll"), emulator.commands(emulator.guild(0).id()).stream()
                    .map(command -> command.path("name").asText()).sorted().toList());
            String channelId = only(emulator.channels(emulator.guild(0)), "bot-logs");
            String roleId = only(emulator.roles(emulator.guild(0)), "Guildflow");
            assertEquals(1, environment.count("SELECT count(*) FROM guild_config WHERE guild_id = '" + guild
                    + "' AND active AND settings->>'channel' = '" + channelId + "' AND settings->>'role' = '"
                    + roleId + "'"), "the configuration row holds the channel and the role");
            assertTrue(new StreamProvisioner(environment.topology()).streamExists(nats));
            assertTrue(restBudgetExists(nats, environment), "its Discord calls went through the environment's budget");
            assertTrue(changes.nextMessage(Duration.ofSeconds(2)) != null, "workers are told the row changed");

            emulator.clearRecording();
            Result second = setup(env, args);
            assertEquals(0, second.exitCode(), second.out() + second.err());
            assertTrue(second.out().contains("guild " + guild + " was already set up: nothing changed"), second.out());
            assertEquals(List.of(), writes(emulator), "a second run makes no write call");
            assertEquals(1, emulator.restCalls("GET", COMMANDS_ROUTE).size(), "it compares with one GET");
            assertEquals(null, changes.nextMessage(Duration.ofMillis(300)), "and announces no change");
        }
    }

    private static String only(List<JsonNode> items, String name) {
        List<String> ids = items.stream().filter(item -> item.path("name").asText().equals(name))
                .map(item -> item.path("id").asText()).toList();
        assertEquals(1, ids.size(), name + " in " + items);
        return ids.get(0);
    }

    private static String[] append(String[] args, String more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = more;
        return all;
    }

    @Test
    void everyExpectedFailureIsOneLineWithItsExitCode() throws Exception {
        try (IsolatedEnvironment environment = new IsolatedEnvironment("setup-fail");
             DiscordEmulator emulator = DiscordEmulator.builder().guilds(1).build().start()) {
            Map<String, String> good = env(environment, emulator);
            String guild = emulator.guild(0).id();

            expect(2, "guildflow: <guild>=my-server is not valid: expected a Discord guild id", good, "my-server");
            expect(2, "guildflow: <guild>=99999999999999999999999 is not valid", good, "99999999999999999999999");
            expect(2, "guildflow: DISCORD_TOKEN is not set", without(good, "DISCORD_TOKEN"), guild);
            expect(2, "guildflow: DATABASE_URL is not set", without(good, "DATABASE_URL"), guild);
            expect(4, "guildflow setup: the bot is not a member of guild 4242 (Discord: 404 code 10004 Unknown Guild)",
                    good, "4242");
            expect(3, "guildflow setup: Discord refused GET guilds/{id}: HTTP 401, code 0: 401: Unauthorized",
                    with(good, "DISCORD_TOKEN", "not-the-token"), guild);
            expect(3, "guildflow setup: cannot reach Discord at http://127.0.0.1:1/api/v10 (DISCORD_API_URL)",
                    with(good, "DISCORD_API_URL", "http://127.0.0.1:1/api/v10"), guild);
            Map<String, String> databaseDown = with(good, "DATABASE_URL", "postgres://postgres@127.0.0.1:1/none");
            databaseDown.put("DB_CONNECT_TIMEOUT", "1s");
            expect(3, "guildflow setup: PostgreSQL at postgresql://127.0.0.1:1/none refused the connection: nothing listens",
                    databaseDown, guild);
            expect(3, "guildflow setup: PostgreSQL at postgresql://127.0.0.1:5432/guildflow_no_such_db has no such database",
                    with(good, "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/guildflow_no_such_db"), guild);
            expect(3, "guildflow setup: PostgreSQL at postgresql://127.0.0.1:5432/test refused the credentials",
                    with(good, "DATABASE_URL", "postgres://guildflow_no_such_role@127.0.0.1:5432/test"), guild);
            expect(3, "guildflow setup: cannot connect to NATS at nats://127.0.0.1:1 (NATS_URL)",
                    with(good, "NATS_URL", "nats://127.0.0.1:1"), guild);
        }
    }

    private static void expect(int exitCode, String line, Map<String, String> env, String... args) throws Exception {
        Result result = setup(env, args);
        String all = result.out() + result.err();
        assertEquals(exitCode, result.exitCode(), all);
        assertEquals(1, result.errLines().size(), "one line:\n" + result.err());
        assertTrue(result.errLines().get(0).startsWith(line), result.errLines().get(0));
        assertFalse(all.contains("\tat ") || all.contains("Exception in thread") || all.contains("Caused by"),
                "no stack trace:\n" + all);
        assertFalse(all.contains("not-the-token") || all.contains("emulated-bot-token"), "never the token:\n" + all);
    }

    private static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> changed = new HashMap<>(env);
        changed.put(name, value);
        return changed;
    }

    private static Map<String, String> without(Map<String, String> env, String name) {
        Map<String, String> changed = new HashMap<>(env);
        changed.remove(name);
        return changed;
    }

    /** The key-value bucket the REST governor shares the bot's budget in (issue 24): there once a process joined it. */
    private static boolean restBudgetExists(Connection nats, IsolatedEnvironment environment) throws Exception {
        try {
            nats.jetStreamManagement().getStreamInfo("KV_" + environment.topology().restBucket());
            return true;
        } catch (io.nats.client.JetStreamApiException e) {
            return false;
        }
    }
}
