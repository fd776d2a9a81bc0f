package io.guildflow.testkit.bot;

import io.guildflow.common.runtime.EmbeddedRuntime;
import io.guildflow.common.telemetry.LogSetup;
import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.gateway.Intents;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * End-to-end tests for a bot: before each test, a Discord emulator and the Guildflow runtime
 * (gateway and worker in this JVM, through the real NATS and PostgreSQL) serving every handler the
 * test class path lists in {@code META-INF/services/io.guildflow.api.InteractionHandler}; each test
 * in its own {@code ENVIRONMENT} and schema, removed afterwards.
 *
 * <pre>{@code
 * @ExtendWith(GuildflowBotExtension.class)
 * class PingTest {
 *     @Test
 *     void answersPong(TestBot bot) {
 *         assertTrue(bot.slash("ping").content().startsWith("pong"));
 *     }
 * }
 * }</pre>
 * The runtime must be on the test class path (the bot's {@code guildflow-app} dependency). An interaction
 * no handler claims fails the test after it ran, naming it and the registered names; a test of the
 * fallback answer opts out with {@link AllowUnrouted}.
 */
public final class GuildflowBotExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            GuildflowBotExtension.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        EmbeddedRuntime runtime = ServiceLoader.load(EmbeddedRuntime.class).findFirst().orElseThrow(() ->
                new IllegalStateException("no Guildflow runtime on the test class path: add io.guildflow:guildflow-app"));
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        TestWorld world = new TestWorld(System.getenv());
        // Short lines at LOG_LEVEL (default warn): JSON logs, or Jetty's debug chatter, would bury the test's output.
        LogSetup.configureHuman(world.settings().get("LOG_LEVEL"));
        store.put(TestWorld.class, (AutoCloseable) world);
        // every privileged intent allowed (and enabled for the runtime): a bot's event handlers get what they ask for
        DiscordEmulator emulator = DiscordEmulator.builder().guilds(1).privilegedIntents(Intents.PRIVILEGED).build()
                .start();
        store.put(DiscordEmulator.class, (AutoCloseable) emulator);
        Map<String, String> settings = new HashMap<>(world.settings());
        settings.putAll(EmulatorSettings.of(emulator));
        // the development guild: the runtime registers the bot's commands there, as Discord requires
        settings.put("DISCORD_GUILD_ID", emulator.guild(0).id());
        ClassLoader handlers = Thread.currentThread().getContextClassLoader();
        EmbeddedRuntime.Running running = runtime.start(settings, handlers, READY_TIMEOUT);
        store.put(EmbeddedRuntime.Running.class, (AutoCloseable) running);
        store.put(TestBot.class, new TestBot(emulator, world));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        // Runtime first (it holds NATS and the pool), then the emulator, then the streams and schema.
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        EmbeddedRuntime.Running running = store.get(EmbeddedRuntime.Running.class, EmbeddedRuntime.Running.class);
        List<String> unrouted = running == null ? List.of() : running.unrouted();
        Exception first = null;
        for (Class<?> key : new Class<?>[] {EmbeddedRuntime.Running.class, DiscordEmulator.class, TestWorld.class}) {
            AutoCloseable resource = store.remove(key, AutoCloseable.class);
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
        if (!unrouted.isEmpty() && !allowsUnrouted(context)) {
            throw new AssertionError("no handler claimed " + String.join("; ", unrouted) + ". Check the name or"
                    + " custom_id prefix and META-INF/services/io.guildflow.api.InteractionHandler; to test the"
                    + " fallback answer, annotate the test with @" + AllowUnrouted.class.getSimpleName());
        }
    }

    private static boolean allowsUnrouted(ExtensionContext context) {
        return AnnotationSupport.isAnnotated(context.getElement(), AllowUnrouted.class)
                || context.getTestClass().map(type -> AnnotationSupport.isAnnotated(type, AllowUnrouted.class))
                .orElse(false);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestBot.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get(TestBot.class, TestBot.class);
    }
}
